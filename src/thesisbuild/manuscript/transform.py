"""Markdown rewrites that make the user's text safe for pandoc and LaTeX as written:
other tools' markup (pandoc-crossref, MyST, Quarto shortcodes) in the form crossref.lua
reads, bare TeX math gets $…$, `[todo …]` markers become `.todo` spans or divs, an
apostrophe after a citation or superscript stays an apostrophe, and each chapter's
footnote labels are its own."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..text.document import inside, protected_spans
from ..text.math import wrap_bare_math
from ..text.syntaxes import normalized
from ..text.todos import BRACKET_START, bracket_pairs, squash

PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
# `Smith[@k]'s`, `x^2^'s`, `x<sup>2</sup>'s`: after markup pandoc takes the `'` for an
# opening single quote, closed by the next apostrophe; in a "…" holding a "…" that is a
# third level of quotes, which stops csquotes ("Unbalanced groups or invalid nesting").
APOSTROPHE_AFTER_MARKUP = re.compile(
    r"(?:(?<=[\]^])|(?<=</sup>)|(?<=</sub>))'(?=\w)", re.IGNORECASE
)


def pandoc_ready(markdown: str, names: Mapping[str, str] | None = None) -> str:
    """Every rewrite: other syntaxes first (`names`: MyST's bare names of the whole
    thesis, text/syntaxes.py), then todos (their content may hold math too), then math."""
    return wrap_bare_math(mark_todos(typographic_apostrophes(normalized(markdown, names or {}))))


# `[^1]: …` at a line's start defines footnote 1; `[^1]` elsewhere refers to it.
NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s^]+)\]:", re.MULTILINE)
NOTE_LABEL = re.compile(r"\[\^(?P<label>[^\]\s^]+)\]")


def own_footnotes(markdown: str, key: str) -> str:
    """`[^1]` → `[^KEY-1]` for the notes this chapter defines: in build/thesis.md every
    chapter's `[^1]` would otherwise be one note, the last chapter's text ("Duplicate
    note reference"). Labels in code and math, and those defined nowhere here, stay."""
    defined = {match.group("label") for match in NOTE_DEFINITION.finditer(markdown)}
    if not defined:
        return markdown
    protected = protected_spans(markdown)

    def renamed(match: re.Match[str]) -> str:
        label = match.group("label")
        if label not in defined or inside(match.start(), protected):
            return match.group(0)
        return f"[^{key}-{label}]"

    return NOTE_LABEL.sub(renamed, markdown)


def typographic_apostrophes(markdown: str) -> str:
    """`[@k]'s` → `[@k]’s` outside code and math, so pandoc opens no quote there."""
    protected = protected_spans(markdown)
    return APOSTROPHE_AFTER_MARKUP.sub(
        lambda match: match.group(0) if inside(match.start(), protected) else "’", markdown
    )


def mark_todos(markdown: str) -> str:
    """`[todo x]` → `[x]{.todo}`; a todo of several paragraphs that stands as its own
    blocks → a `::: todo` div, so the draft can show it whole."""
    protected = protected_spans(markdown)
    pairs = bracket_pairs(markdown)
    pieces: list[str] = []
    last = 0
    for start_match in BRACKET_START.finditer(markdown):
        start = start_match.start()
        end = pairs.get(start, len(markdown) + 1)
        if start < last or inside(start, protected) or end > len(markdown):
            continue  # unclosed: lint reports it; pandoc shows the text as written
        content = markdown[start_match.end() : end - 1].strip()
        pieces.append(markdown[last:start])
        pieces.append(todo_markup(markdown, start, end, content))
        last = end
    pieces.append(markdown[last:])
    return "".join(pieces)


def todo_markup(markdown: str, start: int, end: int, content: str) -> str:
    stands_alone = at_block_start(markdown, start) and at_block_end(markdown, end)
    if PARAGRAPH_BREAK.search(content) and stands_alone:
        paragraphs = "\n\n".join(p.strip() for p in PARAGRAPH_BREAK.split(content) if p.strip())
        return f"::: todo\n{paragraphs}\n:::"
    return f"[{squash(content)}]{{.todo}}"


def at_block_start(text: str, offset: int) -> bool:
    before = text[:offset]
    return not before.strip() or bool(re.search(r"\n[ \t\u00a0]*\n[ \t]*$", before))


def at_block_end(text: str, offset: int) -> bool:
    after = text[offset:]
    return not after.strip() or bool(re.match(r"[ \t]*\n[ \t\u00a0]*(\n|$)", after))
