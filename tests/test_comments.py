"""`thesisbuild comments`: a supervisor's annotations in the PDF the real build made
(written here with pypdf, over words pdfplumber finds on the page) and Word comments
(python-docx) and tracked changes, each at its exact chapter line; bad input is one line
and exit 2."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import Run, run_thesisbuild
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject
from small_project import write_project
from tex import require_tex

from thesisbuild.config.reader import load
from thesisbuild.review.place import place as place_remarks
from thesisbuild.review.remark import Anchor, Remark
from thesisbuild.sources.project import read_sources

AUTHOR = "Prof. Muster"
METHODEN = (
    "# Methoden\n"
    "\n"
    "Ein kurzer Absatz zur Einleitung der Klassen.\n"
    "\n"
    "Die Fehleranalyse zeigt deutlich, welche Klassen verwechselt werden.\n"
    "\n"
    "Ein weiterer Absatz über die *Schwellenwertfunktion* und den Gradientenabstieg, der so\n"
    "lang ist, dass er im PDF über mehrere Zeilen läuft, mit Lernrate, Momentum,\n"
    "Regularisierung, Normalisierung, Initialisierung und Ausreißern als Stichworten.\n"
    "\n"
    "Dieser Satz verschwindet später aus dem Kapitel.\n"
)
FIVE = METHODEN.split("\n")[4]
ERGEBNISSE_CELLS = (
    ("markdown", "# Ergebnisse\n\nDie Trefferquote steigt."),
    ("code", "x = 1"),
    ("markdown", "Noch ein Satz zur Trefferquote.\n\nAm Ende bleibt die Kalibrierung offen."),
)


def notebook() -> str:
    cells = [
        {"cell_type": kind, "metadata": {}, "source": source}
        | ({"outputs": [], "execution_count": None} if kind == "code" else {})
        for kind, source in ERGEBNISSE_CELLS
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    document = {"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4}
    return json.dumps(document | {"nbformat_minor": 5})


def chapters() -> dict[str, str]:
    return {"02-methoden.md": METHODEN, "03-ergebnisse.ipynb": notebook()}


# --- the PDF: built once, annotated with pypdf -------------------------------------------


@pytest.fixture(scope="module")
def thesis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project and the draft PDF the real `thesisbuild pdf` made of it."""
    require_tex()
    root = write_project(tmp_path_factory.mktemp("comments") / "p", chapters())
    run = run_thesisbuild("pdf", "-C", root)
    assert run.code == 0, run.err
    return root


Word = tuple[int, float, dict[str, Any]]  # page (from 0), page height, pdfplumber's word


def words(pdf: Path) -> list[Word]:
    with pdfplumber.open(pdf) as document:
        return [
            (number, float(page.height), word)
            for number, page in enumerate(document.pages)
            for word in page.extract_words(x_tolerance_ratio=0.15)
        ]


def word(found: list[Word], text: str, nth: int = 0) -> Word:
    return [each for each in found if each[2]["text"].strip(",.") == text][nth]


def quad(each: Word) -> list[float]:
    """A QuadPoints quad over the word, in PDF coordinates (origin bottom left)."""
    _, height, box = each
    x0, x1, bottom, top = box["x0"], box["x1"], height - box["bottom"], height - box["top"]
    return [x0, top, x1, top, x0, bottom, x1, bottom]


def annotation(kind: str, rect: list[float], note: str, quads: list[float]) -> DictionaryObject:
    entries = {
        "/Type": NameObject("/Annot"),
        "/Subtype": NameObject(kind),
        "/Rect": ArrayObject(FloatObject(value) for value in rect),
        "/T": TextStringObject(AUTHOR),
    }
    if note:
        entries["/Contents"] = TextStringObject(note)
    if quads:
        entries["/QuadPoints"] = ArrayObject(FloatObject(value) for value in quads)
    return DictionaryObject({NameObject(key): value for key, value in entries.items()})


def mark(writer: PdfWriter, kind: str, marked: list[Word], note: str = "") -> None:
    quads = [value for each in marked for value in quad(each)]
    xs, ys = quads[0::2], quads[1::2]
    rect = [min(xs), min(ys), max(xs), max(ys)]
    writer.add_annotation(marked[0][0], annotation(kind, rect, note, quads))


def note_beside(writer: PdfWriter, kind: str, beside: Word, note: str) -> None:
    """A note in the left margin (x 20–40) at the height of the word's line."""
    _, height, box = beside
    rect = [20.0, height - box["bottom"], 40.0, height - box["top"]]
    writer.add_annotation(beside[0], annotation(kind, rect, note, []))


