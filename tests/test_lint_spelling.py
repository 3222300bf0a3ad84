"""Rule `spelling` with the Debian Hunspell dictionaries (skipped where they are not
installed, as on a developer machine without `make setup`; CI installs them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lint_chapters import FORMS, found, lint_text

from thesisbuild.config.model import TerminologyRule
from thesisbuild.lint.dictionaries import problem


@pytest.fixture(autouse=True)
def dictionaries() -> None:
    missing = problem("de") or problem("en")
    if missing and os.environ.get("CI") != "true":
        pytest.skip(missing)
    assert missing is None, missing


@pytest.mark.parametrize("suffix", FORMS)
def test_typos_fire_once_per_occurrence(tmp_path: Path, suffix: str) -> None:
    text = "# Kapitel\n\nDer Schellenwert ist mathmatisch klar. Der Schellenwert bleibt.\n"
    assert found(lint_text(tmp_path, text, suffix), "spelling") == [
        "Schellenwert",
        "mathmatisch",
        "Schellenwert",
    ]


@pytest.mark.parametrize("suffix", FORMS)
def test_what_is_no_typo(tmp_path: Path, suffix: str) -> None:
    text = (
        "# Kapitel\n\nDie Schwellenwertfunktion und das Fine-Tuning mit dem "
        "Learning-Rate-Scheduler auf CoNLL-2003 mit WordPiece, camelCase und LSTMs.\n\n"
        "Der `Schellenwert` und $mathmatisch$ und <https://beispiel.org/Schellenwert> und "
        "[@schellenwert2020, S. 3] und [todo Schellenwert prüfen].\n\n"
        "```python\n# the Schellenwert of mathmatisch\nx = 1\n```\n"
    )
    assert found(lint_text(tmp_path, text, suffix), "spelling") == []


def test_the_word_list_abbreviations_and_preferred_terms_are_words(tmp_path: Path) -> None:
    text = "# Kapitel\n\nDie gelabelten Daten von Huggingface und Eigennamenerkennung.\n"
    assert found(lint_text(tmp_path, text), "spelling") == [
        "gelabelten", "Huggingface", "Eigennamenerkennung"
    ]  # fmt: skip
    config = {
        "words": ("Gelabelten", "huggingface"),
        "terminology": (TerminologyRule("Eigennamenerkennung", ("Entitätenerkennung",)),),
    }
    assert found(lint_text(tmp_path, text, **config), "spelling") == []


def test_an_english_thesis_checks_english(tmp_path: Path) -> None:
    text = "# Basics\n\nThe modle is trained on tokens.\n"
    assert found(lint_text(tmp_path, text, language="en"), "spelling") == ["modle"]
