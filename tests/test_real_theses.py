"""Shapes met in real theses, in one real draft build: several broken parts cost about
one more LaTeX pass, not one full run per part (the failing pass goes on to the end, its
log names every broken part, they are set aside together and its .aux is kept); cite2c
citations glued to a word, in a notebook and a light jupytext .py, are citations; an
apostrophe after a citation inside quotes does not stop csquotes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Run, run_thesisbuild
from small_project import YAML, pdf_text, tiny_png, write_project
from tex import require_tex

pytestmark = [pytest.mark.tex]

FIRST = """# Einleitung {#sec-intro}

Erster guter Absatz.

Hier steht \\fehlerbefehl mitten im Satz.

Zweiter guter Absatz, siehe @sec-zwei.

Dort steht \\fehlerzwei ebenfalls.

Dritter guter Absatz.
"""
SECOND = """# Zwei {#sec-zwei}

Ein Absatz im zweiten Kapitel, siehe @sec-intro.

```{=latex}
\\begin{center}
Zentriert
```

Noch ein guter Absatz.
"""


BIB = """@article{k1, author = {Anna Smith}, title = {Pathways of cells}, journal = {J},
  year = {2020}}
@book{k2, author = {Bob Jones}, title = {Growth in books}, year = {2019}}
@book{k3, author = {Cleo Light}, title = {Light chapters}, year = {2018}}
"""
# cite2c/ipypublish's superscript style, glued to the word; an apostrophe right after
# the citation inside "…" that holds another "…" (the csquotes "Unbalanced groups" shape)
CITED = [
    "# Zitate\n[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
    "(https://colab.research.google.com/github/a/b/blob/main/03-zitate.ipynb)",
    'Signalling pathways<citet data-cite="k1"><sup>Smith</sup></citet>, it is known.',
    'As the review put it, "Smith<citet data-cite="k1"><sup>1</sup></citet>\'s model of '
    '"growth" explains the cells\' shape", which we follow.',
    'Books<cite data-cite="k2"><sup>2</sup></cite> agree.',
]
LIGHT = """# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: light
# ---

# # Licht
#
# Light chapters<citet data-cite="k3"><sup>Light</sup></citet>, it seems, cite too.

x = 1
"""


# `figures/` as the chapter's own folder; a path in another case than the file (written
# on macOS); an image that is not there
IMAGES = """# Bilder

![Aus dem Ordner figures](figures/a.png)

![Anders geschrieben](img/example1.png)

![Nicht da](img/fehlt.png)

