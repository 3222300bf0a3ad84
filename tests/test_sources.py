"""Reading chapter files: cells with their places in the file, and bad files as one error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook, new_raw_cell

from thesisbuild.core.errors import EXIT_FINDINGS, SourceError
from thesisbuild.sources.chapter import Location, read_chapter
from thesisbuild.text.sourcemap import chapter_titled, find_context

DATA = Path(__file__).parent / "data"
FORMATS = DATA / "formats" / "thesis"


def read(path: Path) -> object:
    return read_chapter(path, f"thesis/{path.name}")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        pytest.param("00-vorwort.md", "Vorwort", id="plain-markdown"),
        pytest.param("01-jupytext.md", "Kapitel Jupytext", id="jupytext-markdown"),
        pytest.param("02-myst.md", "Kapitel MyST", id="myst"),
        pytest.param("03-percent.py", "Kapitel Percent", id="percent"),
        pytest.param("04-notebook.ipynb", "Kapitel Notebook", id="ipynb"),
    ],
)
def test_every_format_reads_with_its_title(name: str, title: str) -> None:
    chapter = read_chapter(FORMATS / name, f"thesis/{name}")
    assert chapter.title == title
    assert chapter.display == f"thesis/{name}"
    assert chapter.is_ipynb == name.endswith(".ipynb")


@pytest.mark.parametrize(
    "name", ["01-jupytext.md", "02-myst.md", "03-percent.py", "04-notebook.ipynb"]
)
def test_code_cells_and_their_tags(name: str) -> None:
    chapter = read_chapter(FORMATS / name, name)
    code = [cell for cell in chapter.cells if cell.kind == "code"]
    assert [cell.tags for cell in code] == [
        ("remove-input",),
        ("remove-cell",),
        ("remove-output",),
        ("skip-execution",),
        (),
    ]
    assert code[0].source.startswith("#| label: fig-")


def test_positions_in_jupytext_markdown() -> None:
    """Each cell line knows its line in the file (the YAML header is not a cell)."""
    chapter = read_chapter(FORMATS / "01-jupytext.md", "01-jupytext.md")
    heading, figure = chapter.cells[0], chapter.cells[1]
    assert heading.positions[0] == (13, 0)
    assert figure.source.splitlines()[0] == "#| label: fig-jupytext"
    assert figure.positions[0] == (18, 0)


def test_positions_in_percent_script_count_the_comment_prefix() -> None:
    chapter = read_chapter(FORMATS / "03-percent.py", "03-percent.py")
    markdown = chapter.cells[0]
    assert markdown.source.splitlines()[0] == "# Kapitel Percent"
    assert markdown.positions[0] == (14, 2)
    assert chapter.locate(markdown, 0, 2) == Location("03-percent.py", 14, 5)


def test_notebook_locations_are_cell_and_line() -> None:
    chapter = read_chapter(FORMATS / "04-notebook.ipynb", "04-notebook.ipynb")
    location = chapter.locate(chapter.cells[2], 0, 4)
    assert location == Location("04-notebook.ipynb", 1, 5, cell=3)
    assert str(location) == "04-notebook.ipynb:cell 3:1:5"


def test_text_location_shows_as_path_line_column() -> None:
    assert str(Location("thesis/a.md", 3, 7)) == "thesis/a.md:3:7"


@pytest.mark.parametrize(
    ("project", "chapter", "message"),
    [
        pytest.param(
            "bad-json",
            "02-kaputt.ipynb",
            "thesis/02-kaputt.ipynb:14:16: not a valid notebook: Expecting ',' delimiter. "
            "Restore it from git or re-save it in Jupyter.",
            id="malformed-json",
        ),
        pytest.param(
            "bad-encoding",
            "02-latin1.md",
            "thesis/02-latin1.md:1: not UTF-8 text (byte 6); save the file as UTF-8.",
            id="not-utf8",
        ),
        pytest.param(
            "bad-empty",
            "02-leer.md",
            "thesis/02-leer.md: the chapter is empty; start it with a heading like '# Titel'.",
            id="empty-file",
        ),
        pytest.param(
            "bad-empty-notebook",
            "02-leer.ipynb",
            "thesis/02-leer.ipynb: the chapter is empty; start it with a heading like '# Titel'.",
            id="notebook-without-cells",
        ),
    ],
)
def test_bad_chapter_is_one_clear_error(project: str, chapter: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        read_chapter(DATA / project / "thesis" / chapter, f"thesis/{chapter}")
    assert caught.value.message == message
    assert caught.value.exit_code == EXIT_FINDINGS


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("  \n\n\t\n", id="whitespace-only"),
        pytest.param(
            "---\njupyter:\n  jupytext:\n    text_representation:\n      extension: .md\n"
            "      format_name: markdown\n---\n",
            id="jupytext-header-only",
        ),
    ],
)
def test_chapter_without_content_is_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "leer.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"^leer\.md: the chapter is empty"):
        read_chapter(path, "leer.md")


def test_valid_json_but_not_a_notebook(tmp_path: Path) -> None:
    path = tmp_path / "liste.ipynb"
    path.write_text('{"cells": "keine Liste"}', encoding="utf-8")
    with pytest.raises(SourceError, match=r"^liste.ipynb: not a valid notebook: "):
        read_chapter(path, "liste.ipynb")


def test_missing_chapter_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^fehlt.md: cannot read \("):
        read_chapter(tmp_path / "fehlt.md", "fehlt.md")


def test_an_unchanged_chapter_comes_from_the_cache(tmp_path: Path) -> None:
    chapter = tmp_path / "01-kapitel.md"
    chapter.write_text("# Kapitel\n\nText [todo a].\n\n```python\nx = 1\n```\n", encoding="utf-8")
    cache = tmp_path / "cache"
    parsed = read_chapter(chapter, "01-kapitel.md", cache)
    cached = read_chapter(chapter, "01-kapitel.md", cache)
    assert len(list(cache.iterdir())) == 1
    assert isinstance(cached.notebook, dict) and not hasattr(cached.notebook, "cells")
    assert cached.cells == parsed.cells
    chapter.write_text("# Kapitel\n\nGeändert.\n", encoding="utf-8")
    assert read_chapter(chapter, "01-kapitel.md", cache).cells[0].source == "# Kapitel\n\nGeändert."
    assert len(list(cache.iterdir())) == 2


def test_a_fenced_div_does_not_make_jupytext_want_pandoc(tmp_path: Path) -> None:
    chapter = tmp_path / "00-abstract.md"
    chapter.write_text(
        "# Abstract {.unnumbered}\n\n::: {lang=en-US}\nThis thesis [todo a].\n:::\n",
        encoding="utf-8",
    )
    source = read_chapter(chapter, "thesis/00-abstract.md")
    assert [cell.kind for cell in source.cells] == ["markdown"]
    assert "::: {lang=en-US}" in source.cells[0].source


@pytest.mark.parametrize("name", ["01-kapitel.md", "01-kapitel.py", "01-kapitel.ipynb"])
def test_a_byte_order_mark_is_no_part_of_the_chapter(tmp_path: Path, name: str) -> None:
    source = (FORMATS / {".md": "00-vorwort.md", ".py": "03-percent.py",
                         ".ipynb": "04-notebook.ipynb"}[Path(name).suffix])  # fmt: skip
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    chapter = read(path)
    assert chapter.title == read(source).title
    assert not chapter.cells[0].source.startswith("\ufeff")


def test_a_latex_error_in_a_raw_cell_is_placed_in_that_cell(tmp_path: Path) -> None:
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Kapitel\n\nText."),
            new_raw_cell("\\begin{itemize}\n\\item a\n\\end{enumerate}"),
        ]
    )
    path = tmp_path / "02-x.ipynb"
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    found = find_context([read(path)], "l.465 \\end{enumerate}")
    assert str(found) == "thesis/02-x.ipynb:cell 2:3:6"


def test_a_chapter_is_known_by_its_whole_title(tmp_path: Path) -> None:
    """`Fußnoten` also starts the title `Fußnoten & *Belege*`: the longer title wins, so a
    LaTeX error under the second chapter is looked up there first."""
    sources = []
    for name, title in (("01.md", "Fußnoten"), ("02.md", "Fußnoten & *Belege*")):
        (tmp_path / name).write_text(f"# {title}\n\nText.\n", encoding="utf-8")
        sources.append(read_chapter(tmp_path / name, f"thesis/{name}"))
    heading = "\\chapter{\\texorpdfstring{Fußnoten \\&\n\\emph{Belege}}{Fußnoten \\& Belege}}"
    assert chapter_titled(sources, heading) is sources[1]
    assert chapter_titled(sources, "\\chapter{Fußnoten}\\label{fuuxdfnoten}") is sources[0]
