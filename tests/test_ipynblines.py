"""A notebook cell's line → the line of the .ipynb file (its JSON) that holds it."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from thesisbuild.lint.ipynblines import notebook_line, read_layout


def notebook(tmp_path: Path, text: str, name: str = "k.ipynb") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, cell: int, line: int) -> int | None:
    return notebook_line(read_layout(path), cell, line)


def written_by_nbformat(tmp_path: Path) -> Path:
    cells = [nbformat.v4.new_markdown_cell("# K\n\nÄrger [todo a]"),
             nbformat.v4.new_code_cell('x = "\\"quoted\\""\n# TODO b')]  # fmt: skip
    return notebook(tmp_path, nbformat.writes(nbformat.v4.new_notebook(cells=cells)))


def test_each_cell_line_is_found_in_the_json(tmp_path: Path) -> None:
    path = written_by_nbformat(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[line_of(path, 1, 3) - 1].strip() == '"Ärger [todo a]"'  # type: ignore[operator]
    assert lines[line_of(path, 2, 2) - 1].strip() == '"# TODO b"'  # type: ignore[operator]
    assert line_of(path, 2, 3) is None and line_of(path, 3, 1) is None


def test_another_layout_gives_no_line(tmp_path: Path) -> None:
    one_line = json.loads(written_by_nbformat(tmp_path).read_text(encoding="utf-8"))
    assert line_of(notebook(tmp_path, json.dumps(one_line), "flat.ipynb"), 1, 1) is None
    for cell in one_line["cells"]:
        cell["source"] = "".join(cell["source"])  # a string, not a list of lines
    assert line_of(notebook(tmp_path, json.dumps(one_line, indent=1), "str.ipynb"), 1, 1) is None
