"""`thesisbuild md`: the chapters executed and exported, without pandoc or LaTeX."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build.pipeline import build_markdown, execution
from ..config.reader import load
from ..core.files import BUILD_DIR
from ..core.lock import build_lock
from .liveline import live_line
from .options import project_option, rerun_option, say, silent


@click.command()
@project_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@rerun_option
def md(project: Path, quiet: bool, rerun: bool) -> None:
    """Execute and export the chapters to build/chapters/*.md and build/thesis.md."""
    config = load(project)
    with build_lock(config.root / BUILD_DIR, say):
        how = execution(config, rerun, None if quiet else live_line(sys.stderr))
        manuscript = build_markdown(config, silent if quiet else say, how=how)
    if not quiet:
        click.echo(config.relative(manuscript.path))
