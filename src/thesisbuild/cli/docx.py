"""`thesisbuild docx`: the thesis as a Word document, for supervisors who comment in Word."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..builder.outputpath import output_problem
from ..config.reader import load
from ..core.paths import BuildPaths
from ..latex.job import Mode
from .options import output_option, project_option, quiet_option, rerun_option, say, verbose_option


@click.command()
@project_option
@click.option(
    "--draft",
    "mode",
    flag_value="draft",
    default=True,
    help="Todos as Word comments by thesisbuild, the draft label on the title page. [default]",
)
@click.option(
    "--final",
    "mode",
    flag_value="final",
    help="Refuse while lint reports errors, any todo is open or a .bib entry is unreadable; "
    "an unknown citation or reference is an error.",
)
@output_option("Where to write the .docx.  [default: build/thesis.docx]")
@quiet_option
@verbose_option("pandoc")
@rerun_option
def docx(
    project: Path, mode: Mode, output: Path | None, quiet: bool, verbose: bool, rerun: bool
) -> None:
    """Build the thesis as a Word document: chapters → markdown → pandoc → build/thesis.docx.

    The PDF's chapters, numbers ("Abbildung 2.1"), citations and bibliography, with a
    title page; the layout of thesis.yaml, or templates/reference.docx. A failed build
    keeps the last good .docx.
    """
    from ..builder.docx import build_docx
    from ..core.lock import build_lock
    from ..core.progress import Reporter
    from .liveline import live_line

    config = load(project)
    target = (output or BuildPaths.of(config.root).default_docx).resolve()
    refused = output_problem(config, target, ".docx")
    if refused:
        raise click.BadParameter(refused, param_hint="'-o' / '--output'")
    report = Reporter()
    if not quiet:
        report = Reporter(say, say if verbose else None, live_line(sys.stderr))
    with build_lock(BuildPaths.of(config.root).build, say):
        build_docx(config, mode, target, report, rerun)
    if not quiet:
        click.echo(config.relative(target))