def wrapped_pair(found: list[Word]) -> tuple[Word, Word]:
    """The last word of a line in the long paragraph and the first word of the next."""
    start = found.index(word(found, "weiterer"))
    paragraph = found[start : found.index(word(found, "Stichworten"))]
    for this, after in itertools.pairwise(paragraph):
        if after[2]["top"] > this[2]["bottom"]:
            return this, after
    raise AssertionError("the long paragraph fits on one line")


@pytest.fixture(scope="module")
def annotated(thesis: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Word]]:
    """A copy of the PDF with every kind of remark a supervisor makes."""
    source = thesis / "build" / "thesis.pdf"
    found = words(source)
    writer = PdfWriter(clone_from=source)
    mark(writer, "/Highlight", [word(found, "Fehleranalyse")], "Welche Klassen genau?")
    mark(writer, "/Underline", [word(found, "Klassen", 1)])  # the 2nd in the chapter
    mark(writer, "/Squiggly", list(wrapped_pair(found)), "Zwei Zeilen")
    mark(writer, "/StrikeOut", [word(found, "verschwindet")], "Streichen?")
    note_beside(writer, "/Text", word(found, "Kalibrierung"), "Warum offen?")
    note_beside(writer, "/FreeText", word(found, "Trefferquote", 1), "Wie viel?")
    note_beside(writer, "/FreeText", word(found, "Liefern"), "Titel zu kurz")
    mark(writer, "/Highlight", [word(found, "Ergebnisse")], "Reihenfolge?")  # the contents
    mark(writer, "/Highlight", [word(found, "Hiermit")], "Unterschreiben!")
    mark(writer, "/Highlight", [word(found, "Keine")], "Gut.")
    pdf = tmp_path_factory.mktemp("annotated") / "thesis.pdf"
    with pdf.open("wb") as file:
        writer.write(file)
    return pdf, found


def listed(root: Path, pdf: Path, form: str = "text") -> Run:
    run = run_thesisbuild("comments", pdf, "--format", form, "-C", root)
    assert run.code == 0, run.err
    return run


@pytest.fixture(scope="module")
def lines(thesis: Path, annotated: tuple[Path, list[Word]]) -> list[str]:
    return listed(thesis, annotated[0]).out.splitlines()


def column(line: str, text: str) -> int:
    return line.index(text) + 1


@pytest.mark.tex
def test_a_highlight_is_at_its_word_with_the_note_and_author(lines: list[str]) -> None:
    place = f"thesis/02-methoden.md:5:{column(FIVE, 'Fehleranalyse')}"
    assert f"{place}: {AUTHOR}: Welche Klassen genau? — „Fehleranalyse“" in lines


@pytest.mark.tex
def test_a_word_written_twice_is_found_where_it_was_marked(lines: list[str]) -> None:
    place = f"thesis/02-methoden.md:5:{column(FIVE, 'Klassen')}"
    assert f"{place}: {AUTHOR}: underlined — „Klassen“" in lines


@pytest.mark.tex
def test_a_mark_over_two_lines_is_at_its_first_word(
    lines: list[str], annotated: tuple[Path, list[Word]]
) -> None:
    first, _ = wrapped_pair(annotated[1])
    shown = first[2]["text"].rstrip("-,.")
    numbered = list(enumerate(METHODEN.split("\n"), 1))[6:9]  # the long paragraph
    number, at = next((n, m) for n, text in numbered if (m := re.search(rf"\b{shown}\b", text)))
    place = f"thesis/02-methoden.md:{number}:{at.start() + 1}: {AUTHOR}: Zwei Zeilen — „"
    assert any(each.startswith(place) for each in lines), lines


@pytest.mark.tex
def test_a_note_in_the_margin_is_at_the_line_beside_it_in_its_notebook_cell(
    lines: list[str],
) -> None:
    beside = "„Am Ende bleibt die Kalibrierung offen.“"
    assert f"thesis/03-ergebnisse.ipynb:cell 3:3:1: {AUTHOR}: Warum offen? — {beside}" in lines
    free = "thesis/03-ergebnisse.ipynb:cell 3:1:1: Prof. Muster: Wie viel? — „Noch ein Satz"
    assert any(each.startswith(free) for each in lines), lines


@pytest.mark.tex
def test_remarks_on_pages_the_build_makes_are_listed_with_their_page(
    lines: list[str], annotated: tuple[Path, list[Word]]
) -> None:
    pdf = annotated[0]
    assert f"{pdf}: page 1 (title page): {AUTHOR}: Titel zu kurz — „Liefern“" in lines
    contents = f"{pdf}: page 2 (Inhaltsverzeichnis): {AUTHOR}: Reihenfolge? — „Ergebnisse“"
    assert contents in lines
    pages = {each[2]["text"]: each[0] + 1 for each in annotated[1]}
    declaration = f"page {pages['Hiermit']} (Eidesstattliche Erklärung): {AUTHOR}: Unterschreiben!"
    assert f"{pdf}: {declaration} — „Hiermit“" in lines
    assert f"{pdf}: page {pages['Keine']} (Offene Punkte): {AUTHOR}: Gut. — „Keine“" in lines


