"""What several commands share: the project option, --rerun and where progress goes. Cheap
to import (click and pathlib), since every command module loads it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

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

quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")


def verbose_option(commands: str) -> Decorator:
    """-v: the commands a build runs, named for the command's help."""
    return click.option(
        "-v", "--verbose", is_flag=True, help=f"Also show the commands run ({commands})."
    )


def output_option(help_text: str) -> Decorator:
    """-o FILE: where the command writes what it makes."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text
    )


def format_option(formats: Sequence[str], help_text: str) -> Decorator:
    """--format: how findings or verdicts are printed (text by default)."""
    return click.option(
        "--format", "form", type=click.Choice(formats), default="text", show_default=True,
        help=help_text,
    )  # fmt: skip


def say(message: str) -> None:
    """Progress and summaries go to stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)
