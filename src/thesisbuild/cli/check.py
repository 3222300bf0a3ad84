"""`thesisbuild check`: the built PDF against thesis.yaml's requirements."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config.reader import load
from ..core.errors import EXIT_FINDINGS, EXIT_OK
from ..core.paths import BuildPaths
from ..sources.project import read_sources
from ..submission.check import check_pdf, failed
from ..submission.report import FORMATS, CheckFormat, render
from .options import format_option, project_option, say


@click.command()
@project_option
@format_option(
    FORMATS,
    "text: a table of rule | required | measured | verdict; json: a list of objects.",
)
@click.argument("pdf", required=False, type=click.Path(dir_okay=False, path_type=Path))
def check(project: Path, form: CheckFormat, pdf: Path | None) -> None:
    """Measure the PDF (default build/thesis.pdf) against thesis.yaml's requirements:
    paper, body font size, line spacing, margins on every page, page count, embedded
    fonts, metadata, required parts, and the PDF/A markers with requirements.pdfa.

    Exit 0 when every rule holds, 1 on a violation, 2 for a file that is no readable PDF
    (not a PDF, encrypted, damaged, or without text).
    """
    config = load(project)
    paths = BuildPaths.of(config.root)
    target = pdf.resolve() if pdf else paths.default_pdf
    log = paths.latex_log.read_text("utf-8", "replace") if paths.latex_log.is_file() else ""
    verdicts = check_pdf(config, target, read_sources(config), log)
    click.echo(render(verdicts, form))
    if form == "text":
        broken = failed(verdicts)
        say(f"{config.relative(target)}: {len(broken)} of {len(verdicts)} rules failed"
            if broken else f"{config.relative(target)}: every rule holds")  # fmt: skip
    sys.exit(EXIT_FINDINGS if failed(verdicts) else EXIT_OK)
