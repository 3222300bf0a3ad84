"""The output policy on single outputs: which form wins, what is warned about."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook
from notebook_project import png

from thesisbuild.core.paths import BuildPaths
from thesisbuild.notebook.outputs import At, escape_brackets, printed, rich
from thesisbuild.notebook.rendering import Rendering
from thesisbuild.resources.lookup import PACKAGED
from thesisbuild.sources.chapter import read_chapter

HTML_LUA = PACKAGED / "html.lua"

PNG = base64.b64encode(png(3, 2, (1, 2, 3))).decode()
WIDGET = {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "IntSlider"}


@pytest.fixture
def rendering(tmp_path: Path) -> Rendering:
    path = tmp_path / "01-kapitel.ipynb"
    path.write_text(json.dumps(new_notebook(cells=[new_code_cell("x")])), encoding="utf-8")
    return Rendering(
        read_chapter(path, "thesis/01-kapitel.ipynb"), "k", BuildPaths.of(tmp_path), HTML_LUA
    )


def test_an_image_beats_the_interactive_form(rendering: Rendering) -> None:
    data = {"application/vnd.plotly.v1+json": {}, "image/png": PNG, "text/html": "<div/>"}
    assert rich(data, At(rendering, 0, 0, {"fig-cap": "Plot"})) == "![Plot](figures/k-cell0-0.png)"
    assert rendering.warnings == []


def test_a_widget_without_image_is_left_out_with_a_warning(rendering: Rendering) -> None:
    assert rich(WIDGET, At(rendering, 0, 0, {})) == ""
    assert rendering.warnings[0].startswith("thesis/01-kapitel.ipynb:cell 1: application/vnd")


def test_colabs_interactive_table_is_left_out_not_printed_as_its_repr(
    rendering: Rendering,
) -> None:
    data = {"application/vnd.google.colaboratory.module+javascript": "import …",
            "text/plain": "<google.colab.data_table.DataTable object>"}  # fmt: skip
    assert rich(data, At(rendering, 0, 0, {})) == ""
    assert "colaboratory.module+javascript output has no static form" in rendering.warnings[0]
    dataframe = {"application/vnd.google.colaboratory.intrinsic+json": {"type": "dataframe"},
                 "text/html": "<table><tr><td>1</td></tr></table>"}  # fmt: skip
    assert "1" in rich(dataframe, At(rendering, 0, 0, {}))  # Colab's DataFrame: its table


def test_latex_beats_plain_text(rendering: Rendering) -> None:
    data = {"text/latex": "$x$", "text/plain": "x"}
    assert rich(data, At(rendering, 0, 0, {})) == "``` {=latex}\n$x$\n```"


@pytest.mark.parametrize(
    ("caption", "escaped"),
    [("Werte in ]0, 1]", "Werte in \\]0, 1\\]"), ("nach [@key]", "nach [@key]"),
     ("offen [", "offen \\[")],
)  # fmt: skip
def test_caption_brackets(caption: str, escaped: str) -> None:
    assert escape_brackets(caption) == escaped


def test_printed_fence_is_longer_than_any_backtick_run() -> None:
    assert printed("a\n`````\nb").startswith("`````` {.output}\n")
    assert printed("\x1b[31mrot\x1b[0m") == "``` {.output}\nrot\n```"


def test_an_output_of_only_javascript_is_a_warning(rendering: Rendering) -> None:
    assert rich({"application/javascript": "alert(1)"}, At(rendering, 0, 0, {})) == ""
    assert "application/javascript output has no static form" in rendering.warnings[0]
