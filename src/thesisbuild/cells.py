"""Markdown and raw cells → what pandoc reads: raw cells by their `raw_mimetype`, and
cite2c/ipypublish citations (`<cite data-cite="k">…</cite>`) as pandoc citations."""

from __future__ import annotations

import re
from typing import Any

from . import htmlconvert
from .outputs import fenced, kept
from .rendering import Rendering

CITE = re.compile(
    r"<(?P<tag>cite|citet|citep)\b[^>]*\bdata-cite\s*=\s*[\"'](?P<keys>[^\"']+)[\"'][^>]*>"
    r".*?</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)
MARKDOWN_TYPES = {"", "text/markdown", "text/x-markdown", "markdown"}


def prepare_cells(notebook: Any, rendering: Rendering) -> None:
    """Citations in Markdown cells; raw cells become Markdown cells of their content."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            cell.source = CITE.sub(citation, str(cell.source))
        elif cell.cell_type == "raw":
            notebook.cells[index] = raw_as_markdown(cell, index, rendering)


def citation(match: re.Match[str]) -> str:
    """`<cite data-cite="a,b">` → `[@a; @b]`; `<citet …>` (textual) → `@a; @b`."""
    keys = [key.strip() for key in re.split(r"[,;\s]+", match.group("keys")) if key.strip()]
    joined = "; ".join(f"@{key}" for key in keys)
    return joined if match.group("tag").lower() == "citet" else f"[{joined}]"


def raw_as_markdown(cell: Any, index: int, rendering: Rendering) -> Any:
    import nbformat

    mime = str(cell.metadata.get("raw_mimetype") or cell.metadata.get("format") or "").lower()
    text = str(cell.source)
    if mime in MARKDOWN_TYPES:
        converted = text
    elif "latex" in mime or mime == "text/tex":
        converted = fenced(text, "{=latex}")
    elif "html" in mime:
        converted = kept(htmlconvert.to_markdown(text, rendering.build_dir))
    else:
        rendering.warn(index, f"raw cell of type {mime!r} has no form in a PDF; left out")
        converted = ""
    return nbformat.v4.new_markdown_cell(converted, metadata=dict(cell.metadata))
