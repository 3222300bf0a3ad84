"""Lint one chapter text, written as a .md chapter or as the .ipynb that holds the same
cells (fenced ```python blocks become code cells), so each rule is tested in both forms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from thesisbuild.config.model import Config
from thesisbuild.lint.finding import Finding
from thesisbuild.lint.linter import lint_chapters
from thesisbuild.sources.chapter import read_chapter

FORMS = (".md", ".ipynb")
CODE = re.compile(r"^```python\n(?P<code>.*?)^```[ \t]*$\n?", re.MULTILINE | re.DOTALL)


def as_notebook(markdown: str) -> str:
    """The .ipynb text of a markdown chapter: code fences become code cells, the text
    between them markdown cells (blank-line separated paragraphs stay in one cell)."""
    cells: list[nbformat.NotebookNode] = []
    position = 0
    for match in CODE.finditer(markdown):
        if markdown[position : match.start()].strip():
            cells.append(new_markdown_cell(markdown[position : match.start()].strip("\n")))
        cells.append(new_code_cell(match.group("code").rstrip("\n")))
        position = match.end()
    if markdown[position:].strip():
        cells.append(new_markdown_cell(markdown[position:].strip("\n")))
    book = new_notebook(cells=cells)
    for number, cell in enumerate(book.cells):
        cell.id = f"cell-{number}"
    return json.dumps(book, indent=1)


def lint_text(
    root: Path, text: str, suffix: str = ".md", strict: bool = False, **config: Any
) -> list[Finding]:
    """Every finding of every rule that is on for this chapter text in `root`."""
    path = root / f"kapitel{suffix}"
    path.write_text(as_notebook(text) if suffix == ".ipynb" else text, encoding="utf-8")
    return lint_file(root, suffix, strict, **config)


def lint_file(root: Path, suffix: str, strict: bool = False, **config: Any) -> list[Finding]:
    """The findings for the chapter lint_text wrote (after a fix, say)."""
    path = root / f"kapitel{suffix}"
    settings = Config(root=root, title="Test", **config)
    return lint_chapters([read_chapter(path, path.name)], settings, strict=strict)


def found(findings: list[Finding], rule: str) -> list[str]:
    """The texts of one rule's findings, in order."""
    return [finding.text for finding in findings if finding.rule == rule]
