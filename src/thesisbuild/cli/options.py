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

gateway_option = click.option(
    "--gateway",
    metavar="URL",
    default=None,
    help="Run the code on this Jupyter kernel gateway (token from execute_gateway.token_env, "
    "default $THESIS_GATEWAY_TOKEN), in place of thesis.yaml's execute_gateway.url.",
)


def say(message: str) -> None:
    """Progress and summaries go to stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)