@pytest.mark.tex
def test_an_older_pdf_is_placed_in_the_chapters_as_they_are_now(
    thesis: Path, annotated: tuple[Path, list[Word]], tmp_path: Path
) -> None:
    root = Path(shutil.copytree(thesis, tmp_path / "p"))
    edited = METHODEN.replace("\n\n", "\n\nNeuer erster Absatz.\n\n", 1)
    edited = edited.replace("Dieser Satz verschwindet später aus dem Kapitel.\n", "")
    (root / "thesis" / "02-methoden.md").write_text(edited, encoding="utf-8")
    pdf, found = annotated
    shown = listed(root, pdf).out.splitlines()
    moved = f"thesis/02-methoden.md:7:{column(FIVE, 'Fehleranalyse')}: {AUTHOR}: Welche Klassen"
    assert any(each.startswith(moved) for each in shown), shown
    page = word(found, "verschwindet")[0] + 1
    gone = f"{pdf}: page {page} (1 Methoden): {AUTHOR}: Streichen? — „verschwindet“"
    assert f"{gone} (no longer in the chapters)" in shown


@pytest.mark.tex
def test_json_and_github_carry_lints_shape_and_the_author(
    thesis: Path, annotated: tuple[Path, list[Word]]
) -> None:
    found = json.loads(listed(thesis, annotated[0], "json").out)
    assert len(found) == 10
    first = found[0]
    assert set(first) == {"path", "line", "column", "cell", "rule", "severity", "message", "text"}
    assert (first["path"], first["line"], first["rule"], first["text"]) == (
        "thesis/02-methoden.md",
        5,
        "comment",
        "Fehleranalyse",
    )
    cell = next(each for each in found if each["cell"] is not None)
    assert (cell["path"], cell["cell"]) == ("thesis/03-ergebnisse.ipynb", 3)
    github = listed(thesis, annotated[0], "github").out.splitlines()
    assert any(
        each.startswith("::warning file=thesis/02-methoden.md,line=5,") and AUTHOR in each
        for each in github
    )


# --- PDFs that cannot be placed or read ---------------------------------------------------


@pytest.mark.tex
def test_a_pdf_thesisbuild_did_not_make_lists_its_comments_by_page_and_exits_2(
    thesis: Path, tmp_path: Path
) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    writer.add_annotation(1, annotation("/Text", [20, 700, 40, 720], "Fremd", []))
    pdf = tmp_path / "fremd.pdf"
    writer.write(pdf)
    run = run_thesisbuild("comments", pdf, "-C", thesis)
    assert run.code == 2
    assert f"{pdf}: page 2: {AUTHOR}: Fremd" in run.out
    assert "cannot be placed" in run.err and "Traceback" not in run.err


@pytest.mark.tex
def test_an_encrypted_or_damaged_pdf_is_one_line_and_exit_2(thesis: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=thesis / "build" / "thesis.pdf")
    writer.encrypt("geheim")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.5\n" + b"\x00kaputt" * 100)
    for pdf, said in ((locked, "encrypted"), (damaged, "not a readable PDF")):
        run = run_thesisbuild("comments", pdf, "-C", thesis)
        assert run.code == 2, run.err
        assert said in run.err and len(run.err.strip().splitlines()) == 1, run.err


# --- Word: comments written with python-docx, a tracked change as raw XML ------------------


