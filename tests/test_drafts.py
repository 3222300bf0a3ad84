"""Integration: a draft of a thesis with emoji and symbols, a .bib with unreadable
entries, raw lstlisting, thesis.yaml's latex additions and a chapter LaTeX cannot set
between two good ones still gives a PDF (exit 1); --final refuses each problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_built
from tex import pdf_text, require_tex

pytestmark = [pytest.mark.tex, pytest.mark.kernel]


@pytest.fixture(scope="module")
def draft(project: Callable[[str], Path], thesisbuild: Callable[..., Run]) -> tuple[Run, str, Path]:
    require_tex()
    root = project("drafts")
    run = thesisbuild("pdf", "-C", root)
    return run, pdf_text(root / "build" / "thesis.pdf", layout=True), root


def test_draft_with_a_broken_chapter_delivers_and_exits_1(draft: tuple[Run, str, Path]) -> None:
    run, text, _ = draft
    assert run.code == 1
    assert "thesis/02-kaputt.md:5:" in run.err and "Environment tabulr undefined" in run.err
    assert "draft built with 1 place set aside" in run.err
    assert "Dieser Absatz ist gut." in text and "Auch dieser Absatz erscheint." in text
    box = "Dieser Abschnitt konnte nicht gesetzt werden: thesis/02-kaputt.md:5:"
    assert box in " ".join(text.split())
    offene = text.split("Offene Punkte")[-1]
    assert "Nicht gesetzte Stellen" in offene and "thesis/02-kaputt.md:5:" in offene


def test_symbols_and_emoji_print_as_text(draft: tuple[Run, str, Path]) -> None:
    _, text, _ = draft
    assert "Symbole 🔍" in text  # heading (and table of contents)
    assert "Erfüllt ✅, nicht erfüllt ❌, gelacht 😀" in text
    assert "Tabelle 1.1: Status ❌" in text
    assert "Ausgabe ✅ und ❌" in text  # code output in the mono font
    assert "missing character" not in draft[0].err


def test_unreadable_bib_entry_is_reported_and_the_others_print(
    draft: tuple[Run, str, Path],
) -> None:
    run, text, _ = draft
    assert "bibliography.bib:17: entry kaputt: note = Zugriff 2024 cannot be read" in run.err
    assert "write note = {Zugriff 2024}" in run.err
    bibliography = text.split("Literaturverzeichnis")[-1]
    assert "Ein gutes Buch" in bibliography
    assert "Eine Webseite ohne Datum" in bibliography  # year = n.d. is accepted
    assert "Tippfehler" not in bibliography


def test_raw_lstlisting_and_latex_additions(draft: tuple[Run, str, Path]) -> None:
    _, text, root = draft
    assert "Listing 3.1: Die Funktion parse" in text
    assert "def parse(x_n):" in text  # the math rule left the listing alone
    assert "Projekt Falke" in text  # latex.preamble
    assert "\\usepackage[dvipsnames]{xcolor}" in (root / "build" / "preamble.tex").read_text()


def test_final_refuses_the_bib_entry_then_the_broken_chapter(
    draft: tuple[Run, str, Path], thesisbuild: Callable[..., Run], tmp_path: Path
) -> None:
    root = copy_built(draft[2], tmp_path / "drafts")
    drafted = (root / "build" / "thesis.pdf").read_bytes()
    refused = thesisbuild("pdf", "--final", "-q", "-C", root)
    assert refused.code == 1 and "bibliography.bib:17: entry kaputt" in refused.err
    bib = root / "bibliography.bib"
    bib.write_text(bib.read_text().replace("Zugriff 2024", "{Zugriff 2024}"))
    failed = thesisbuild("pdf", "--final", "-q", "-C", root)
    assert failed.code == 1 and "thesis/02-kaputt.md:5:" in failed.err
    assert "set aside" not in failed.err
    assert (root / "build" / "thesis.pdf").read_bytes() == drafted
