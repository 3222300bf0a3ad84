"""What rendering one chapter produces besides its markdown: figure files (by name under
build/) and warnings located at the chapter file and cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.paths import BuildPaths
from ..sources.chapter import ChapterSource


@dataclass
class Rendering:
    """What one chapter's outputs produced: figure files (by name) and warnings."""

    source: ChapterSource
    key: str
    paths: BuildPaths
    html_filter: Path  # html.lua, the project's only where it may run (lookup.lua_filter)
    figures: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    show_warnings: bool = False  # thesis.yaml `warnings: show`

    def warn(self, index: int, message: str, line: int = 0) -> None:
        """A warning at cell `index` (0-based), at its 0-based `line` in text chapters."""
        self.warnings.append(f"{cell_place(self.source, index, line)}: {message}")

    def note(self, index: int, message: str, line: int = 0) -> None:
        """What was left out on purpose, shown with -v only."""
        self.notes.append(f"{cell_place(self.source, index, line)}: {message}")


def cell_place(source: ChapterSource, index: int, line: int = 0) -> str:
    """`thesis/02.md:14: cell 3` or `thesis/02.ipynb:cell 3`."""
    cell = source.cells[index]
    place = source.locate(cell, line, 0).at_cell()
    return place if source.is_ipynb else f"{place}: cell {cell.number}"
