"""Every draft delivers, at the right place: a part LaTeX cannot set — a `{` or an
environment left open, a damaged image, a bad bibliography entry — is a box located at
the chapter (or .bib, thesis.yaml) line and the rest is built. The draft rescue sets every
located part aside at once, so the broken parts share two small projects (one chapter a
part; thesis.yaml holds one logo each), written here and built once each with the real
pandoc and TeX; each test reads its part's message and box from them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import Run
from small_project import BROKEN_PNG, SECOND, YAML, pdf_text, write_project
from tex import require_tex

pytestmark = [pytest.mark.tex]

BOX = "Dieser Abschnitt konnte nicht gesetzt werden: "

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


def around(name: str, middle: str) -> str:
    """A chapter whose line 5 starts `middle`, between two good paragraphs of its own."""
    good = f"guter Absatz in {name}."
    return f"# {name}\n\nErster {good}\n\n{middle}\n\nZweiter {good}\n"


def footnote(title: str, before: str, after: str) -> str:
    """A chapter whose footnote `[^1]` (line 5, column 7) has an unknown command amid
    words that also stand in QUELLE."""
    return f"# {title}\n\nEin Satz.[^1]\n\n[^1]: {before} \\fehlerbefehl {after}\n"


QUELLE = (
    "# Quelle\n\nErster guter Absatz.\n\nDie Quelle steht im Anhang.\n\nDer Beleg steht im Text.\n"
)

# thesis.yaml's line 4 is the logo in both projects.
BROKEN = {
    # a logo that is no image, errors LaTeX reports as it goes, and a damaged image
    # (LaTeX aborts there, and may lose the log lines of errors before it: it comes first);
    # both footnote chapters number their note 1, and one title starts the other
    "reported": {
        "00-bild.md": around("Bild", "![Ein Bild](bild.png)"),
        "01-quelle.md": QUELLE,
        "02-fussnote.md": footnote("Fußnoten", "Die Quelle", "steht im Anhang."),
        "03-belege.md": footnote("Fußnoten & *Belege*", "Der Beleg", "steht im Text."),
        "04-zitate.md": "# Zitate\n\nWir zitieren @gut, @schlecht, @mathe und @auch.\n",
        "05-umgebung.md": around("Umgebung", "```{=latex}\n\\begin{center}\nZentriert\n```"),
        "06-zwei.md": SECOND,
    },
    # a damaged logo, and a `{` that swallows the rest of the document
    "swallowing": {
        "01-klammer.md": around("Klammer", "```{=latex}\n\\textbf{offen\n```"),
        "02-zwei.md": SECOND,
    },
}
LOGO = {"reported": b"kein Bild", "swallowing": BROKEN_PNG}
EXTRA_YAML = {"reported": "bibliography: literatur.bib\n", "swallowing": ""}
SET_ASIDE = {"reported": 7, "swallowing": 2}


@dataclass(frozen=True)
class Draft:
    """One broken project's `thesisbuild pdf`: its Run and its PDF's text."""

    run: Run
    text: str


@pytest.fixture(scope="module")
def drafts(
    tmp_path_factory: pytest.TempPathFactory, thesisbuild: Callable[..., Run]
) -> Callable[[str], Draft]:
    """`drafts("reported")` → that project's draft, built on first use."""
    require_tex(("latexmk", "xelatex", "pdftotext"))
    done: dict[str, Draft] = {}

    def draft(name: str) -> Draft:
        if name not in done:
            root = tmp_path_factory.mktemp(name) / "p"
            (root / "thesis").mkdir(parents=True)
            (root / "thesis" / "bild.png").write_bytes(BROKEN_PNG)
            (root / "literatur.bib").write_text(BIB, encoding="utf-8")
            (root / "logo.png").write_bytes(LOGO[name])
            yaml = YAML + "logo: logo.png\n" + EXTRA_YAML[name]
            run = thesisbuild("pdf", "-C", write_project(root, BROKEN[name], yaml))
            pdf = root / "build" / "thesis.pdf"
            done[name] = Draft(run, pdf_text(root) if pdf.exists() else "")
        return done[name]

    return draft


def said_on_a_line(err: str, message: str) -> bool:
    """`message` starts a line of stderr (the first error's line also says "Error: ")."""
    return re.search(rf"^(Error: )?{re.escape(message)}", err, re.M) is not None


