"""The README documents every command and option the code has (its thesis.yaml table is
generated from the schema: test_schema.py checks that it is current)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from thesisbuild.cli.main import all_commands

COMMANDS = all_commands()
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_section(name: str) -> None:
    assert f"### `thesisbuild {name}" in README


@pytest.mark.parametrize(
    "option",
    sorted(
        {
            opt
            for command in COMMANDS.values()
            for p in command.params
            if isinstance(p, click.Option)
            for opt in p.opts
        }
    ),
)
def test_every_option_is_mentioned(option: str) -> None:
    assert f"`{option}" in README


@pytest.mark.parametrize(
    ("name", "argument"),
    sorted(
        (name, p.human_readable_name if p.required else f"[{p.human_readable_name}")
        for name, command in COMMANDS.items()
        for p in command.params
        if isinstance(p, click.Argument)
    ),
)
def test_every_argument_is_in_its_commands_heading(name: str, argument: str) -> None:
    """An optional argument in brackets (`[CHAPTERS…]`), a required one without."""
    assert f"### `thesisbuild {name} {argument}" in README
