"""A prose Text as blocks: paragraphs, headings, lists, display math, code fences,
images and tables, each a span of the Text, in order. What the prose rules need to know
of what stands around a paragraph (a list after a colon, "wobei" after a formula)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .document import Text, without_unclosable

BlockKind = Literal["text", "heading", "list", "math", "code", "image", "table", "quote", "other"]
# Spans that are one block whatever blank lines they hold.
WHOLE = re.compile(
    r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[ \t]*$"
    r"|^[ \t]*\$\$.*?\$\$[ \t]*$"
    r"|^[ \t]*\\begin\{(?P<env>[A-Za-z*]+)\}.*?\\end\{(?P=env)\}[ \t]*$"
    r"|^[ \t]*<!--.*?-->[ \t]*$"
    r"|^(?P<colons>:{3,}).*?^(?P=colons)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
BLANK = re.compile(r"\n[ \t]*\n\s*")
HEADING = re.compile(r"#{1,6}[ \t]+\S")
FIRST_LINE_KINDS: tuple[tuple[re.Pattern[str], BlockKind], ...] = (
    (re.compile(r"#{1,6}[ \t]+\S|<h[1-6]\b", re.I), "heading"),
    (re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+"), "list"),
    (re.compile(r"[ \t]*(?:!\[|<img\b|<figure\b)", re.I), "image"),
    (re.compile(r"[ \t]*(?:\||\+-|<table\b)", re.I), "table"),
    (re.compile(r"[ \t]*>"), "quote"),
    (re.compile(r"[ \t]*(?:<|\[//\]:)"), "other"),
)
WHOLE_KINDS: tuple[tuple[str, BlockKind], ...] = (
    ("```", "code"), ("~~~", "code"), ("$$", "math"), (":::", "other"), ("<!--", "other"),
)  # fmt: skip
FIGURE_ENVIRONMENTS = re.compile(r"\\begin\{(?:figure|table|tabular|lstlisting)", re.I)


@dataclass(frozen=True)
class Block:
    """A span of the Text and what it is; `level` for headings (1–6)."""

    start: int
    end: int
    kind: BlockKind
    level: int = 0


def blocks(text: Text) -> list[Block]:
    """The blocks of a prose Text, in order (a code cell's Text is one code block)."""
    if text.kind == "code":
        return [Block(0, len(text.text), "code")]
    source = without_unclosable(text.text)
    found: list[Block] = []
    position = 0
    for whole in WHOLE.finditer(source):
        found += split(text.text, position, whole.start())
        found.append(Block(whole.start(), whole.end(), whole_kind(whole.group(0))))
        position = whole.end()
    return found + split(text.text, position, len(text.text))


def split(markdown: str, start: int, end: int) -> list[Block]:
    found = []
    position = start
    for gap in [*BLANK.finditer(markdown, start, end), None]:
        stop = gap.start() if gap else end
        chunk = markdown[position:stop]
        if chunk.strip():
            first = position + len(chunk) - len(chunk.lstrip())
            found += chunk_blocks(markdown, first, position + len(chunk.rstrip()))
        position = gap.end() if gap else end
    return found


def chunk_blocks(markdown: str, first: int, last: int) -> list[Block]:
    """One block; a heading with text on the next line (no blank line between) is two."""
    chunk = markdown[first:last]
    depth = level(chunk)
    newline = chunk.find("\n")
    if depth and newline != -1:
        rest = first + newline + 1
        kind = line_kind(markdown[rest:last].lstrip())
        return [Block(first, first + newline, "heading", depth), Block(rest, last, kind)]
    return [Block(first, last, line_kind(chunk), depth)]


def line_kind(block: str) -> BlockKind:
    for pattern, kind in FIRST_LINE_KINDS:
        if pattern.match(block):
            return kind
    return "text"


def whole_kind(block: str) -> BlockKind:
    stripped = block.lstrip()
    for opener, kind in WHOLE_KINDS:
        if stripped.startswith(opener):
            return kind
    return "image" if FIGURE_ENVIRONMENTS.match(stripped) else "math"


def level(chunk: str) -> int:
    stripped = chunk.lstrip()
    return len(stripped) - len(stripped.lstrip("#")) if HEADING.match(stripped) else 0


def followed_by_cell(text: Text) -> bool:
    """Whether a code or raw cell comes after the Text's last block (in a notebook, or a
    jupytext file: the Text ends where such a cell begins)."""
    return text.origins[-1][0] is not text.chapter.cells[-1]


def pairs(text: Text) -> Iterator[tuple[Block, Block | None]]:
    """Each block with the one after it (None after the last, unless a cell follows:
    then a code block stands for it)."""
    found = blocks(text)
    if not found:  # an empty Text (a cell of blank lines before a code cell)
        return
    after: Block | None = Block(len(text.text), len(text.text), "code")
    last = after if followed_by_cell(text) else None
    yield from zip(found, [*found[1:], last], strict=True)
