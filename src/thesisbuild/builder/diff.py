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
from ..latex.sandbox import refuse_unconfined, refuse_untrusted_lua
from .diffdocx import write_docx
from .diffpdf import write_pdf
from .diffsides import Output, diff_paths, marked, read_sides
from .pipeline import check_tools
from .uptodate import built_before


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
    """The change-marked PDF or DOCX at `output`, after the checks a build makes: the
    tools (until a build succeeded), what `execute: never` forbids."""
    paths = diff_paths(config.root)
    refuse_untrusted_lua(config)
    if to == "pdf":
        if not built_before(paths, config.engine):
            check_tools(config)
        refuse_unconfined(config)
    sides, old = read_sides(config, revision, report)
    if to == "docx":
        document, changes = marked(sides, config, "docx")
        write_docx(config, document, paths, output, report)
    else:
        changes = write_pdf(config, sides, paths, output, report)
    return DiffOutcome(output, old, sides.compared.new is None, tuple(changes))
