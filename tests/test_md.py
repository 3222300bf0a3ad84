"""`thesisbuild md` end to end: real jupytext, nbconvert and (marked `kernel`) a real kernel."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from thesisbuild.manuscript.assemble import leading_unnumbered
from thesisbuild.notebook.execute import Execution, needs_execution

GOLDEN = Path(__file__).parent / "golden"
MAIN_MATTER = "```{=latex}\n\\thesismainmatter\n```"
FORMATS = [
    pytest.param("thesis-01-jupytext-md", "jupytext", id="jupytext-markdown"),
    pytest.param("thesis-02-myst-md", "myst", id="myst-markdown"),
    pytest.param("thesis-03-percent-py", "percent", id="percent-script"),
    pytest.param("thesis-04-notebook-ipynb", "notebook", id="ipynb"),
]


def thesis_md(root: Path) -> str:
    return (root / "build" / "thesis.md").read_text(encoding="utf-8")


def metadata(markdown: str) -> dict[str, object]:
    """The YAML block at the top of build/thesis.md."""
    assert markdown.startswith("---\n")
    block, _ = markdown[4:].split("\n---\n", 1)
    loaded = yaml.safe_load(block)
    assert isinstance(loaded, dict)
    return loaded


# --- every chapter format, one build for the module -----------------------------------


@pytest.fixture(scope="module")
def formats(project, thesisbuild) -> tuple[Path, object, str]:
    """tests/data/formats built once: (project root, the md run, build/thesis.md)."""
    root = project("formats")
    run = thesisbuild("md", "-C", root)
    assert run.code == 0, run.err
    return root, run, thesis_md(root)


@pytest.mark.kernel
def test_md_reports_every_chapter_and_the_manuscript(formats) -> None:
    _, run, _ = formats
    assert run.out == "build/thesis.md\n"
    assert run.err.splitlines() == [
        "thesis/00-vorwort.md: exported",
        "thesis/01-jupytext.md: executed and exported",
        "thesis/02-myst.md: executed and exported",
        "thesis/03-percent.py: executed and exported",
        "thesis/04-notebook.ipynb: executed and exported",
        "build/thesis.md: written",
    ]


@pytest.mark.kernel
def test_metadata_block_from_thesis_yaml(formats) -> None:
    _, _, markdown = formats
    values = metadata(markdown)
    assert values["title"] == "Kapitel in allen Formaten"
    assert values["author"] == "Erika Musterfrau"
    assert values["lang"] == "de-DE"
    assert values["fontsize"] == "12pt"


@pytest.mark.kernel
def test_chapters_in_order_front_matter_first(formats) -> None:
    _, _, markdown = formats
    order = [
        "# Vorwort {.unnumbered}",
        MAIN_MATTER,
        "# Kapitel Jupytext",
        "# Kapitel MyST",
        "# Kapitel Percent",
        "# Kapitel Notebook",
    ]
    positions = [markdown.index(part) for part in order]
    assert positions == sorted(positions)


@pytest.mark.kernel
def test_chapter_markdown_files(formats) -> None:
    root, _, _ = formats
    names = sorted(path.name for path in (root / "build" / "chapters").iterdir())
    assert names == [
        "thesis-00-vorwort-md.md",
        "thesis-01-jupytext-md.md",
        "thesis-02-myst-md.md",
        "thesis-03-percent-py.md",
        "thesis-04-notebook-ipynb.md",
    ]


@pytest.mark.kernel
@pytest.mark.parametrize(("stem", "name"), FORMATS)
def test_figure_with_caption_and_label(formats, stem: str, name: str) -> None:
    root, _, markdown = formats
    figure = f"figures/{stem}-cell1-0.png"
    assert f"![Kurve aus {name}]({figure}){{#fig-{name}}}" in markdown
    assert (root / "build" / figure).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.kernel
@pytest.mark.parametrize(("stem", "name"), FORMATS)
def test_cell_tags(formats, stem: str, name: str) -> None:
    _, _, markdown = formats
    # remove-input: the figure's code is not shown, nor are its `#|` option lines
    assert f"figure-code-{name}" not in markdown
    assert f"#| label: fig-{name}" not in markdown
    # remove-cell: neither code nor output
    assert "removed-" not in markdown
    # remove-output: the code, not what it printed
    assert f'print("hidden-" + "output-{name}")' in markdown
    assert f"hidden-output-{name}" not in markdown
    # skip-execution: shown, never run (it would raise)
    assert f'raise RuntimeError("skipped-" + "cell-{name}")' in markdown
    # untagged: code and output
    shown = f'print("shown-" + "output-{name}")\n```\n\n``` {{.output}}\nshown-output-{name}'
    assert shown in markdown


@pytest.mark.kernel
@pytest.mark.parametrize(("stem", "name"), FORMATS)
def test_todo_span_and_math(formats, stem: str, name: str) -> None:
    _, _, markdown = formats
    expected = f"Die Eingabe $x_n$ und die Ausgabe $\\hat{{y}}$ [Quelle für {name}]{{.todo}}."
    assert expected in markdown


@pytest.mark.kernel
def test_multi_paragraph_todo_becomes_a_div(formats) -> None:
    _, _, markdown = formats
    assert (
        "::: todo\nErster Absatz des Vorworts.\n\n"
        "Zweiter Absatz, durch zwei Leerzeilen getrennt.\n:::"
    ) in markdown
    assert "[todo" not in markdown


@pytest.mark.parametrize(
    ("heading", "front_matter"),
    [
        pytest.param("# Vorwort {.unnumbered}", True, id="unnumbered-class"),
        pytest.param("# Vorwort {-}", True, id="dash"),
        pytest.param("# Vorwort {#vorwort -}", True, id="id-and-dash"),
        pytest.param("# Einleitung", False, id="plain"),
        pytest.param("# Einleitung {#sec-einleitung}", False, id="id-with-hyphen"),
        pytest.param("# Einleitung {.kapitel-eins}", False, id="class-with-hyphen"),
    ],
)
def test_which_first_chapters_are_front_matter(heading: str, front_matter: bool) -> None:
    chapters = [f"{heading}\n\nText.\n", "# Zweites Kapitel\n"]
    assert leading_unnumbered(chapters) == int(front_matter)


# --- execution modes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "text_ran", "notebook_output"),
    [
        pytest.param("never", False, "stored-output", id="never"),
        pytest.param("auto", True, "stored-output", id="auto", marks=pytest.mark.kernel),
        pytest.param("always", True, "notebook-executed", id="always", marks=pytest.mark.kernel),
    ],
)
def test_execution_modes(
    project, thesisbuild, mode: str, text_ran: bool, notebook_output: str
) -> None:
    """auto runs a chapter only if a code cell lacks outputs: the .ipynb keeps its own."""
    root = project("execute-modes")
    (root / "thesis.yaml").write_text(f"title: Modi\nexecute: {mode}\n", encoding="utf-8")
    run = thesisbuild("md", "-C", root)
    markdown = thesis_md(root)
    assert run.code == 0, run.err
    assert ("{.output}\ntext-chapter-executed" in markdown) == text_ran
    assert f"{{.output}}\n{notebook_output}" in markdown
    assert ("thesis/01-text.md: executed and exported" in run.err) == text_ran
    notebook_ran = notebook_output == "notebook-executed"
    assert ("thesis/02-stored.ipynb: executed and exported" in run.err) == notebook_ran


def test_auto_leaves_a_notebook_alone_whose_silent_cells_ran() -> None:
    """Colab and Jupyter store an execution count for `import os`, and no output."""
    silent = [
        new_code_cell("import os", execution_count=1),
        new_code_cell("y = 2", execution_count=2),
    ]
    ran = new_notebook(cells=silent)
    assert not needs_execution(ran, Execution("auto"))
    ran.cells.append(new_code_cell("x = 1"))  # added since: shown as saved, --rerun runs it
    assert not needs_execution(ran, Execution("auto"))
    assert needs_execution(ran, Execution("auto", rerun=True))
    never = new_notebook(cells=[new_code_cell("import os"), new_code_cell("x = 1")])
    assert needs_execution(never, Execution("auto"))


# --- failures -----------------------------------------------------------------------------

OLD_BUILD = "# Ein früherer, guter Build\n"


@pytest.mark.kernel
@pytest.mark.parametrize(
    ("scenario", "place"),
    [
        pytest.param("cell-raises-md", "thesis/02-fehler.md:13", id="jupytext-markdown"),
        pytest.param("cell-raises-percent", "thesis/02-fehler.py:11", id="percent-script"),
        pytest.param("cell-raises-ipynb", "thesis/02-fehler.ipynb:cell 3:2", id="ipynb"),
    ],
)
def test_a_cell_that_raises(project, thesisbuild, scenario: str, place: str) -> None:
    """The message names the file, the failing line of the cell (not the line inside the
    helper another cell defined) and the exception; the last good build stays."""
    root = project(scenario)
    (root / "build").mkdir()
    (root / "build" / "thesis.md").write_text(OLD_BUILD, encoding="utf-8")
    run = thesisbuild("md", "-C", root)
    assert run.code == 1
    assert f"Error: {place}: code cell 3 raised ZeroDivisionError: division by zero\n" in run.err
    assert "add `#| error: true` to print its traceback in the PDF" in run.err
    assert "Traceback" not in run.err
    assert thesis_md(root) == OLD_BUILD


BAD_CHAPTERS = [
    pytest.param("bad-json", "thesis/02-kaputt.ipynb:14:16: not a valid notebook", id="json"),
    pytest.param("bad-encoding", "thesis/02-latin1.md:1: not UTF-8 text", id="not-utf8"),
    pytest.param("bad-empty", "thesis/02-leer.md: the chapter is empty", id="empty"),
    pytest.param("bad-empty-notebook", "thesis/02-leer.ipynb: the chapter is empty", id="no-cells"),
]


@pytest.mark.parametrize(("scenario", "message"), BAD_CHAPTERS)
def test_bad_chapter_leaves_no_build(project, thesisbuild, scenario: str, message: str) -> None:
    root = project(scenario)
    run = thesisbuild("md", "-C", root)
    assert run.code == 1
    assert run.err.startswith(f"Error: {message}")
    assert run.err.count("\n") == 1
    assert not (root / "build" / "thesis.md").exists()


@pytest.mark.parametrize(("scenario", "message"), BAD_CHAPTERS)
def test_bad_chapter_keeps_the_last_good_build(
    project, thesisbuild, scenario: str, message: str
) -> None:
    root = project(scenario)
    (root / "build").mkdir()
    (root / "build" / "thesis.md").write_text(OLD_BUILD, encoding="utf-8")
    run = thesisbuild("md", "-C", root)
    assert (run.code, run.err.startswith(f"Error: {message}")) == (1, True)
    assert thesis_md(root) == OLD_BUILD
    written = sorted(path.name for path in (root / "build").iterdir() if path.name != ".lock")
    assert written in (["thesis.md"], [".cache", "thesis.md"])  # the cache of good chapters


# --- golden file --------------------------------------------------------------------------


def test_golden_manuscript(project, thesisbuild, update_golden: bool) -> None:
    """No kernel: the notebook's outputs are stored. `pytest --update-golden` rewrites
    tests/golden/golden.md; review the diff before committing it."""
    root = project("golden")
    run = thesisbuild("md", "-C", root)
    assert run.code == 0, run.err
    assert "executed" not in run.err
    golden = GOLDEN / "golden.md"
    if update_golden:
        golden.write_text(thesis_md(root), encoding="utf-8")
    assert golden.is_file(), "missing golden file: run `pytest --update-golden`"
    assert thesis_md(root) == golden.read_text(encoding="utf-8")


def test_figure_is_the_stored_output(project, thesisbuild) -> None:
    root = project("golden")
    thesisbuild("md", "-C", root)
    notebook = nbformat.read(root / "thesis" / "02-ergebnisse.ipynb", as_version=4)
    stored = base64.b64decode(notebook.cells[1].outputs[0].data["image/png"])
    figure = root / "build" / "figures" / "thesis-02-ergebnisse-ipynb-cell1-0.png"
    assert figure.read_bytes() == stored


def test_printed_output_is_left_as_printed(project, thesisbuild) -> None:
    root = project("output-text")
    assert thesisbuild("md", "-C", root).code == 0
    assert "``` {.output}\nx_n = 3 [todo kein Marker]\n```" in thesis_md(root)
