"""`thesisbuild watch`: rebuild the draft on every save."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..builder.watch import watch_project
from .liveline import live_line
from .options import gateway_option, project_option, say


@click.command()
@project_option
@gateway_option
def watch(project: Path, gateway: str | None) -> None:
    """Rebuild the draft PDF on every save, until Ctrl-C.

    Watches the project folder (chapters, thesis.yaml, bibliography, templates, data
    files; not build/), lints each saved chapter and prints one line per build with its
    time; a failed build prints the located error and the next save tries again.
    """
    watch_project(project, say, live_line(sys.stderr), gateway)
