"""The Word copy (`thesisbuild docx`): the PDF's pipeline up to the manuscript — lint (a
final build refuses open findings), the execution cache, the checked bibliography — then
pandoc to .docx (word/) instead of LaTeX. For supervisors who comment in Word."""

from __future__ import annotations

from pathlib import Path

from ..config.model import Config
from ..core.errors import BuildFailed
from ..core.paths import BuildPaths, refuse_planted_links
from ..core.progress import Reporter
from ..latex.draft import draft_label
from ..latex.job import Mode, Unresolved
from ..lint.linter import lint_chapters
from ..word.pandoc import DocxJob, install, make_docx
from .pipeline import (
    DRAFT_RULES,
    checked_bibliography,
    execution,
    project_sources,
    refusal,
    report_unresolved,
    warn_unprintable,
    write_manuscript,
)
from .target import Target


def build_docx(
    config: Config, mode: Mode, output: Path, report: Reporter, rerun: bool = False
) -> Path:
    """Chapters → build/thesis.md → `output`; the last good .docx stays when any step fails
    (a final build also on a citation or reference it cannot resolve)."""
    paths = BuildPaths.of(config.root)
    refuse_planted_links(paths.build)
    sources = project_sources(config, report)
    final = mode == "final"  # a draft reads no finding beyond DRAFT_RULES
    findings = lint_chapters(sources, config, strict=final, only=None if final else DRAFT_RULES)
    errors = [finding for finding in findings if finding.severity == "error"]
    if mode == "final" and errors:  # prose warnings (spelling, quotes) never block
        raise BuildFailed(refusal(errors))
    warn_unprintable(findings, report)
    how = execution(config, report, rerun)
    manuscript = write_manuscript(config, paths, sources, report, how)
    bibliography = checked_bibliography(config, mode, report, paths)
    metadata = {"draft-label": draft_label(config)} if mode == "draft" else {}
    job = DocxJob(config, paths, manuscript.path, mode == "draft", bibliography, metadata)
    report.say(f"pandoc: {config.relative(manuscript.path)} → {config.relative(output)}")
    made = make_docx(job, report)
    try:
        unresolved = Unresolved(made.citations, made.references)
        report_unresolved(unresolved, sources, Target(mode, output), report)
    except BuildFailed:
        made.path.unlink(missing_ok=True)  # not the thesis.docx anyone should open
        raise
    install(made.path, output)
    return output
