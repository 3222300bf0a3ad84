"""Real notebooks reach the PDF: a thesis as Jupyter and Colab users write it (see
notebook_project.py) is built once and read back with poppler and pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Run, run_thesisbuild
from notebook_project import make_project
from pypdf import PdfReader
from tex import pdf_text, poppler, require_tex

pytestmark = pytest.mark.tex


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run, str]:
    require_tex()
    root = make_project(tmp_path_factory.mktemp("notebooks") / "project")
    run = run_thesisbuild("pdf", "-C", root)
    assert run.code == 0, run.err
    text = pdf_text(root / "build" / "thesis.pdf", layout=True)
    return root, run, text


def test_what_cannot_be_printed_is_a_warning_at_the_cell(built: tuple[Path, Run, str]) -> None:
    _, run, _ = built
    warnings = [line for line in run.err.splitlines() if line.startswith("warning:")]
    assert [line.split(": ")[1] for line in warnings] == [
        "thesis/01-ausgaben.ipynb:cell 4",
        "thesis/01-ausgaben.ipynb:cell 7",
        "thesis/01-ausgaben.ipynb:cell 8",
        "thesis/01-ausgaben.ipynb:cell 15",
        "thesis/02-bilder.ipynb:cell 9",
        "thesis/02-bilder.ipynb:cell 10",
        "thesis/02-bilder.ipynb:cell 10",
        "thesis/03-html.md:10",
        "thesis/03-html.md:20",
        "thesis/03-html.md:20",
        "thesis/03-html.md:22:18",  # what the draft tolerates: the unknown citation
    ]
    assert "remote image https://example.org/logo.png is printed as a link" in warnings[8]
    assert "output image bilder/fehlt.png not found" in warnings[3]
    assert "'anim.gif' is no image a PDF can show" in warnings[4]
    assert "not valid base64 image data" in warnings[5]
    assert warnings[7].endswith("cell 1: <iframe> has no printed form; left out of the PDF")
    assert "plotly" in warnings[0] and "kaleido" in warnings[0]
    assert "ZeroDivisionError" in warnings[1] and "#| error: true" in warnings[1]
    assert "base64" in warnings[2]
    assert "Traceback" not in run.err


def test_an_unknown_cite2c_key_is_reported_at_its_line(built: tuple[Path, Run, str]) -> None:
    _, run, _ = built
    assert "warning: thesis/03-html.md:22:18: citation @fehlt2020 not in" in run.err


def test_html_tables_are_captioned_tables_without_css_or_script(
    built: tuple[Path, Run, str],
) -> None:
    _, _, text = built
    assert re.search(r"\n\s*0\s+BiLSTM-CRF\s+0\.871\n", text)
    assert re.search(r"Tabelle 1\.1: F1 je Modell", text)
    assert re.search(r"1\.1\s+F1 je Modell \.", text)  # in the Tabellenverzeichnis
    assert "Tabelle 1.2: Alle Läufe" in text  # tbl-cap without a label
    assert "Siehe Tabelle 1.1 und Abbildung 1.2." in text
    for leaked in ("vertical-align", "convertToInteractive", "buttonEl", "<", "dataframe"):
        assert leaked not in text


def test_a_wide_table_fits_the_page(built: tuple[Path, Run, str]) -> None:
    _, _, text = built  # pdftotext leaves out what runs off the page
    for cell in ("spalte_13", "Satz", "LETZTE", "SATZENDE"):
        assert cell in text


def test_a_long_table_breaks_across_pages(built: tuple[Path, Run, str]) -> None:
    _, _, text = built
    pages = text.split("\f")
    first = next(i for i, page in enumerate(pages) if "Lauf 0 " in page)
    last = next(i for i, page in enumerate(pages) if "Lauf 87" in page)
    assert last > first


def test_printed_text_stays_printed_and_errors_stay_out(built: tuple[Path, Run, str]) -> None:
    root, _, text = built
    assert "# Kein Kapitel" in text and "nachher" in text
    assert "ZeroDivisionError" not in text and "[0;31m" not in text
    assert "ValueError: gewollt" in text  # #| error: true prints the traceback
    assert "\\alpha^{2}_{LATEXOUT}" in (root / "build" / "thesis.tex").read_text()


def test_headings_from_html_raw_cells_and_bom_reach_the_outline(
    built: tuple[Path, Run, str],
) -> None:
    root, _, text = built
    outline = PdfReader(root / "build" / "thesis.pdf").outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert [t for t in titles if t[0].isdigit() or t.startswith("A ")] == [
        "1 Ausgaben", "2 Bilder", "3 HTML Kapitel", "4 Kapitel mit BOM", "A Anhang Ausgaben"
    ]  # fmt: skip
    assert re.search(r"2\.1\s+Nach dem Rohtext", text)
    assert re.search(r"3\.1\s+Abschnitt aus Colab", text)
    assert "# Kapitel mit BOM" not in text


def test_raw_cells_by_mimetype(built: tuple[Path, Run, str]) -> None:
    _, _, text = built
    assert "ROHLATEX" in text and "ROHHTML fett" in text
    assert re.search(r"•\s+Rohpunkt zwei\n", text)


def test_html_in_markdown_is_converted(built: tuple[Path, Run, str]) -> None:
    _, _, text = built
    assert "Ein fetter Satz\nmit Umbruch" in text.replace("  ", " ")
    assert re.search(r"zitiert \(SMITH, 2020\) und laut DOE \(2019\)", text, re.IGNORECASE)
    assert "Zentrierter Satz" in text and "Punkt zwei" in text
    assert "Entferntes Logo und https://example.org/b.png" in text
    for leaked in ("data-cite", "&nbsp", "<center>", "smith2020"):
        assert leaked not in text


def test_every_image_is_printed_once(built: tuple[Path, Run, str]) -> None:
    root, _, text = built
    listing = poppler("pdfimages", "-list", root / "build" / "thesis.pdf")
    sizes = [tuple(line.split()[3:5]) for line in listing.splitlines()[2:]]
    expected = {("31", "17"), ("33", "19"), ("35", "21"), ("41", "27"), ("43", "29"),
                ("39", "25"), ("37", "23"), ("45", "31"), ("47", "33"), ("49", "35")}  # fmt: skip
    assert sorted(sizes) == sorted(expected)
    assert "Grafik [SVG] aus Zelle" in text and "Vektorgrafik neben dem Kapitel" in text
    figures = {path.name for path in (root / "build" / "figures").iterdir()}
    assert "thesis-01-ausgaben-ipynb-cell1-0.png" in figures
    assert "anhang-01-ausgaben-ipynb-cell1-0.png" in figures


def test_a_missing_image_is_a_located_box_and_final_refuses(tmp_path: Path) -> None:
    """A draft never stops for one image: a box with its path and place stands in."""
    root = make_project(tmp_path / "project")
    (root / "thesis" / "bilder" / "plot.png").unlink()
    run = run_thesisbuild("md", "-C", root)
    assert run.code == 0, run.err
    assert "warning: thesis/03-html.md:18: cell" in run.err
    assert "image not found: bilder/plot.png" in run.err and "a box stands in" in run.err
    chapter = (root / "build" / "thesis.md").read_text(encoding="utf-8")
    box = re.search(r"\(figures/missing-[0-9a-f]{12}\.pdf\)", chapter)
    assert box is not None and "bilder/plot.png" not in chapter
    assert (root / "build" / "figures" / box.group(0)[9:-1]).stat().st_size > 0
    final = run_thesisbuild("pdf", "--final", "-C", root)
    assert final.code == 1 and "[image] image not found: bilder/plot.png" in final.err
    assert "Traceback" not in run.err + final.err


def test_code_hide_keeps_outputs_and_hides_input(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    with (root / "thesis.yaml").open("a", encoding="utf-8") as config:
        config.write("code: hide\n")
    assert run_thesisbuild("md", "-q", "-C", root).code == 0
    markdown = (root / "build" / "thesis.md").read_text(encoding="utf-8")
    assert "```python" not in markdown and "print(text)" not in markdown
    assert "# Kein Kapitel" in markdown
    assert '::: {#tbl-f1 tbl-cap="F1 je Modell"}' in markdown
