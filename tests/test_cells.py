"""Markdown and raw cells before nbconvert: cite2c citations, raw cells by their type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from thesisbuild.config.model import WarningsMode
from thesisbuild.core.paths import BuildPaths
from thesisbuild.notebook.cells import prepare_cells
from thesisbuild.notebook.execute import Execution
from thesisbuild.notebook.export import render_chapter
from thesisbuild.notebook.images import resolve_images
from thesisbuild.notebook.rendering import Rendering
from thesisbuild.resources.lookup import PACKAGED
from thesisbuild.sources.chapter import read_chapter

HTML_LUA = PACKAGED / "html.lua"


def prepared(tmp_path: Path, *cells: object) -> tuple[list[str], list[str]]:
    """The cells' sources after prepare_cells, and the warnings."""
    notebook = new_notebook(cells=list(cells))
    path = tmp_path / "01.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    rendering = Rendering(
        read_chapter(path, "thesis/01.ipynb"), "k", BuildPaths.of(tmp_path), HTML_LUA
    )
    prepare_cells(notebook, rendering)
    return [str(cell.source) for cell in notebook.cells], rendering.warnings


@pytest.mark.parametrize(
    ("html", "markdown"),
    [('<cite data-cite="smith2020">(Smith)</cite>', "[@smith2020]"),
     ('<citet data-cite="a, b">A und B</citet>', "@a; @b"),
     ("<cite data-cite='zotero/123'>x</cite>", "[@zotero/123]")],
)  # fmt: skip
def test_cite2c_citations_become_pandoc_citations(tmp_path: Path, html: str, markdown: str) -> None:
    sources, _ = prepared(tmp_path, new_markdown_cell(f"Wie {html} zeigt."))
    assert sources == [f"Wie {markdown} zeigt."]


@pytest.mark.parametrize(
    ("text", "markdown"),
    [('pathways<citet data-cite="key"><sup>name</sup></citet>, it', "pathways[@key], it"),
     ('pathways <citet data-cite="key"><sup>name</sup></citet>, it', "pathways [@key], it"),
     ('pathways<citet data-cite="a,b">Name</citet>, it', "pathways[@a; @b], it"),
     ('pathways<cite data-cite="key"><sup>1</sup></cite>, it', "pathways[@key], it"),
     ('pathways<cite data-cite="key"></cite>, it', "pathways[@key], it"),
     ('shown.<citet data-cite="key"><sup>2</sup></citet> It', "shown.[@key] It"),
     ('as <citet data-cite="key">Name</citet> said', "as @key said")],
    ids=["citet-sup-glued", "citet-sup-spaced", "citet-glued", "cite-sup", "cite-glued",
         "after-a-full-stop", "citet-textual"],
)  # fmt: skip
def test_glued_and_superscript_citations_are_citations(
    tmp_path: Path, text: str, markdown: str
) -> None:
    """cite2c/ipypublish's numeric style glues `<citet><sup>…</sup></citet>` to the word
    before it; `pathways@key` would print as text and miss the bibliography."""
    sources, _ = prepared(tmp_path, new_markdown_cell(text))
    assert sources == [markdown]


def test_raw_cells_by_mimetype(tmp_path: Path) -> None:
    sources, warnings = prepared(
        tmp_path,
        new_raw_cell("\\newpage", metadata={"raw_mimetype": "text/latex"}),
        new_raw_cell("- roh"),
        new_raw_cell("*md*", metadata={"raw_mimetype": "text/markdown"}),
        new_raw_cell("Titel\n=====", metadata={"raw_mimetype": "text/restructuredtext"}),
    )
    assert sources == ["``` {=latex}\n\\newpage\n```", "- roh", "*md*", ""]
    assert warnings == [
        "thesis/01.ipynb:cell 4: raw cell of type 'text/restructuredtext' has no form in a "
        "PDF; left out"
    ]


def test_a_pasted_image_named_by_its_file_is_no_figure_caption(tmp_path: Path) -> None:
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/"
        "iZk9HQAAAABJRU5ErkJggg=="
    )
    pasted = new_markdown_cell(
        "Text\n\n![image.png](attachment:image.png)\n\n![Ein Plot](attachment:b.png)"
    )
    pasted.attachments = {"image.png": {"image/png": png}, "b.png": {"image/png": png}}
    notebook = new_notebook(cells=[pasted])
    path = tmp_path / "01.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    rendering = Rendering(
        read_chapter(path, "thesis/01.ipynb"), "k", BuildPaths.of(tmp_path), HTML_LUA
    )
    resolve_images(notebook, rendering)
    assert notebook.cells[0].source == (
        "Text\n\n![](figures/k-cell0-image.png)\n\n![Ein Plot](figures/k-cell0-b.png)"
    )
    assert rendering.warnings == [
        "thesis/01.ipynb:cell 1: pasted image 'image.png' has its file name as caption; printed "
        "without one. Fix: write the caption, ![Caption](attachment:image.png)"
    ]


def test_colab_and_binder_badges_are_left_out_with_a_note(tmp_path: Path) -> None:
    badges = (
        "# Kapitel\n[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        "(https://colab.research.google.com/github/a/b/blob/main/c.ipynb)\n"
        '<a href="https://mybinder.org/v2/gh/a/b/HEAD"><img src="https://mybinder.org/badge_'
        'logo.svg" alt="Binder"/></a> Text bleibt.\n![Plot](https://example.org/plot.png)'
    )
    notebook = new_notebook(cells=[new_markdown_cell(badges)])
    path = tmp_path / "01.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    rendering = Rendering(
        read_chapter(path, "thesis/01.ipynb"), "k", BuildPaths.of(tmp_path), HTML_LUA
    )
    prepare_cells(notebook, rendering)
    assert notebook.cells[0].source == (
        "# Kapitel\n\n Text bleibt.\n![Plot](https://example.org/plot.png)"
    )
    assert rendering.notes == ["thesis/01.ipynb:cell 1: Colab/Binder badge left out of the PDF"] * 2


WARNED = "/tmp/ipykernel_7/2.py:3: SettingWithCopyWarning: \nA value is set on a copy\n"


@pytest.mark.parametrize(
    ("option", "project", "shown"),
    [("", "hide", False), ("#| warning: true\n", "hide", True), ("", "show", True),
     ("#| warning: false\n", "show", False)],
    ids=["default-hides", "cell-shows", "project-shows", "cell-hides-over-project"],
)  # fmt: skip
def test_python_warnings_in_stored_outputs(
    tmp_path: Path, option: str, project: WarningsMode, shown: bool
) -> None:
    """pandas' warnings on stderr print into the thesis only when asked for; other
    stderr text (a download's progress) always prints."""
    outputs = [new_output("stream", name="stderr", text=WARNED),
               new_output("stream", name="stderr", text="Downloading data\n")]  # fmt: skip
    cell = new_code_cell(f"{option}df['x'] = 1", outputs=outputs, execution_count=1)
    path = tmp_path / "thesis" / "01.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(new_notebook(cells=[cell])), encoding="utf-8")
    source = read_chapter(path, "thesis/01.ipynb")
    paths = BuildPaths.of(tmp_path)
    chapter = render_chapter(source, Execution("never"), paths, "show", project)
    assert ("SettingWithCopyWarning" in chapter.markdown) is shown
    assert "Downloading data" in chapter.markdown
    assert bool(chapter.notes) is not shown
