"""Integration: Quarto-style cross-references in real PDFs of a German and an English
fixture thesis (every kind of label, from Markdown and from code cells), read back."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run  # the fixtures' result type
from pypdf import PdfReader
from tex import pdf_text, require_tex

pytestmark = [pytest.mark.tex, pytest.mark.kernel]
LABEL_TEXT = re.compile(r"(?:fig|tbl|eq|sec|lst)-\w")


@pytest.fixture(autouse=True, scope="module")
def tex_installed() -> None:
    require_tex()


def built(project: Path, thesisbuild: Callable[..., Run], *options: str) -> Path:
    result = thesisbuild("pdf", "-q", *options, "-C", project)
    assert result.code == 0, result.err
    return project / "build" / "thesis.pdf"


def text_of(pdf: Path) -> str:
    return pdf_text(pdf, joined=True)  # a reference may break across lines


@pytest.fixture(scope="module")
def german(project: Callable[[str], Path], thesisbuild: Callable[..., Run]) -> Path:
    """Built with --final: no unknown reference, no citation taken for a reference."""
    return built(project("crossref-de"), thesisbuild, "--final")


@pytest.fixture(scope="module")
def english(project: Callable[[str], Path], thesisbuild: Callable[..., Run]) -> Path:
    return built(project("crossref-en"), thesisbuild)


def test_german_references_name_kind_and_number(german: Path) -> None:
    text = text_of(german)
    expected = (
        "Verweise: Abbildung 1.1, Tabelle 1.1, Tabelle 1.2, Gleichung (1.1), Abschnitt 1.1, "
        "Listing 1.1 und Listing 1.2.",
        "Nur die Nummer: 1.1.",
        "Mehrere: Abbildung 1.1, Tabelle 1.1.",
        "Eigenes Wort: Abb. 1.1.",
        "Zurück zu Kapitel 1 und Gleichung (1.1).",
    )
    assert [sentence for sentence in expected if sentence not in text] == []
    assert "??" not in text and not LABEL_TEXT.search(text)


def test_english_references_use_english_words(english: Path) -> None:
    text = text_of(english)
    expected = (
        "References: Figure 1.1, Table 1.1, Table 1.2, Equation (1.1), Section 1.1, "
        "Listing 1.1 and Listing 1.2.",
        "Several: Figure 1.1, Table 1.1.",
        "Back to Chapter 1 and Equation (1.1).",
        "List of Listings",
    )
    assert [sentence for sentence in expected if sentence not in text] == []
    assert "??" not in text and not LABEL_TEXT.search(text)
    assert "Abschnitt" not in text and "Gleichung" not in text


def test_listings_have_captions_and_their_own_list(german: Path) -> None:
    text = text_of(german)
    assert "Listing 1.1: Ein Gruß" in text and "Listing 1.2: Code aus einer Zelle" in text
    assert re.search(r"Verzeichnis der Listings 1\.1 Ein Gruß", text)


def test_references_link_to_their_targets(german: Path) -> None:
    page = next(p for p in PdfReader(german).pages if "Verweise:" in p.extract_text())
    targets = [str(annotation.get_object()["/A"]["/D"]) for annotation in page.get("/Annots", [])]
    assert len(targets) >= 11
    kinds = {target.split(".")[0] for target in targets}
    assert {"figure", "table", "equation", "section", "codelisting"} <= kinds


def test_references_are_not_citations(german: Path) -> None:
    bibliography = text_of(german).split("Literaturverzeichnis")[-1]
    assert "MUSTERMANN" in bibliography.upper()
    assert "?" not in bibliography.split("Eidesstattliche")[0]


def test_unknown_label_is_a_located_warning_in_a_draft(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    """A text-only thesis: the draft shows ?@key and says where; no list of listings and
    no bibliography (a reference is not a citation)."""
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis.yaml").write_text('title: "Nur Text"\n', encoding="utf-8")
    (tmp_path / "thesis" / "01-text.md").write_text(
        "# Text {#sec-text}\n\nNur Text, siehe @sec-text und @fig-fehlt.\n", encoding="utf-8"
    )
    result = thesisbuild("pdf", "-C", tmp_path)
    assert result.code == 0, result.err
    assert "thesis/01-text.md:3:31: unknown cross-reference @fig-fehlt" in result.err
    text = text_of(tmp_path / "build" / "thesis.pdf")
    assert "siehe Kapitel 1 und ?@fig-fehlt" in text
    assert "Listings" not in text and "Literaturverzeichnis" not in text


def test_unknown_label_stops_a_final_build_at_its_line(
    project: Callable[[str], Path], thesisbuild: Callable[..., Run]
) -> None:
    root = project("crossref-de")
    chapter = root / "02-schluss.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSiehe @tbl-fehlt.\n", "utf-8")
    result = thesisbuild("pdf", "--final", "-C", root)
    assert result.code == 1
    assert "02-schluss.md:5:7: error [crossref] unknown cross-reference @tbl-fehlt" in result.err