@pytest.fixture
def written(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", chapters())


def paragraph_with(document: Any, *texts: str) -> list[Any]:
    paragraph = document.add_paragraph()
    return [paragraph.add_run(text) for text in texts]


def tracked_change() -> Any:
    """`Die Fehleranalyse zeigt [deutlich→klar], …` as Word writes a tracked change."""
    who = f'w:author="{AUTHOR}" w:date="2026-12-01T10:00:00Z"'
    return parse_xml(
        f"<w:p {nsdecls('w')}><w:r><w:t xml:space='preserve'>Die Fehleranalyse zeigt </w:t>"
        f'</w:r><w:del w:id="90" {who}><w:r><w:delText>deutlich</w:delText></w:r></w:del>'
        f'<w:ins w:id="91" {who}><w:r><w:t>klar</w:t></w:r></w:ins>'
        "<w:r><w:t xml:space='preserve'>, welche Klassen verwechselt werden.</w:t></w:r></w:p>"
    )


def reviewed_docx(path: Path) -> Path:
    document = Document()
    document.add_heading("Methoden", 1)
    runs = paragraph_with(document, "Ein kurzer Absatz zur Einleitung der ", "Klassen", ".")
    document.add_comment(runs[1], text="Welche?", author=AUTHOR)
    runs = paragraph_with(
        document, "Die ", "Fehleranalyse", " zeigt deutlich, welche ", "Klassen", " verwechselt."
    )
    document.add_comment(runs[1], text="Welche Klassen genau?", author=AUTHOR)
    document.add_comment(runs[3], text="Alle?", author=AUTHOR)
    runs = paragraph_with(document, "Am Ende bleibt die ", "Kalibrierung", " offen.")
    document.add_comment(runs[1], text="Warum?", author="Dr. Zweit")
    document.add_comment(paragraph_with(document, "Ein Satz, den es nie gab.")[0], "Nein", AUTHOR)
    document.element.body.append(tracked_change())
    document.save(str(path))
    return path


def test_word_comments_and_tracked_changes_are_at_their_chapter_lines(
    written: Path, tmp_path: Path
) -> None:
    docx = reviewed_docx(tmp_path / "review.docx")
    out = listed(written, docx).out.splitlines()
    assert out == [
        f"thesis/02-methoden.md:3:{column(METHODEN.split(chr(10))[2], 'Klassen')}:"
        f" {AUTHOR}: Welche? — „Klassen“",
        f"thesis/02-methoden.md:5:{column(FIVE, 'Fehleranalyse')}: {AUTHOR}: Welche Klassen"
        " genau? — „Fehleranalyse“",
        f"thesis/02-methoden.md:5:{column(FIVE, 'deutlich')}: {AUTHOR}: deleted „deutlich“",
        f"thesis/02-methoden.md:5:{column(FIVE, ',')}: {AUTHOR}: inserted „klar“",
        f"thesis/02-methoden.md:5:{column(FIVE, 'Klassen')}: {AUTHOR}: Alle? — „Klassen“",
        "thesis/03-ergebnisse.ipynb:cell 3:3:20: Dr. Zweit: Warum? — „Kalibrierung“",
        f"{docx}: {AUTHOR}: Nein — „Ein Satz, den es nie gab.“ (not found in the chapters)",
    ]


def test_a_docx_without_comments_is_an_empty_list(written: Path, tmp_path: Path) -> None:
    path = tmp_path / "leer.docx"
    Document().save(str(path))
    assert listed(written, path, "json").out.strip() == "[]"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"PK\x03\x04kaputt" * 20, "not a readable .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "encrypted"),
    ],
    ids=["damaged", "encrypted"],
)
def test_a_damaged_or_encrypted_docx_is_one_line_and_exit_2(
    written: Path, tmp_path: Path, content: bytes, said: str
) -> None:
    path = tmp_path / "review.docx"
    path.write_bytes(content)
    run = run_thesisbuild("comments", path, "-C", written)
    assert run.code == 2
    assert said in run.err and len(run.err.strip().splitlines()) == 1, run.err


def test_another_kind_of_file_is_refused(written: Path) -> None:
    run = run_thesisbuild("comments", written / "thesis" / "02-methoden.md", "-C", written)
    assert (run.code, "give a .pdf or a .docx" in run.err) == (2, True)


@pytest.mark.parametrize(
    ("before", "marked", "after", "place"),
    [
        ("Die ", "Fehler-\nanalyse", " zeigt", f"thesis/02-methoden.md:5:{column(FIVE, 'F')}"),
        ("", "„Fehleranalyse“", "", f"thesis/02-methoden.md:5:{column(FIVE, 'F')}"),
        ("über die ", "Schwellenwert-\nfunktion", " und", "thesis/02-methoden.md:7:31"),
        ("Die ", "Treﬀerquote", " steigt.", "thesis/03-ergebnisse.ipynb:cell 1:3:5"),
        ("Die Fehler", "analyse", " zeigt", f"thesis/02-methoden.md:5:{column(FIVE, 'analyse')}"),
        ("", "1 Methoden", "", "thesis/02-methoden.md:1:3"),
    ],
    ids=[
        "hyphenated",
        "typographic-quotes",
        "hyphen-and-markdown",
        "ligature",
        "inside-a-word",
        "numbered-heading",
    ],
)
def test_text_as_a_reader_sees_it_is_found_in_the_chapter(
    written: Path, before: str, marked: str, after: str, place: str
) -> None:
    """What a PDF shows differs from the markdown: each is still found (no TeX needed)."""
    sources = read_sources(load(written))
    remark = Remark(AUTHOR, "", marked, Anchor(before, marked, after), 3, "1 Methoden")
    (placed,) = place_remarks([remark], sources)
    assert str(placed.location) == place
