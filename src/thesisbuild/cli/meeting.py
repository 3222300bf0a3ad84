"""`thesisbuild meeting`: tag, build the draft and the change-marked PDF, print the numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config.reader import load
from ..core.errors import BuildFailed
from ..core.paths import BuildPaths
from .options import project_option, say


@click.command()
@project_option
@click.option(
    "--since",
    metavar="REV",
    help="Compare with this revision.  [default: the previous meeting-* tag]",
)
def meeting(project: Path, since: str | None) -> None:
    """Before a supervisor meeting: refuse uncommitted changes (naming the files, exit 2,
    no tag); else tag HEAD meeting-YYYY-MM-DD (-2, -3 for further meetings that day),
    build the draft build/thesis.pdf and build/diff.pdf against the previous meeting tag
    (or --since), and print the stats table, what changed and both paths. Tags stay local: push them
    with `git push origin TAG`.
    """
    from ..builder.meeting import prepare_meeting
    from ..builder.stats import project_stats
    from ..core.lock import build_lock
    from ..core.progress import Reporter
    from .diff import summary_lines
    from .liveline import live_line
    from .stats import stats_table

    config = load(project)
    report = Reporter(say, None, live_line(sys.stderr))
    with build_lock(BuildPaths.of(config.root).build, say):
        done = prepare_meeting(config, since, report)
    click.echo(stats_table(project_stats(config)))
    if done.diff is not None:
        click.echo(f"changed since {done.diff.old.name}:")
        for line in summary_lines(done.diff.changes):
            click.echo(f"  {line}")
    say(f"the tag {done.tag} is local; share it with: git push origin {done.tag}")
    paths = BuildPaths.of(config.root)
    for made in (paths.default_pdf, paths.build / "diff.pdf"):
        if made.is_file() and (made.name != "diff.pdf" or done.previous is not None):
            click.echo(config.relative(made))
    if done.failures:
        raise BuildFailed("\n".join(done.failures))
