"""Quarto-style `#| key: value` cell options → metadata and the Jupyter Book tags."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from thesisbuild.notebook.cellopts import apply_cell_options, hide_option_lines, split_options


@pytest.mark.parametrize(
    ("option", "tag"),
    [
        pytest.param("echo: false", "remove-input", id="echo"),
        pytest.param("output: false", "remove-output", id="output"),
        pytest.param("include: false", "remove-cell", id="include"),
        pytest.param("eval: false", "skip-execution", id="eval"),
    ],
)
def test_false_options_become_tags(option: str, tag: str) -> None:
    notebook = new_notebook(cells=[new_code_cell(f"#| {option}\nx = 1", metadata={"tags": ["a"]})])
    apply_cell_options(notebook)
    assert notebook.cells[0].metadata["tags"] == ["a", tag]


def test_options_are_kept_until_hidden() -> None:
    """Kept while the kernel runs (traceback lines match the file), then taken out."""
    source = '#| label: fig-x\n#| fig-cap: "Eine Kurve: steil"\n#| echo: true\nplot()'
    notebook = new_notebook(cells=[new_code_cell(source), new_markdown_cell("#| kein Code")])
    apply_cell_options(notebook)
    code = notebook.cells[0]
    assert code.metadata["thesisbuild"] == {
        "label": "fig-x",
        "fig-cap": "Eine Kurve: steil",
        "echo": True,
    }
    assert code.metadata["tags"] == []
    assert code.source == source
    hide_option_lines(notebook)
    assert code.source == "plot()"
    assert notebook.cells[1].source == "#| kein Code"


def test_only_leading_lines_are_options() -> None:
    options, rest = split_options("x = 1\n#| label: spät")
    assert (options, rest) == ({}, "x = 1\n#| label: spät")


def test_code_hide_hides_every_input_but_echo_true() -> None:
    cells = [new_code_cell("x = 1"), new_code_cell("#| echo: true\ny = 2"),
             new_code_cell("#| echo: false\nz = 3")]  # fmt: skip
    notebook = new_notebook(cells=cells)
    apply_cell_options(notebook, hide_code=True)
    tags = [cell.metadata.get("tags", []) for cell in notebook.cells]
    assert tags == [["remove-input"], [], ["remove-input"]]


def test_error_true_lets_the_cell_raise() -> None:
    notebook = new_notebook(cells=[new_code_cell("#| error: true\n1/0")])
    apply_cell_options(notebook)
    assert notebook.cells[0].metadata["tags"] == ["raises-exception"]
