"""Every draft delivers, at the right place: a part LaTeX cannot set — a `{` or an
environment left open, a damaged image, a bad bibliography entry — is a box located at
the chapter (or .bib, thesis.yaml) line and the rest is built. Each case is a small
project written here and built with the real pandoc and TeX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from small_project import BROKEN_PNG, SECOND, YAML, intro, pdf_text, write_project
from tex import require_tex

pytestmark = [pytest.mark.tex]


@pytest.fixture
def build(tmp_path: Path, thesisbuild: Callable[..., Run]) -> Callable[..., tuple[Run, str]]:
    """`build({"01-intro.md": …})` → the draft's Run and its PDF's text."""
    require_tex(("latexmk", "xelatex", "pdftotext"))

    def built(chapters: dict[str, str], yaml: str = YAML) -> tuple[Run, str]:
        root = write_project(tmp_path / "p", chapters, yaml)
        run = thesisbuild("pdf", "-C", root)
        pdf = root / "build" / "thesis.pdf"
        return run, pdf_text(root) if pdf.exists() else ""

    return built


@pytest.mark.parametrize(
    ("middle", "place", "said"),
    [
        ("```{=latex}\n\\textbf{offen\n```", "thesis/01-intro.md:6:", "a `{` is never closed"),
        (
            "```{=latex}\n\\begin{center}\nZentriert\n```",
            "thesis/01-intro.md:6:",
            "\\begin{center} is never ended",
        ),
        ("![Ein Bild](bild.png)", "thesis/01-intro.md:5:", "bild.png is damaged"),
    ],
    ids=["unclosed-brace", "unclosed-environment", "damaged-png"],
)
def test_a_part_latex_cannot_set_is_a_located_box_and_the_rest_is_built(
    build: Callable[..., tuple[Run, str]], tmp_path: Path, middle: str, place: str, said: str
) -> None:
    (tmp_path / "p" / "thesis").mkdir(parents=True)
    (tmp_path / "p" / "thesis" / "bild.png").write_bytes(BROKEN_PNG)
    run, text = build({"01-intro.md": intro(middle), "02-zwei.md": SECOND}, YAML)
    assert run.code == 1
    assert f"{place}" in run.err and said in run.err, run.err
    assert "left by an earlier run" not in run.err
    assert "draft built with 1 place set aside" in run.err
    assert "Erster guter Absatz." in text and "Zweiter guter Absatz." in text
    assert "Ein Absatz im zweiten Kapitel." in text
    assert f"Dieser Abschnitt konnte nicht gesetzt werden: {place}" in text


@pytest.mark.parametrize("title", ["Fußnoten", "Fußnoten & *Belege*"], ids=["plain", "markup"])
def test_an_error_in_a_footnote_is_located_in_its_chapter(
    build: Callable[..., tuple[Run, str]], title: str
) -> None:
    """The footnote's words around the command also stand in 01-intro.md:5."""
    first = "# Einleitung\n\nErster guter Absatz.\n\nDie Quelle steht im Anhang.\n"
    foot = f"# {title}\n\nEin Satz.[^1]\n\n[^1]: Die Quelle \\fehlerbefehl steht im Anhang.\n"
    run, text = build({"01-intro.md": first, "02-foot.md": foot})
    assert "Error: thesis/02-foot.md:5:7: LaTeX: Undefined control sequence." in run.err
    assert "01-intro.md:5" not in run.err
    assert "Dieser Abschnitt konnte nicht gesetzt werden: thesis/02-foot.md:5:7" in text


BIB = """@book{gut,
  author = {Anna Autorin},
  title = {Ein gutes Buch},
  year = {2020},
}

@book{schlecht,
  author = {Bernd Beispiel},
  title = {Ein Buch mit \\unbekannterbefehl im Titel},
  year = {2021},
}

@book{mathe,
  author = {Doris Dreieck},
  title = {Formeln wie $x^$ im Titel},
  year = {2022},
}

@article{auch,
  author = {Clara Chor},
  title = {Ein Artikel},
  journal = {Zeitschrift},
  year = {2019},
}
"""


def test_bad_bib_fields_set_aside_their_entries_only(
    build: Callable[..., tuple[Run, str]], tmp_path: Path
) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "literatur.bib").write_text(BIB, encoding="utf-8")
    chapter = "# Einleitung\n\nWir zitieren @gut, @schlecht, @mathe und @auch.\n"
    run, text = build({"01-intro.md": chapter}, YAML + "bibliography: literatur.bib\n")
    assert "Error: literatur.bib:9: entry schlecht: LaTeX: Undefined control sequence." in run.err
    assert "\nliteratur.bib:15: entry mathe: LaTeX: Missing { inserted." in run.err
    assert "build/thesis.tex:" not in run.err
    assert "whole chapter" not in run.err and "2 places set aside" in run.err
    bibliography = text.split("Literaturverzeichnis")[-1]
    assert "Ein gutes Buch" in bibliography and "Ein Artikel" in bibliography
    for place in ("literatur.bib:9: entry schlecht", "literatur.bib:15: entry mathe"):
        assert f"Dieser Abschnitt konnte nicht gesetzt werden: {place}" in bibliography


@pytest.mark.parametrize(
    ("logo", "said"),
    [(b"kein Bild", "Unable to load picture"), (BROKEN_PNG, "the image logo.png is damaged")],
    ids=["not-an-image", "damaged-png"],
)
def test_a_bad_logo_is_located_at_thesis_yaml(
    build: Callable[..., tuple[Run, str]], tmp_path: Path, logo: bytes, said: str
) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "logo.png").write_bytes(logo)
    run, text = build({"01-intro.md": intro(""), "02-zwei.md": SECOND}, YAML + "logo: logo.png\n")
    assert "Error: thesis.yaml:4: logo: LaTeX: " in run.err and said in run.err
    assert "draft built with 1 place set aside" in run.err
    assert "Dieser Abschnitt konnte nicht gesetzt werden: thesis.yaml:4: logo" in text
    assert "Zweiter guter Absatz." in text and "Ein Absatz im zweiten Kapitel." in text
