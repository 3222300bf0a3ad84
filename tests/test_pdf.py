"""Integration: real PDFs of fixture theses (among them tests/data/draft, a frozen copy of
the shipped thesis's early draft), read back with poppler (pdfinfo, pdffonts, pdftotext)
and pypdf."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_built
from pypdf import PdfReader
from tex import pdf_text, poppler, require_tex

from thesisbuild.cli.main import main

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
TOOLS = ("xelatex", "latexmk", "pdftotext", "pdfinfo", "pdffonts")
OUTLINE = [
    "Einführung",
    "Grundlagen",
    "Tools",
    "Methode",
    "Design der Experimente",
    "Ergebnisse der Experimente",
    "Diskussion",
    "Zusammenfassung",
]

pytestmark = pytest.mark.tex


@pytest.fixture(autouse=True, scope="module")
def tex_installed() -> None:
    require_tex(TOOLS)


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build"))
    return target


def text_of(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    return pdf_text(pdf, layout=True, first=first, last=last)


@pytest.fixture(scope="module")
def draft_pdf(draft_build: Path) -> Path:
    """The draft's PDF, built once per session by conftest's `draft_build`."""
    return draft_build / "build" / "thesis.pdf"


def test_draft_is_a4_with_every_font_embedded(draft_pdf: Path) -> None:
    info = poppler("pdfinfo", draft_pdf)
    assert "595.28 x 841.89 pts (A4)" in info
    assert int(info.split("Pages:")[1].split()[0]) > 20
    fonts = poppler("pdffonts", draft_pdf).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_title_page_names_everything_the_university_asks_for(draft_pdf: Path) -> None:
    title_page = text_of(draft_pdf, 1, 1)
    fields = (
        "Named Entity Recognition",
        "Masterarbeit",
        "Vorname Nachname",
        "0000000",
        "Erstgutachter",
        "Zweitgutachter",
        "ML6",
        "31.03.2027",
        "Fachbereich Informatik",
    )
    assert [field for field in fields if field not in title_page] == []


def test_front_matter_lists_and_chapters_in_outline_order(draft_pdf: Path) -> None:
    text = text_of(draft_pdf)
    headings = (
        "Sperrvermerk",
        "Abstract",
        "Inhaltsverzeichnis",
        "Abbildungsverzeichnis",
        "Tabellenverzeichnis",
        "Abkürzungsverzeichnis",
        "Eidesstattliche Erklärung",
    )
    assert [heading for heading in headings if heading not in text] == []
    bookmarks = [item.title for item in PdfReader(draft_pdf).outline if not isinstance(item, list)]
    chapters = [title.split(" ", 1)[-1] for title in bookmarks if title[0].isdigit()]
    assert chapters == OUTLINE


def test_page_labels_are_roman_then_arabic(draft_pdf: Path) -> None:
    labels = PdfReader(draft_pdf).page_labels
    first_arabic = next(i for i, label in enumerate(labels) if label == "1")
    assert first_arabic > 2
    assert {"I", "II"} <= set(labels[:first_arabic])
    assert labels[first_arabic + 1] == "2"


def test_math_and_greek_letters_survive_as_written(draft_pdf: Path) -> None:
    text = text_of(draft_pdf)
    for glyph in "θδ∇α":
        assert glyph in text
    assert "\\hat" not in text
    assert "x_n" not in text and "h_{t-1}" not in text


def test_draft_marks_todos_and_ends_with_the_open_todo_list(draft_pdf: Path) -> None:
    text = text_of(draft_pdf)
    assert "Entwurf" in text
    last_pages = text.split("Eidesstattliche Erklärung")[-1]
    assert "Offene Punkte" in last_pages
    assert "thesis/03-grundlagen.md" in last_pages and "wer und wann" in last_pages


def test_final_refuses_with_open_todos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(DATA / "cited", tmp_path / "cited")
    assert main(["pdf", "--final", "-q", "-C", str(project)]) == 1
    error = capsys.readouterr().err
    assert "thesis/02-schluss.md:3:" in error and "Fazit schreiben" in error
    assert not (project / "build" / "thesis.pdf").exists()


def test_citation_table_and_symbols_render(cited_build: Path) -> None:
    text = text_of(cited_build / "build" / "thesis.pdf")
    assert "Literaturverzeichnis" in text and "1997" in text
    assert "hochreiter" in text.lower()  # DIN 1505-2 sets names in small caps
    assert "Tabelle 1.1: Ein Modell" in text
    assert all(glyph in text for glyph in "θδ∇α∧")
    assert "Köln" in text and "Bachelorarbeit" in text


def test_latex_error_names_the_chapter_line_and_final_keeps_the_last_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(DATA / "latex-error", tmp_path / "latex-error")
    chapter = project / "thesis" / "01-kapitel.md"
    # in a raw environment, which lint leaves alone, so --final gets as far as LaTeX
    broken = "# Kapitel\n\nErster Absatz.\n\n\\begin{center}\n\\iffalsch{x}\n\\end{center}\n"
    chapter.write_text("# Kapitel\n\nErster Absatz ohne Fehler.\n", encoding="utf-8")
    assert main(["pdf", "-q", "-C", str(project)]) == 0
    good = (project / "build" / "thesis.pdf").read_bytes()
    chapter.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["pdf", "--final", "-q", "-C", str(project)]) == 1
    error = capsys.readouterr().err
    assert "thesis/01-kapitel.md:6:" in error
    assert "Undefined control sequence" in error and "fix:" in error
    assert "build/latex/thesis.log" in error
    assert (project / "build" / "thesis.pdf").read_bytes() == good


def test_missing_glyph_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(DATA / "latex-error", tmp_path / "glyph")
    (project / "thesis" / "01-kapitel.md").write_text("# K\n\nEin 漢 Zeichen.\n", encoding="utf-8")
    assert main(["pdf", "-q", "-C", str(project)]) == 1
    error = capsys.readouterr().err
    assert "thesis/01-kapitel.md:3:5: LaTeX: missing character 漢 (U+6F22)" in error


def test_doctor_finds_everything_here(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "-C", str(REPO)]) == 0
    assert "MISSING" not in capsys.readouterr().out


def test_unknown_citation_key_is_reported_at_its_line(
    cited_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_built(cited_build, tmp_path / "unknown-key")
    chapter = project / "thesis" / "01-einleitung.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSiehe [@nichtda].\n", "utf-8")
    assert main(["pdf", "-C", str(project)]) == 0  # a draft shows "(nichtda?)" and says so
    expected = "thesis/01-einleitung.md:12:8: citation @nichtda not in the bibliography"
    assert expected in capsys.readouterr().err
