"""The change-marked PDF (build/diff.pdf): the marked document through pandoc (the build's
filters, then diff.lua) and LaTeX, as a draft. It always builds: when LaTeX stops in a
paragraph marked word by word, that paragraph is marked whole (old struck, new
underlined) and LaTeX runs again; what fails even so is set aside as in any draft."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import NoReturn

from ..changes.counts import ChapterChanges
from ..changes.pandocast import write_document
from ..config.model import Config
from ..core.errors import BuildFailed
from ..core.files import replace_atomically, write_text_atomically
from ..core.paths import BuildPaths
from ..core.progress import Reporter
from ..latex.draft import draft_metadata
from ..latex.job import PdfJob
from ..latex.pandoc import run_pandoc
from ..latex.preamble import write_preamble
from ..latex.rescue import deliver_draft, located_errors
from ..latex.run import DRAFT_TOLERATES, LatexFailed, run_latex
from ..lint.linter import lint_chapters
from ..resources.lookup import template_path
from .diffsides import Sides, marked
from .pipeline import checked_bibliography, delivered, todos_of
from .preview import copy_figures

BLOCK_MARK = re.compile(r"^\s*% thesisdiff ([0-9a-f]{12})\s*$")
MAX_ROUNDS = 6  # paragraphs marked whole before the draft's rescue takes over


def write_pdf(
    config: Config, sides: Sides, paths: BuildPaths, output: Path, report: Reporter
) -> list[ChapterChanges]:
    """Build the marked PDF at `output`; return what changed per chapter."""
    copy_figures(paths.figures, paths.work / paths.figures.name)
    bibliography = checked_bibliography(config, "draft", report, paths)
    todos = todos_of(lint_chapters(sides.sources, config, only={"todo"}))
    metadata = draft_metadata(config, todos, sides.sources)
    header = diff_preamble(config, sides, paths)
    for _ in range(MAX_ROUNDS):
        document, changes = marked(sides, config, "pdf")
        manuscript = write_document(document, paths.work / "thesis.json")
        job = PdfJob(config, paths, dataclasses.replace(sides.manuscript, path=manuscript),
                     sides.sources, metadata, header, bibliography, ("diff.lua",))  # fmt: skip
        report.say(f"pandoc: {config.relative(manuscript)} → {config.relative(paths.tex)}")
        run_pandoc(job, report)
        try:
            replace_atomically(run_latex(job, report, DRAFT_TOLERATES), output)
            return changes
        except LatexFailed as failure:
            key = failing_block(paths.tex, failure)
            if key is None or key in sides.marking.coarse:
                rescue(job, failure, output, report)
            report.say("LaTeX: a paragraph marked word by word failed; marking it whole")
            sides = with_coarse(sides, key)
    raise BuildFailed(f"{config.relative(output)}: LaTeX kept failing on marked paragraphs")


def with_coarse(sides: Sides, key: str) -> Sides:
    marking = dataclasses.replace(sides.marking, coarse=sides.marking.coarse | {key})
    return dataclasses.replace(sides, marking=marking)


def rescue(job: PdfJob, failure: LatexFailed, output: Path, report: Reporter) -> NoReturn:
    """As any draft: the failing part set aside, the PDF delivered, exit 1."""
    built, broken, messages = deliver_draft(job, failure, report)
    replace_atomically(built, output)
    raise BuildFailed(delivered(job.config, output, broken, messages)) from failure


def failing_block(tex: Path, failure: LatexFailed) -> str | None:
    """The word-marked block LaTeX stopped in: the comment that starts its paragraph, or
    stands before its heading."""
    problem = next(iter(located_errors(failure)), None)
    if problem is None or not problem.tex_line:
        return None
    lines = tex.read_text(encoding="utf-8").split("\n")
    index = min(problem.tex_line, len(lines)) - 1
    while index >= 0 and lines[index].strip():
        if match := BLOCK_MARK.match(lines[index]):
            return match.group(1)
        index -= 1  # up to the paragraph's start
    while index > 0 and not lines[index].strip():
        index -= 1
    match = BLOCK_MARK.match(lines[index]) if index >= 0 else None
    return match.group(1) if match else None


def diff_preamble(config: Config, sides: Sides, paths: BuildPaths) -> Path:
    """The thesis' preamble (fallback fonts for the characters of both sides), then the
    change marks' colours and commands (templates/changes.tex)."""
    text = json.dumps([sides.old, sides.new], ensure_ascii=False)
    path = write_preamble(config, text, paths.preamble)
    marks = template_path(config.root, "changes.tex").read_text(encoding="utf-8")
    write_text_atomically(path, path.read_text(encoding="utf-8") + marks)
    return path
