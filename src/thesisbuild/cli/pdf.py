"""`thesisbuild pdf`: the thesis PDF, or a preview of some chapters. When nothing changed
since the last build it answers from the no-op check (build/uptodate.py) before loading
the pipeline, nbconvert or pandoc: the answer takes a tenth of a second, not half a second
of imports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..build.uptodate import pdf_is_current
from ..config.model import Config
from ..config.reader import load
from ..core.files import BUILD_DIR
from ..latex.sandbox import output_problem
from .options import project_option, rerun_option, say, silent

if TYPE_CHECKING:
    from ..latex.pandoc import Mode

UP_TO_DATE = "{}: up to date (nothing changed since the last build)"


@click.command()
@project_option
@click.option(
    "--draft",
    "mode",
    flag_value="draft",
    default=True,
    help="Todos as margin notes, a draft footer (Entwurf/Draft), a last page of open "
    "todos; a part LaTeX cannot set becomes a marked box (exit 1). [default]",
)
@click.option(
    "--final",
    "mode",
    flag_value="final",
    help="For submission: refuse while lint reports errors, any todo is open or a .bib "
    "entry is unreadable; a LaTeX error keeps the last PDF.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (with CHAPTERS: build/preview.pdf).  [default: build/thesis.pdf]",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also show the commands run (pandoc, latexmk).")
@rerun_option
@click.argument("chapters", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def pdf(
    project: Path,
    mode: Mode,
    output: Path | None,
    quiet: bool,
    verbose: bool,
    rerun: bool,
    chapters: tuple[Path, ...],
) -> None:
    """Build the thesis PDF: chapters → markdown → pandoc → LaTeX (latexmk).

    With CHAPTERS, only those chapters go into build/preview.pdf (build/thesis.pdf stays).
    A failed build names the chapter line to fix. A draft sets the failing part aside as
    a marked box and still writes the PDF (exit 1); --final keeps the last good PDF.
    """
    config = load(project)
    target = (output or default_output(config, chapters)).resolve()
    refused = output_problem(config, target)
    if refused:
        raise click.BadParameter(refused, param_hint="'-o' / '--output'")
    verbose = verbose and not quiet
    if verbose:
        say(f"pandoc options: {config.relative(options_file(config, chapters))}")
    if chapters or rerun or not pdf_is_current(config, mode, target):
        build(config, mode, target, chapters, rerun, quiet, verbose)
    elif not quiet:
        say(UP_TO_DATE.format(config.relative(target)))
    if not quiet:
        click.echo(config.relative(target))


def default_output(config: Config, chapters: tuple[Path, ...]) -> Path:
    if chapters:
        from ..build.preview import preview_path

        return preview_path(config)
    return config.root / BUILD_DIR / "thesis.pdf"


def options_file(config: Config, chapters: tuple[Path, ...]) -> Path:
    """The pandoc defaults file of this build, which reruns pandoc by hand."""
    if chapters:
        from ..build.preview import PREVIEW_DIR

        return config.root / BUILD_DIR / PREVIEW_DIR / "pandoc.yaml"
    return config.root / BUILD_DIR / "pandoc.yaml"


def build(
    config: Config,
    mode: Mode,
    target: Path,
    chapters: tuple[Path, ...],
    rerun: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """The build itself, under the project's lock; its modules load only now."""
    from ..build.pipeline import build_pdf, execution
    from ..build.preview import build_preview
    from ..core.lock import build_lock
    from .liveline import live_line

    progress = silent if quiet else say
    with build_lock(config.root / BUILD_DIR, say):
        how = execution(config, rerun, None if quiet else live_line(sys.stderr))
        if chapters:
            build_preview(config, chapters, mode, target, progress, verbose, how)
        else:
            build_pdf(config, mode, target, progress, verbose=verbose, how=how)
