"""The layout keys reach the PDF: a text-only thesis prints no empty lists; `font: sans`
with a named `sans_font` sets every word in it; `twoside` puts the binding correction on
the inner side of each sheet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tex import pdf_text, poppler, require_tex

from thesisbuild.cli.main import main

DATA = Path(__file__).parent / "data"
CM = 72 / 2.54  # PDF points per centimetre

pytestmark = pytest.mark.tex


@pytest.fixture(scope="module")
def plain_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tex(("xelatex", "latexmk", "pdftotext", "pdffonts"))
    project = shutil.copytree(DATA / "plain-sans", tmp_path_factory.mktemp("plain") / "p")
    assert main(["pdf", "-q", "-C", str(project)]) == 0
    return project / "build" / "thesis.pdf"


def test_text_only_thesis_has_no_empty_lists(plain_pdf: Path) -> None:
    text = pdf_text(plain_pdf)
    assert "Inhaltsverzeichnis" in text
    assert [name for name in ("Abbildungs", "Tabellen", "Abkürzungs") if name in text] == []


def test_sans_text_in_the_named_font(plain_pdf: Path) -> None:
    listing = poppler("pdffonts", plain_pdf).splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1] for line in listing}
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}


def test_signature_lines_side_by_side_without_place_and_date(plain_pdf: Path) -> None:
    """Without `place` and `date` the left box has no text line: its rule and label sat
    one line above the author's until the line was kept empty, like the right one's."""
    html = poppler("pdftotext", "-bbox", plain_pdf, "-")
    page = next(page for page in html.split("<page ")[1:] if ">Datum</word>" in page)
    y = {word: float(top) for top, word in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]+)<', page)}
    assert abs(y["Datum"] - y["Musterfrau"]) < 1, y


def left_edges(pdf: Path) -> dict[int, float]:
    """Sheet number → the leftmost word's x (points) of each page full of text."""
    html = poppler("pdftotext", "-bbox", pdf, "-")
    edges = {}
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        xs = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', page)]
        if len(xs) > 200:
            edges[number] = min(xs)
    return edges


def test_twoside_binding_is_on_the_inner_side(plain_pdf: Path) -> None:
    edges = left_edges(plain_pdf)
    odd = {edge for sheet, edge in edges.items() if sheet % 2}
    even = {edge for sheet, edge in edges.items() if not sheet % 2}
    assert odd and even, edges
    # left 2.5cm + binding 1.5cm on right-hand (odd) pages, the 2.5cm outer margin on even
    assert all(abs(x - 4 * CM) < 0.3 * CM for x in odd), edges
    assert all(abs(x - 2.5 * CM) < 0.3 * CM for x in even), edges
