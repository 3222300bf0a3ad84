"""Abbreviations the text defines ("Named Entity Recognition (NER)") join thesis.yaml's in
the Abkürzungsverzeichnis: the long forms as written, thesis.yaml's first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from thesisbuild.builder.pipeline import build_markdown
from thesisbuild.config.reader import load
from thesisbuild.core.progress import Reporter
from thesisbuild.text.abbreviations import definitions, listed_with


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Named Entity Recognition (NER) ist", [("NER", "Named Entity Recognition")]),
        ("das Long Short-Term Memory (LSTM)", [("LSTM", "Long Short-Term Memory")]),
        ("mit Part-of-speech (POS) Tags", [("POS", "Part-of-speech")]),
        (
            "Bidirectional Encoder Representations from Transformers (BERT)",
            [("BERT", "Bidirectional Encoder Representations from Transformers")],
        ),
        ("Der (ART) für Artikel", []),  # no long form spells ART
        ("`Named Entity Recognition (NER)`", []),  # code
        ("Kapitel (IV)", []),  # a numeral
    ],
)
def test_definitions(text: str, found: list[tuple[str, str]]) -> None:
    assert [(d.abbr, d.long) for d in definitions(text)] == found


def test_thesis_yaml_first_then_the_text_in_order() -> None:
    texts = ["Mean Squared Error (MSE) und Named Entity Recognition (NER).", "Noch (NER)."]
    assert listed_with([("NER", "Eigennamenerkennung")], texts) == (
        ("NER", "Eigennamenerkennung"),
        ("MSE", "Mean Squared Error"),
    )


def test_the_manuscript_lists_the_text_definitions(tmp_path: Path) -> None:
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "01.md").write_text(
        "# Eins\n\nLong Short-Term Memory (LSTM) und Named Entity Recognition (NER).\n",
        encoding="utf-8",
    )
    (tmp_path / "thesis.yaml").write_text(
        "title: T\nexecute: never\nabbreviations: {NER: Eigennamenerkennung}\n", "utf-8"
    )
    manuscript = build_markdown(load(tmp_path), Reporter()).path.read_text(encoding="utf-8")
    header = yaml.safe_load(manuscript.split("---\n")[1])
    assert header["abbreviations"] == [
        {"short": "NER", "long": "Eigennamenerkennung"},
        {"short": "LSTM", "long": "Long Short-Term Memory"},
    ]