@pytest.mark.parametrize("name", ["reported", "swallowing"])
def test_every_part_is_set_aside_once_and_the_rest_is_built(
    drafts: Callable[[str], Draft], name: str
) -> None:
    draft = drafts(name)
    assert draft.run.code == 1
    count = SET_ASIDE[name]
    assert f"draft built with {count} places set aside" in draft.run.err, draft.run.err
    assert draft.text.count(BOX) == count
    assert draft.run.err.count("\nError: ") + draft.run.err.startswith("Error: ") == 1
    assert "left by an earlier run" not in draft.run.err
    assert "whole chapter" not in draft.run.err
    assert "Ein Absatz im zweiten Kapitel." in draft.text


@pytest.mark.parametrize(
    ("name", "chapter", "place", "said"),
    [
        ("swallowing", "Klammer", "thesis/01-klammer.md:6:", "a `{` is never closed"),
        (
            "reported",
            "Umgebung",
            "thesis/05-umgebung.md:6:",
            "\\begin{center} is never ended",
        ),
        ("reported", "Bild", "thesis/00-bild.md:5:", "bild.png is damaged"),
    ],
    ids=["unclosed-brace", "unclosed-environment", "damaged-png"],
)
def test_a_part_latex_cannot_set_is_a_located_box_and_the_rest_is_built(
    drafts: Callable[[str], Draft], name: str, chapter: str, place: str, said: str
) -> None:
    run, text = drafts(name).run, drafts(name).text
    assert said_on_a_line(run.err, place) and said in run.err, run.err
    first, second = f"Erster guter Absatz in {chapter}.", f"Zweiter guter Absatz in {chapter}."
    assert text.count(BOX + place) == 1
    assert text.index(first) < text.index(BOX + place) < text.index(second)


@pytest.mark.parametrize(
    ("chapter", "line"), [("02-fussnote", 5), ("03-belege", 7)], ids=["plain", "markup"]
)
def test_an_error_in_a_footnote_is_located_in_its_chapter(
    drafts: Callable[[str], Draft], chapter: str, line: int
) -> None:
    """The footnote's words around the command also stand in 01-quelle.md:LINE."""
    run, text = drafts("reported").run, drafts("reported").text
    place = f"thesis/{chapter}.md:5:7"
    assert said_on_a_line(run.err, f"{place}: LaTeX: Undefined control sequence."), run.err
    assert f"01-quelle.md:{line}" not in run.err
    assert text.count(BOX + place) == 1


def test_bad_bib_fields_set_aside_their_entries_only(drafts: Callable[[str], Draft]) -> None:
    run, text = drafts("reported").run, drafts("reported").text
    message = "literatur.bib:9: entry schlecht: LaTeX: Undefined control sequence."
    assert said_on_a_line(run.err, message), run.err
    assert said_on_a_line(run.err, "literatur.bib:15: entry mathe: LaTeX: Missing { inserted.")
    # every error is located in a source (the one build/thesis.tex line is a warning: the
    # box for 05-umgebung.md, a long message, is a little too wide)
    unlocated = [line for line in run.err.splitlines() if "build/thesis.tex:" in line]
    assert all(": warning: " in line for line in unlocated), unlocated
    bibliography = text.split("Literaturverzeichnis")[-1]
    assert "Ein gutes Buch" in bibliography and "Ein Artikel" in bibliography
    for place in ("literatur.bib:9: entry schlecht", "literatur.bib:15: entry mathe"):
        assert bibliography.count(BOX + place) == 1


@pytest.mark.parametrize(
    ("name", "said"),
    [("reported", "Unable to load picture"), ("swallowing", "the image logo.png is damaged")],
    ids=["not-an-image", "damaged-png"],
)
def test_a_bad_logo_is_located_at_thesis_yaml(
    drafts: Callable[[str], Draft], name: str, said: str
) -> None:
    run, text = drafts(name).run, drafts(name).text
    assert said_on_a_line(run.err, "thesis.yaml:4: logo: LaTeX: ") and said in run.err, run.err
    assert text.count(BOX + "thesis.yaml:4: logo") == 1
    assert text.index(BOX + "thesis.yaml:4: logo") < text.index("Ein Absatz im zweiten Kapitel.")
