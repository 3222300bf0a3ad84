"""`thesisbuild pdf`: the thesis PDF, or a preview of some chapters. When nothing changed
since the last build it answers from the no-op check (build/uptodate.py) before loading
the pipeline, nbconvert or pandoc: the answer takes a tenth of a second, not half a second
of imports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..builder.outputpath import output_problem
from ..builder.target import Target
from ..builder.uptodate import stale_key
from ..config.model import Config, with_gateway
from ..config.reader import load
from ..core.paths import BuildPaths
from ..latex.job import Mode
from .options import (
    gateway_option,
    output_option,
    project_option,
    quiet_option,
    rerun_option,
    say,
    verbose_option,
)

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
@output_option(
    "Where to write the PDF (with CHAPTERS: build/preview.pdf).  [default: build/thesis.pdf]"
)
@quiet_option
@verbose_option("pandoc, latexmk")
@rerun_option
@gateway_option
@click.argument("chapters", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def pdf(
    project: Path,
    mode: Mode,
    output: Path | None,
    quiet: bool,
    verbose: bool,
    rerun: bool,
    gateway: str | None,
    chapters: tuple[Path, ...],
) -> None:
    """Build the thesis PDF: chapters → markdown → pandoc → LaTeX (latexmk).

    With CHAPTERS, only those chapters go into build/preview.pdf (build/thesis.pdf stays).
    A failed build names the chapter line to fix. A draft sets the failing part aside as
    a marked box and still writes the PDF (exit 1); --final keeps the last good PDF.
    """
    config = with_gateway(load(project), gateway)
    paths = target_paths(config, chapters)
    target = Target(mode, (output or paths.default_pdf).resolve(), chapters)
    refused = output_problem(config, target.output)
    if refused:
        raise click.BadParameter(refused, param_hint="'-o' / '--output'")
    verbose = verbose and not quiet
    if verbose:
        say(f"pandoc options: {config.relative(paths.pandoc_defaults)}")
    key = None if chapters or rerun else stale_key(config, mode, target.output)
    if chapters or rerun or key is not None:
        build(config, target, rerun, quiet, verbose, key)
    elif not quiet:
        say(UP_TO_DATE.format(config.relative(target.output)))
    if not quiet:
        click.echo(config.relative(target.output))


def target_paths(config: Config, chapters: tuple[Path, ...]) -> BuildPaths:
    whole = BuildPaths.of(config.root)
    return whole.preview() if chapters else whole


def build(
    config: Config, target: Target, rerun: bool, quiet: bool, verbose: bool, key: str | None
) -> None:
    """The build itself, under the project's lock (which another build may have held: the
    pipeline checks `key` again); its modules load only now."""
    from ..builder.pipeline import build_pdf
    from ..core.lock import build_lock
    from ..core.progress import Reporter
    from .liveline import live_line

    report = Reporter()
    if not quiet:
        report = Reporter(say, say if verbose else None, live_line(sys.stderr))
    with build_lock(BuildPaths.of(config.root).build, say):
        build_pdf(config, target, report, rerun, key)
