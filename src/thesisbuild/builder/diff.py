"""`thesisbuild diff`: the thesis with its changes since a revision marked. Both sides go
through the same pipeline (diffsides.py); the two manuscripts are compared as pandoc
documents (changes/), and the marked document goes through pandoc's LaTeX writer (with
diff.lua, diffpdf.py) or its DOCX writer (diffdocx.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..changes.counts import ChapterChanges
from ..config.model import Config
from ..core.git import Revision
from ..core.progress import Reporter
from .diffdocx import write_docx
from .diffpdf import write_pdf
from .diffsides import Output, diff_paths, marked, read_sides


@dataclass(frozen=True)
class DiffOutcome:
    """What was made: the file, the revision compared with, whether the new side was the
    working tree, and the changes per chapter."""

    output: Path
    old: Revision
    dirty: bool
    changes: tuple[ChapterChanges, ...]


def build_diff(
    config: Config, revision: str | None, to: Output, output: Path, report: Reporter
) -> DiffOutcome:
    """The change-marked PDF or DOCX at `output`."""
    sides, old = read_sides(config, revision, report)
    paths = diff_paths(config.root)
    if to == "docx":
        document, changes = marked(sides, config, "docx")
        write_docx(config, document, paths, output, report)
    else:
        changes = write_pdf(config, sides, paths, output, report)
    return DiffOutcome(output, old, sides.compared.new is None, tuple(changes))
