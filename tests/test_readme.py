"""The README documents every command, option and thesis.yaml key the code has."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesisbuild.cli import cli
from thesisbuild.thesisyaml import LAYOUT_KEYS, TOP_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_a_section(name: str) -> None:
    assert f"### `thesisbuild {name}" in README


@pytest.mark.parametrize(
    "option",
    sorted({opt for command in cli.commands.values() for p in command.params for opt in p.opts}),
)
def test_every_option_is_mentioned(option: str) -> None:
    assert f"`{option}" in README


@pytest.mark.parametrize("key", sorted(TOP_KEYS - {"layout", "lint"}))
def test_every_top_level_key_is_in_the_reference(key: str) -> None:
    assert f"| `{key}` |" in README


@pytest.mark.parametrize("key", sorted(LAYOUT_KEYS))
def test_every_layout_key_is_in_the_reference(key: str) -> None:
    assert f"| `layout.{key}` |" in README


def test_lint_terminology_is_in_the_reference() -> None:
    assert "| `lint.terminology` |" in README