## 2.1 Von Hand nummeriert
"""


# a stored output in which pandas warned on stderr
WARNED = {
    "output_type": "stream",
    "name": "stderr",
    "text": "/tmp/ipykernel_7/2.py:3: SettingWithCopyWarning: \nA value is set on a copy\n",
}
CODE = {"cell_type": "code", "metadata": {}, "source": "df['x'] = 1", "execution_count": 1,
        "outputs": [WARNED]}  # fmt: skip


def notebook(cells: list[str]) -> str:
    markdown = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in cells]
    notebook = {"cells": [*markdown, CODE], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook)


@pytest.fixture(scope="module")
def three_broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, str]:
    """Two broken paragraphs in one chapter, an environment never ended in the next,
    then the citation shapes."""
    require_tex(("latexmk", "xelatex", "pdftotext"))
    root = tmp_path_factory.mktemp("real") / "p"
    root.mkdir()
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    chapters = {"01-intro.md": FIRST, "02-zwei.md": SECOND, "03-zitate.ipynb": notebook(CITED),
                "04-licht.py": LIGHT, "05-bilder.md": IMAGES}  # fmt: skip
    for folder, name in (("figures", "a.png"), ("img", "example1.PNG")):
        (root / "thesis" / folder).mkdir(parents=True)
        (root / "thesis" / folder / name).write_bytes(tiny_png())
    write_project(root, chapters, YAML + "bibliography: refs.bib\n")
    run = run_thesisbuild("pdf", "-v", "-C", root)
    return run, pdf_text(root) if (root / "build" / "thesis.pdf").exists() else ""


def test_three_broken_parts_cost_one_more_pass(three_broken: tuple[Run, str]) -> None:
    """The failing pass, then the delivering run: two passes for a fresh build's
    references (latexmk's "Run number" lines, as `LaTeX pass N` in the output)."""
    run, _ = three_broken
    passes = re.findall(r"^LaTeX pass \d+ \(xelatex\)$", run.err, re.MULTILINE)
    assert len(passes) <= 3, run.err
    assert run.err.count("PDF (xdvipdfmx)") == 1


def test_every_broken_part_is_its_own_box(three_broken: tuple[Run, str]) -> None:
    run, text = three_broken
    assert run.code == 1
    assert "draft built with 3 places set aside" in run.err, run.err
    assert "whole chapter" not in run.err
    for place in ("thesis/01-intro.md:5:1", "thesis/01-intro.md:9:1", "thesis/02-zwei.md:6:8"):
        assert f"Dieser Abschnitt konnte nicht gesetzt werden: {place}" in text
    for good in ("Erster guter", "Zweiter guter", "Dritter guter", "Noch ein guter Absatz"):
        assert good in text


def test_references_the_pdf_resolved_are_not_reported(three_broken: tuple[Run, str]) -> None:
    """The failing pass read no .aux yet: its "undefined" references are not the PDF's."""
    run, text = three_broken
    assert "undefined reference" not in run.err, run.err
    assert "siehe Kapitel 2" in text and "siehe Kapitel 1" in text


def test_a_kept_aux_is_whole(tmp_path: Path) -> None:
    """Only a pass that reached the end keeps its .aux for the next run."""
    from thesisbuild.latex.rescue import pass_finished

    log = tmp_path / "thesis.log"
    assert not pass_finished(log)
    log.write_text("! Emergency stop.\n", encoding="utf-8")
    assert not pass_finished(log)
    log.write_text("Output written on thesis.xdv (3 pages, 1 bytes).\n", encoding="utf-8")
    assert pass_finished(log)


def test_glued_cite2c_citations_reach_the_bibliography(three_broken: tuple[Run, str]) -> None:
    _, text = three_broken
    assert "@k" not in text, text
    assert "Signalling pathways" in text and "Light chapters" in text
    bibliography = text.split("Literaturverzeichnis")[-1]
    for title in ("Pathways of cells", "Growth in books", "Light chapters"):
        assert title in bibliography, bibliography


def test_an_apostrophe_after_a_citation_in_quotes_is_typeset(three_broken: tuple[Run, str]) -> None:
    """Before, pandoc took `[@k1]'s` for an opening quote: a third level inside "…"."""
    run, text = three_broken
    assert "csquotes" not in run.err
    assert "s model of" in text and "which we follow" in text


def test_images_by_folder_case_or_missing_never_stop_a_draft(three_broken: tuple[Run, str]) -> None:
    run, text = three_broken
    assert "Unable to load picture" not in run.err and "figures/a.png" not in run.err
    assert ("thesis/05-bilder.md:5: cell 1: image img/example1.png found as img/example1.PNG"
            in run.err)  # fmt: skip
    assert "thesis/05-bilder.md:7: cell 1: image not found: img/fehlt.png" in run.err
    for caption in ("Aus dem Ordner figures", "Anders geschrieben", "Nicht da"):
        assert caption in text
    assert "thesis/05-bilder.md:7: cell 1: image not found: img/fehlt.png" in text


def test_badges_and_stored_warnings_stay_out(three_broken: tuple[Run, str]) -> None:
    run, text = three_broken
    assert "note: thesis/03-zitate.ipynb:cell 1: Colab/Binder badge left out" in run.err
    assert "note: thesis/03-zitate.ipynb:cell 5: a Python warning printed to stderr" in run.err
    assert "colab" not in text.lower() and "SettingWithCopyWarning" not in text


def test_hand_numbered_headings_get_a_note(three_broken: tuple[Run, str]) -> None:
    run, _ = three_broken
    assert ("note: 1 heading numbered by hand (first: thesis/05-bilder.md:9:4) print numbered "
            "twice; `thesisbuild lint --fix` removes the numbers") in run.err  # fmt: skip
