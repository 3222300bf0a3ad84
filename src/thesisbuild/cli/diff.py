"""`thesisbuild diff`: the thesis with its changes since a revision marked."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..builder.outputpath import output_problem
from ..config.model import Config
from ..config.reader import load
from ..core.paths import BuildPaths
from .options import output_option, project_option, say

if TYPE_CHECKING:
    from ..changes.counts import ChapterChanges


@click.command()
@project_option
@click.argument("revision", required=False)
@click.option(
    "--to",
    type=click.Choice(["pdf", "docx"]),
    default="pdf",
    show_default=True,
    help="PDF with coloured marks, or DOCX with Word tracked changes.",
)
@output_option("Where to write it.  [default: build/diff.pdf or build/diff.docx]")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors and the path.")
def diff(project: Path, revision: str | None, to: str, output: Path | None, quiet: bool) -> None:
    """The thesis with its changes since REVISION marked (default: the newest meeting-*
    tag): deleted words struck through in red, added ones underlined in blue, a summary
    page first. With uncommitted changes it compares with the working tree. The old
    revision comes from git into build/diff/; your checkout is not touched.
    """
    config = load(project)
    target = (output or BuildPaths.of(config.root).build / f"diff.{to}").resolve()
    refused = output_problem(config, target.with_suffix(".pdf"))
    if to == "docx" and target.suffix.lower() != ".docx":
        refused = f"{target}: not a .docx file name; the DOCX would replace whatever is there."
    if refused:
        raise click.BadParameter(refused, param_hint="'-o' / '--output'")
    made = run_diff(config, revision, to, target, quiet)
    click.echo(config.relative(made))


def run_diff(config: Config, revision: str | None, to: str, target: Path, quiet: bool) -> Path:
    """Under the project's build lock; the build's modules load only now."""
    from ..builder.diff import build_diff
    from ..core.lock import build_lock
    from ..core.progress import Reporter
    from .liveline import live_line

    report = Reporter() if quiet else Reporter(say, None, live_line(sys.stderr))
    with build_lock(BuildPaths.of(config.root).build, say):
        done = build_diff(config, revision, "docx" if to == "docx" else "pdf", target, report)
    if not quiet:
        for line in summary_lines(done.changes):
            say(line)
    return done.output


def summary_lines(changes: Sequence[ChapterChanges]) -> list[str]:
    """One line per chapter on stderr; the summary page has the details."""
    lines = []
    for chapter in changes:
        if chapter.status == "unchanged":
            lines.append(f"{chapter.title}: unchanged")
        else:
            lines.append(f"{chapter.title}: +{chapter.words_added} −{chapter.words_removed} words")
    return lines
