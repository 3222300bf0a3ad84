"""What several commands share: the project option, --rerun and where progress goes. Cheap
to import (click and pathlib), since every command module loads it."""

from __future__ import annotations

from pathlib import Path

import click

project_option = click.option(
    "-C",
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The thesis project folder (the one holding thesis.yaml).",
)

rerun_option = click.option(
    "--rerun",
    is_flag=True,
    help="Run every chapter's code now, ignoring cached and stored outputs.",
)


def say(message: str) -> None:
    """Progress and summaries go to stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)
