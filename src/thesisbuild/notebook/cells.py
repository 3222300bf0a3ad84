"""Markdown and raw cells → what pandoc reads: raw cells by their `raw_mimetype`, and
cite2c/ipypublish citations (`<cite data-cite="k">…</cite>`) as pandoc citations."""

from __future__ import annotations

import re
from typing import Any

from ..text.document import inside, protected_spans
from ..text.references import CITE2C as CITE
from . import htmlconvert
from .outputs import fenced, kept
from .rendering import Rendering

# HTML that shows something in Jupyter but has no printed form (html.lua drops it).
UNPRINTABLE = re.compile(
    r"<(?P<tag>iframe|video|audio|canvas|script|object|embed|form|input|svg)\b", re.IGNORECASE
)
# "Open in Colab" / "launch binder" badges: buttons of the notebook's web page, no content
BADGE_IMAGE = r"https?://[^\s)\"']*(?:colab-badge\.svg|mybinder\.org/badge)[^\s)\"']*"
BADGE = re.compile(
    rf"\[!\[[^\]]*\]\({BADGE_IMAGE}\)\]\([^)\s]*\)|!\[[^\]]*\]\({BADGE_IMAGE}\)"
    rf"|<a\b[^>]*>\s*<img\b[^>]*\bsrc\s*=\s*[\"']{BADGE_IMAGE}[\"'][^>]*>\s*</a\s*>"
    rf"|<img\b[^>]*\bsrc\s*=\s*[\"']{BADGE_IMAGE}[\"'][^>]*>",
    re.IGNORECASE,
)
# ipypublish's numeric style: `<citet data-cite="k"><sup>name</sup></citet>`
SUPERSCRIPT = re.compile(r"<sup\b", re.IGNORECASE)
MARKDOWN_TYPES = {"", "text/markdown", "text/x-markdown", "markdown"}


def prepare_cells(notebook: Any, rendering: Rendering) -> None:
    """Citations in Markdown cells; raw cells become Markdown cells of their content."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            cell.source = CITE.sub(citation, without_badges(str(cell.source), index, rendering))
            warn_unprintable(cell.source, index, rendering)
        elif cell.cell_type == "raw":
            notebook.cells[index] = raw_as_markdown(cell, index, rendering)


def without_badges(text: str, index: int, rendering: Rendering) -> str:
    """Colab and Binder badges left out, each with a note (`pdf -v`)."""
    for match in BADGE.finditer(text):
        line = text[: match.start()].count("\n")
        rendering.note(index, "Colab/Binder badge left out of the PDF", line)
    return BADGE.sub("", text)


def warn_unprintable(text: str, index: int, rendering: Rendering) -> None:
    quiet = [  # code and comments
        (start, end)
        for start, end in protected_spans(text)
        if text[start] in "`~" or text.startswith("<!--", start)
    ]
    for match in UNPRINTABLE.finditer(text):
        if not inside(match.start(), quiet):
            tag = match.group("tag").lower()
            line = text[: match.start()].count("\n")
            rendering.warn(index, f"<{tag}> has no printed form; left out of the PDF", line)


def citation(match: re.Match[str]) -> str:
    """`<cite data-cite="a,b">` → `[@a; @b]`; `<citet …>` (textual) → `@a; @b`. A
    `<citet>` set as a superscript or glued to the word before it (`pathways<citet …>`,
    ipypublish's numeric style) marks a place, not a name: `pathways[@a]`, since pandoc
    reads `pathways@a` as plain text."""
    keys = [key.strip() for key in re.split(r"[,;\s]+", match.group("keys")) if key.strip()]
    joined = "; ".join(f"@{key}" for key in keys)
    textual = match.group("tag").lower() == "citet" and not marker(match)
    return joined if textual else f"[{joined}]"


def marker(match: re.Match[str]) -> bool:
    """The citation is a superscript or follows a word without a space."""
    before = match.string[match.start() - 1 : match.start()]
    return bool(SUPERSCRIPT.search(match.group(0))) or before.isalnum() or before in ".,;:)"


def raw_as_markdown(cell: Any, index: int, rendering: Rendering) -> Any:
    import nbformat

    mime = str(cell.metadata.get("raw_mimetype") or cell.metadata.get("format") or "").lower()
    text = str(cell.source)
    if mime in MARKDOWN_TYPES:
        converted = text
    elif "latex" in mime or mime == "text/tex":
        converted = fenced(text, "{=latex}")
    elif "html" in mime:
        converted = kept(htmlconvert.to_markdown(text, rendering))
    else:
        rendering.warn(index, f"raw cell of type {mime!r} has no form in a PDF; left out")
        converted = ""
    return nbformat.v4.new_markdown_cell(converted, metadata=dict(cell.metadata))
