"""A chapter's text as the rules see it: prose and code, with offsets that map back to
the file the user edits, and the spans of prose that are not prose (code, math, URLs)."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from ..sources.chapter import ChapterSource, Location, SourceCell

TextKind = Literal["prose", "code"]
CELL_SEPARATOR = "\n\n"
# A cross-reference key (text/references.py); its part after `@` is no prose: `@eq-x_1` has no math.
REFERENCE_PREFIX = r"(?i:fig|tbl|eq|sec|lst)-"
REFERENCE_KEY = REFERENCE_PREFIX + r"[\w:./-]*\w"
PROTECTED = re.compile(
    rf"""
      ^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[ \t]*$   # fenced code block
    | (?P<ticks>`+)[^\n]+?(?P=ticks)                      # inline code
    | \$\$.+?\$\$                                          # display math
    | (?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$(?!\d)            # inline math
    | \\\(.+?\\\) | \\\[.+?\\\]                             # TeX-style math delimiters
    | <https?://[^>\s]+> | https?://[^\s)>\]]+             # URLs
    | \]\([^)\]\n]*\)                                       # link targets
    | <!--.*?-->                                            # HTML comments
    | </?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>                   # HTML tags and attributes
    | ^\[//\]:[ \t]*\#[^\n]*                                  # [//]: # (comment)
    | \\begin\{{(?P<env>[A-Za-z*]+)\}}.*?\\end\{{(?P=env)\}}     # raw LaTeX environment
    | ^(?P<colons>:{{3,}})[ \t]*\{{\.output\}}[^\n]*\n.*?^(?P=colons)[ \t]*$  # a cell's output
    | \{{[#.][^{{}}\n]*\}}                                     # attributes: {{#fig-x_1 .cls}}
    | (?<=@){REFERENCE_KEY}                                  # @fig-x_1 after its @
    | (?<=@)(?i:fig|tbl|eq|sec|lst):[\w:./-]*\w               # pandoc-crossref's @fig:x
    | \{{\{{<[^\n]*?>\}}\}}                                    # Quarto shortcode {{{{< x >}}}}
    | \{{[A-Za-z][\w:-]*\}}(?=`)                              # MyST role name {{numref}}`x`
    | ^\([\w:.-]+\)=[ \t]*$                                  # MyST target (sec-x)=
    """,
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)
# An opener that no closer follows makes its lazy `.*?` scan to the end of the text, once
# per opener: quadratic. Such openers are blanked (same length, so offsets hold) first.
UNCLOSABLE = (
    (re.compile(r"\\\("), re.compile(r"\\\)")),
    (re.compile(r"\\\["), re.compile(r"\\\]")),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"^```", re.MULTILINE), re.compile(r"^```[ \t]*$", re.MULTILINE)),
    (re.compile(r"^~~~", re.MULTILINE), re.compile(r"^~~~[ \t]*$", re.MULTILINE)),
)
FENCE = re.compile(r"^(```|~~~)[^\n]*\n(?P<body>.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Text:
    """Text from one or more cells; `origins[i]` says where line i came from."""

    kind: TextKind
    text: str
    chapter: ChapterSource
    line_starts: tuple[int, ...]
    origins: tuple[tuple[SourceCell, int], ...]

    def locate(self, offset: int) -> Location:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        cell, line_index = self.origins[index]
        return self.chapter.locate(cell, line_index, offset - self.line_starts[index])

    def cell_at(self, offset: int) -> SourceCell:
        """The cell the offset lies in (a text chapter's locations name no cell)."""
        return self.origins[bisect.bisect_right(self.line_starts, offset) - 1][0]

    def protected_spans(self) -> list[tuple[int, int]]:
        """Spans that are code, math, URLs or link targets (never prose rules' business).
        Computed once per Text: every prose rule asks (callers must not change the list)."""
        return self.protected

    @cached_property
    def protected(self) -> list[tuple[int, int]]:
        if self.kind == "code":
            return [(0, len(self.text))]
        return protected_spans(self.text)

    def code_blocks(self) -> Iterator[tuple[int, str]]:
        """(offset, body) of each fenced code block inside prose."""
        for match in FENCE.finditer(without_unclosable(self.text)):
            yield match.start("body"), self.text[match.start("body") : match.end("body")]


def texts(chapter: ChapterSource) -> Iterator[Text]:
    """Runs of markdown cells joined into one prose Text (a bracket may span cells), and
    each code cell on its own."""
    run: list[SourceCell] = []
    for cell in chapter.cells:
        if cell.kind == "markdown":
            run.append(cell)
            continue
        if run:
            yield joined("prose", run, chapter)
            run = []
        if cell.kind == "code":
            yield joined("code", [cell], chapter)
    if run:
        yield joined("prose", run, chapter)


# chapter_texts' memo: id → (the chapter, kept alive so the id stays its own, its Texts).
TEXTS_MEMO: dict[int, tuple[ChapterSource, tuple[Text, ...]]] = {}
TEXTS_MEMO_SIZE = 256


def chapter_texts(chapter: ChapterSource) -> tuple[Text, ...]:
    """texts(chapter), made once per chapter object: lint's rules, switches and the
    whole-thesis checks all read them, and each Text computes its protected spans once."""
    known = TEXTS_MEMO.get(id(chapter))
    if known is None or known[0] is not chapter:
        if len(TEXTS_MEMO) >= TEXTS_MEMO_SIZE:
            TEXTS_MEMO.clear()
        known = (chapter, tuple(texts(chapter)))
        TEXTS_MEMO[id(chapter)] = known
    return known[1]


def joined(kind: TextKind, cells: list[SourceCell], chapter: ChapterSource) -> Text:
    parts: list[str] = []
    starts: list[int] = []
    origins: list[tuple[SourceCell, int]] = []
    offset = 0
    for number, cell in enumerate(cells):
        if number:
            parts.append(CELL_SEPARATOR)
            starts.append(offset + 1)
            origins.append((cell, 0))
            offset += len(CELL_SEPARATOR)
        for line_index, line in enumerate(cell.source.split("\n")):
            if line_index:
                parts.append("\n")
                offset += 1
            starts.append(offset)
            origins.append((cell, line_index))
            parts.append(line)
            offset += len(line)
    return Text(kind, "".join(parts), chapter, tuple(starts), tuple(origins))


@lru_cache(maxsize=8)
def protected_spans(markdown: str) -> list[tuple[int, int]]:
    """Sorted spans of code, math, URLs, link targets and attributes in markdown. Kept
    for the last few texts: the build's rewrites and checks ask six times of each chapter
    (2.5 s on a 2 MB one), so callers must not change the list."""
    return [match.span() for match in PROTECTED.finditer(without_unclosable(markdown))]


def without_unclosable(markdown: str) -> str:
    """The text with every opener after the last closer of its kind blanked."""
    for opener, closer in UNCLOSABLE:
        last = max((match.start() for match in closer.finditer(markdown)), default=-1)
        head, tail = markdown[: last + 1], markdown[last + 1 :]
        markdown = head + opener.sub(lambda match: "\0" + match.group(0)[1:], tail)
    return markdown


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset falls in one of the (sorted, disjoint) spans."""
    index = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]
