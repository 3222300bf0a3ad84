"""Where a line of a notebook cell stands in the .ipynb file itself, so that a GitHub
annotation lands on it in a pull request's diff, which shows the notebook's JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

SOURCE_KEY = re.compile(r'\s*"source": \[\s*$')
Layout = tuple[list[str], list[list[str]]]


def notebook_line(layout: Layout, cell: int, line: int) -> int | None:
    """The file line of `line` of cell `cell` (all 1-based) in a notebook laid out as
    Jupyter and nbformat write it: `"source": [`, then one JSON string per source line.
    None for another layout, or when the line found does not hold that text."""
    lines, sources = layout
    starts = [number for number, text in enumerate(lines) if SOURCE_KEY.fullmatch(text)]
    if len(starts) != len(sources) or not 1 <= cell <= len(sources):
        return None
    index = starts[cell - 1] + line
    expected = sources[cell - 1][line - 1 : line]
    found = lines[index].strip().removesuffix(",") if index < len(lines) else ""
    return index + 1 if expected and decoded(found) == expected[0] else None


def read_layout(path: Path) -> Layout:
    """The file's lines and each cell's source lines."""
    text = path.read_text(encoding="utf-8")
    sources = [cell.get("source", "") for cell in json.loads(text).get("cells", [])]
    joined = ["".join(source) if isinstance(source, list) else source for source in sources]
    return text.splitlines(), [source.splitlines(keepends=True) for source in joined]


def decoded(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None
