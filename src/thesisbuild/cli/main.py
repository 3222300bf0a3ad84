"""The command line: parse options, call the pipeline, print. Exit codes: 0 ok,
1 findings or a failed build, 2 usage, configuration or environment problems, 130 Ctrl-C,
143 SIGTERM."""

from __future__ import annotations

import json
import sys
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from .. import __version__
from ..builder.doctor import debian_packages, install_hint, missing, run_checks, template_checks
from ..builder.pipeline import Target, build_markdown, build_pdf, read_sources
from ..builder.target import output_problem
from ..builder.watch import watch_project
from ..config.model import CONFIG_NAME, Config
from ..config.reader import load
from ..config.schemaexport import json_schema
from ..core.errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EnvironmentProblem,
    ThesisbuildError,
)
from ..core.files import remove_leftovers
from ..core.lock import build_lock
from ..core.paths import BuildPaths
from ..core.progress import Reporter
from ..latex.job import Mode
from ..lint.finding import Finding, has_errors
from ..lint.fix import Change, fix_file
from ..lint.linter import lint_chapters
from ..lint.report import FORMATS, ReportFormat, render, summary
from .init import init
from .liveline import live_line
from .signals import sigterm_interrupts
from .templates import templates

project_option = click.option(
    "-C",
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The thesis project folder (the one holding thesis.yaml).",
)


def say(message: str) -> None:
    """Progress and summaries go to stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thesisbuild")
@click.option("--debug", is_flag=True, help="Show a traceback with every error.")
def cli(debug: bool) -> None:
    """Build a thesis written as Jupyter chapter notebooks, and lint it."""
    # --debug is read by main(), which catches the errors this group's commands raise.


@cli.command()
@project_option
@click.option(
    "--format",
    "form",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list of objects; github: workflow annotations.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Open todos and unknown cross-references are errors (for the final submission).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite terminology, math and hand-numbered heading findings in place.",
)
@click.argument("chapters", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lint(
    project: Path, form: ReportFormat, strict: bool, fix: bool, chapters: tuple[Path, ...]
) -> None:
    """List open todos, terminology slips, bare TeX math and unknown or duplicate
    cross-reference labels, with their locations.

    CHAPTERS default to every chapter and appendix of thesis.yaml (labels are looked up
    in all of them). Exit 0 without errors, 1 with errors (terminology, duplicate labels;
    todos and unknown references too with --strict).
    """
    config = load(project)
    paths = [path.resolve() for path in chapters] or None
    sources = read_sources(config, paths)
    findings = lint_chapters(sources, config, strict=strict)
    if fix:
        for source in sources:  # what a --fix killed mid-write left behind
            remove_leftovers(source.path.resolve())
        report_changes(config, apply_fixes(config.root, findings))
        findings = lint_chapters(read_sources(config, paths), config, strict=strict)
    if findings:
        click.echo(render(findings, form, config.root))
    elif form == "json":
        click.echo("[]")
    if form == "text":
        say(summary(findings))
    sys.exit(EXIT_FINDINGS if has_errors(findings) else EXIT_OK)


def apply_fixes(root: Path, findings: Sequence[Finding]) -> list[tuple[str, Change]]:
    """Fix file by file; finding paths are relative to the project root."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.replacement is not None:
            by_path.setdefault(finding.location.path, []).append(finding)
    return [
        (path, change) for path, group in by_path.items() for change in fix_file(root / path, group)
    ]


def report_changes(config: Config, changes: Sequence[tuple[str, Change]]) -> None:
    applied = [(path, change) for path, change in changes if change.applied]
    for _, change in sorted(applied, key=lambda item: item[1].finding.sort_key):
        finding = change.finding
        say(f"{finding.location}: fixed [{finding.rule}] {finding.text} → {finding.replacement}")
    per_file = Counter(path for path, _ in applied)
    for path, count in sorted(per_file.items()):
        say(f"{path}: {count} fix(es) written")
    skipped = len(changes) - len(applied)
    if skipped:
        say(f"{skipped} fix(es) skipped: the file changed since it was read; run lint again.")
    if not changes:
        say("nothing to fix")


rerun_option = click.option(
    "--rerun",
    is_flag=True,
    help="Run every chapter's code now, ignoring cached and stored outputs.",
)


