"""Every generated string comes from the language's table: an English thesis has no
German word the template or the draft marks print, a German one keeps its wording, and
citation locators work in both (`p. 12`, `S. 12`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_built
from tex import pdf_text, poppler, require_tex

from thesisbuild.cli.main import main
from thesisbuild.resources.strings import strings

DATA = Path(__file__).parent / "data"
GERMAN = strings(DATA, "de")
ENGLISH = strings(DATA, "en")

pytestmark = pytest.mark.tex


def build(project: Path) -> str:
    require_tex()
    assert main(["pdf", "-q", "-C", str(project)]) == 0
    return pdf_text(project / "build" / "thesis.pdf", joined=True)


@pytest.fixture(scope="module")
def english_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = shutil.copytree(DATA / "english", tmp_path_factory.mktemp("en") / "english")
    build(project)
    return project


@pytest.fixture(scope="module")
def english_pdf(english_project: Path) -> Path:
    return english_project / "build" / "thesis.pdf"


@pytest.fixture(scope="module")
def english(english_pdf: Path) -> str:
    return pdf_text(english_pdf, joined=True)


@pytest.fixture(scope="module")
def german(cited_build: Path) -> str:
    """tests/data/cited, built once for this module and test_pdf."""
    return pdf_text(cited_build / "build" / "thesis.pdf", joined=True)


def printed(words: dict[str, str]) -> dict[str, str]:
    """The table's entries as they appear in a PDF (no date formats; long texts by their
    first words, which a page break cannot split from each other)."""
    return {key: " ".join(text.split()[:6]) for key, text in words.items() if "%" not in text}


def test_english_thesis_has_no_german_generated_string(english: str) -> None:
    german_only = {k: v for k, v in printed(GERMAN).items() if v != printed(ENGLISH)[k]}
    assert {k: v for k, v in german_only.items() if v in english} == {}


@pytest.mark.parametrize(
    "expected",
    [
        "Contents", "List of Figures", "List of Tables", "List of Abbreviations",
        "Figure 1.1: Bars of the baseline", "Table 1.1: One model", "Bibliography",
        "Appendix A Data", "Submitted by:", "First reviewer: Second reviewer: Further reviewers:",
        "in cooperation with ACME", "Confidentiality Notice", "Declaration of Authorship",
        "Aids Used (AI Tools)", "Place, date", "Open Items", "Draft ·",
        "(Hochreiter & Schmidhuber, 1997, p. 12)",
    ],
)  # fmt: skip
def test_english_strings_are_printed(english: str, expected: str) -> None:
    assert expected in english


@pytest.mark.parametrize(
    "expected",
    [
        "Inhaltsverzeichnis", "Tabellenverzeichnis", "Abkürzungsverzeichnis",
        "Tabelle 1.1: Ein Modell", "Literaturverzeichnis", "vorgelegt von:", "Matrikelnummer:",
        "Erstgutachter:", "Abgabedatum:", "Eidesstattliche Erklärung", "Hiermit versichere ich",
        "Ort, Datum", "Offene Punkte", "Entwurf ·", "S. 12",
    ],
)  # fmt: skip
def test_german_wording_is_unchanged(german: str, expected: str) -> None:
    assert expected in german


def test_declaration_and_strings_can_be_replaced(english_project: Path, tmp_path: Path) -> None:
    project = copy_built(english_project, tmp_path / "english")
    config = project / "thesis.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "declaration: I wrote this myself, honestly.\n",
        encoding="utf-8",
    )
    own = project / "templates" / "strings" / "en.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("declaration: Statutory Declaration\n", encoding="utf-8")
    text = build(project)
    assert "Statutory Declaration I wrote this myself, honestly." in text
    assert ENGLISH["declaration"] not in text and "I hereby declare" not in text


def test_unknown_string_in_a_project_table_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = shutil.copytree(DATA / "english", tmp_path / "english")
    own = project / "templates" / "strings" / "en.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("declaraton: Statutory Declaration\n", encoding="utf-8")
    assert main(["md", "-q", "-C", str(project)]) == 2
    assert capsys.readouterr().err.startswith(
        "Error: templates/strings/en.yaml: unknown key(s) declaraton; known keys: "
    )


def test_logo_is_on_the_title_page(english_pdf: Path) -> None:
    listing = poppler("pdfimages", "-list", "-f", "1", "-l", "1", english_pdf).splitlines()[2:]
    assert [line.split()[3:5] for line in listing] == [["20", "20"]]  # figures/logo.png
