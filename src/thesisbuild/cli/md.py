"""`thesisbuild md`: the chapters executed and exported, without pandoc or LaTeX."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..builder.pipeline import build_markdown
from ..config.model import with_gateway
from ..config.reader import load
from ..core.lock import build_lock
from ..core.paths import BuildPaths
from ..core.progress import Reporter
from .liveline import live_line
from .options import gateway_option, project_option, quiet_option, rerun_option, say


@click.command()
@project_option
@quiet_option
@rerun_option
@gateway_option
def md(project: Path, quiet: bool, rerun: bool, gateway: str | None) -> None:
    """Execute and export the chapters to build/chapters/*.md and build/thesis.md."""
    config = with_gateway(load(project), gateway)
    report = Reporter() if quiet else Reporter(say, running=live_line(sys.stderr))
    with build_lock(BuildPaths.of(config.root).build, say):
        manuscript = build_markdown(config, report, rerun)
    if not quiet:
        click.echo(config.relative(manuscript.path))