@cli.command()
@project_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@rerun_option
def md(project: Path, quiet: bool, rerun: bool) -> None:
    """Execute and export the chapters to build/chapters/*.md and build/thesis.md."""
    config = load(project)
    report = Reporter() if quiet else Reporter(say, running=live_line(sys.stderr))
    with build_lock(BuildPaths.of(config.root).build, say):
        manuscript = build_markdown(config, report, rerun)
    if not quiet:
        click.echo(config.relative(manuscript.path))


@cli.command()
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
    paths = Target(mode, Path(), chapters).paths(config)
    target = Target(mode, (output or paths.default_pdf).resolve(), chapters)
    refused = output_problem(config, target.output)
    if refused:
        raise click.BadParameter(refused, param_hint="'-o' / '--output'")
    report = Reporter()
    if not quiet:
        report = Reporter(say, say if verbose else None, live_line(sys.stderr))
    if verbose and not quiet:
        say(f"pandoc options: {config.relative(paths.pandoc_defaults)}")
    with build_lock(paths.build, say):
        build_pdf(config, target, report, rerun)
    if not quiet:
        click.echo(config.relative(target.output))


@cli.command()
@project_option
def watch(project: Path) -> None:
    """Rebuild the draft PDF on every save, until Ctrl-C.

    Watches the project folder (chapters, thesis.yaml, bibliography, templates, data
    files; not build/), lints each saved chapter and prints one line per build with its
    time; a failed build prints the located error and the next save tries again.
    """
    watch_project(project, say, live_line(sys.stderr))


@cli.command()
@project_option
@click.option(
    "--debian-packages",
    "packages",
    is_flag=True,
    help="Only print the Debian/Ubuntu packages the build needs, for apt-get install.",
)
def doctor(project: Path, packages: bool) -> None:
    """Check pandoc, LaTeX, latexmk, LaTeX packages, fonts, the Jupyter kernel and which
    template files the build takes (the project's templates/ or the packaged ones).

    Exit 0 when everything is there, 2 with the install commands for what is missing.
    """
    config = load(project) if (project / CONFIG_NAME).is_file() else None
    engine = config.engine if config else "xelatex"
    if packages:
        click.echo(" ".join(debian_packages(engine)))
        return
    checks = [*run_checks(engine), *template_checks(project, config)]
    for check in checks:
        click.echo(check.line())
    failed = missing(checks)
    if failed:
        hint = install_hint(failed)
        install = f"; install with:\n{hint}" if hint else ""
        raise EnvironmentProblem(f"{len(failed)} missing{install}")
    say("everything the build needs is installed")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of thesis.yaml, for editors that complete and check keys.

    Save it next to thesis.yaml (`thesisbuild schema > thesis.schema.json`) and start
    thesis.yaml with `# yaml-language-server: $schema=thesis.schema.json`.
    """
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


cli.add_command(init)
cli.add_command(templates)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; errors are one message (a traceback with --debug)."""
    args = list(sys.argv[1:] if argv is None else argv)
    with sigterm_interrupts() as sigterm:
        try:
            cli.main(args=args, prog_name="thesisbuild", standalone_mode=False)
        except ThesisbuildError as error:
            if "--debug" in args:
                traceback.print_exc()
            error.show()
            return error.exit_code
        except click.exceptions.Exit as done:
            return done.exit_code
        except click.ClickException as error:
            error.show()
            return error.exit_code
        except click.exceptions.Abort as abort:
            return aborted(abort, sigterm.received)
        except OSError as error:  # a full disk, a read-only folder, a path that is a folder
            if "--debug" in args:
                traceback.print_exc()
            where = f"{error.filename}: " if error.filename else ""
            say(f"Error: {where}{error.strerror or error}")
            return EXIT_FINDINGS
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else 0
    return EXIT_OK


def aborted(abort: click.exceptions.Abort, terminated: bool) -> int:
    """Ctrl-C (130) or SIGTERM (143) ended the command: click made either an Abort, after
    the processes it started were ended on the way out."""
    if terminated:
        say("Terminated; the last good PDF stays in place.")
        return EXIT_TERMINATED
    if isinstance(abort.__cause__, KeyboardInterrupt):
        say("Interrupted; the last good PDF stays in place.")
        return EXIT_INTERRUPTED
    say("Aborted.")
    return 1
