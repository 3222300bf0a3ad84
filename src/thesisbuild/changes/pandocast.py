"""A manuscript read by pandoc into its JSON document (the form the comparison works on),
and the marked document written back for pandoc to read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.files import read_json_object, write_text_atomically
from ..core.proc import run
from ..core.progress import Reporter
from .marks import nodes_of_type

FIGURES = "figures/"


def read_document(markdown: Path, target: Path, report: Reporter) -> dict[str, Any]:
    """pandoc's reading of the manuscript (no filters: the build runs them on the result)."""
    import pypandoc

    argv = [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "json", "-o", str(target),
            str(markdown)]  # fmt: skip
    report.ran(argv)
    run(argv, cwd=markdown.parent)
    return read_json_object(target)


def write_document(document: dict[str, Any], target: Path) -> Path:
    write_text_atomically(target, json.dumps(document, ensure_ascii=False))
    return target


def move_figures(document: dict[str, Any], prefix: str, old_build: Path, new_build: Path) -> None:
    """The old side's figures (build/figures/ of the old tree) under their own folder, so
    their names never clash with the current ones; a figure whose file is the same as
    the current one keeps the current path, so it compares as unchanged."""
    for image in nodes_of_type(document["blocks"], "Image"):
        target: list[str] = image["c"][2]
        if target[0].startswith(FIGURES) and not same_file(old_build, new_build, target[0]):
            target[0] = prefix + target[0]


def same_file(old_build: Path, new_build: Path, name: str) -> bool:
    old, new = old_build / name, new_build / name
    return old.is_file() and new.is_file() and old.read_bytes() == new.read_bytes()
