"""Two caches under build/.cache/, one entry per chapter (the latest), so a rebuild redoes
only what an edit touched.

- executed/: a chapter's outputs, under a hash of everything that decides them: the code
  cells (source, options, tags), the kernel, the contents of the declared `inputs`,
  thesisbuild's version and the entries' FORMAT. A prose edit leaves the hash alone, so
  the code does not run again; a code, option, kernel or data edit changes it.
- exported/: a chapter's markdown from nbconvert, under a hash of the notebook with its
  rendered outputs (but not its prose) and the export template, so an unchanged chapter
  skips nbconvert.

An entry of another shape (damaged, or written by another format) is a miss, never an
error: the chapter is run or exported again and the entry rewritten."""

from __future__ import annotations

import contextlib
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.files import read_json, write_text_atomically

# Cell metadata that Jupyter's interface writes and no code reads.
VIEW_METADATA = {"collapsed", "scrolled", "jupyter", "execution", "ExecuteTime"}
DISPLAY_TAGS = {"remove-input", "remove-output", "remove-cell"}
# Part of every key: raise it when what an entry holds or means changes, since
# __version__ stays the same between commits and an old entry would otherwise be loaded.
FORMAT = "2"
ENTRY_KEYS = {"outputs", "execution_count"}


def execution_key(notebook: Any, inputs: str) -> str:
    """Changes with the code cells, the kernel, the inputs and thesisbuild, not the prose."""
    spec = notebook.metadata.get("kernelspec", {})
    digest = hashlib.sha256()
    for part in (__version__, FORMAT, spec.get("name", ""), spec.get("language", ""), inputs):
        digest.update(str(part).encode() + b"\0")
    for cell in code_cells(notebook):
        metadata = run_metadata(cell.metadata)
        cell_text = json.dumps([cell.source, metadata], sort_keys=True, ensure_ascii=False)
        digest.update(cell_text.encode() + b"\0")
    return digest.hexdigest()


def run_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """What of a cell's metadata may change what its code computes: not the tags that only
    hide input or output (`code: hide` adds one to every cell, and must not re-run them)."""
    kept = shown_metadata(metadata)
    tags = [tag for tag in kept.get("tags", []) if tag not in DISPLAY_TAGS]
    return {**kept, "tags": tags}


def shown_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Cell metadata without what the interface and the kernel's timing write."""
    return {key: value for key, value in metadata.items() if key not in VIEW_METADATA}


def code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def entry_path(cache_dir: Path, chapter: str, key: str) -> Path:
    return cache_dir / f"{chapter}-{key}.json"


def load_outputs(cache_dir: Path, chapter: str, key: str, notebook: Any) -> bool:
    """Put the cached outputs into the notebook's code cells; False when there are none."""
    stored = read_json(entry_path(cache_dir, chapter, key))
    cells = code_cells(notebook)
    if not valid_outputs(stored, len(cells)):
        return False  # absent or damaged: run the code
    import nbformat

    for cell, entry in zip(cells, stored, strict=True):
        cell.outputs = [nbformat.from_dict(output) for output in entry["outputs"]]
        cell.execution_count = entry["execution_count"]
    return True


def valid_outputs(stored: Any, count: int) -> bool:
    """As store_outputs wrote them: one entry per code cell, outputs valid for nbformat
    (checked as one notebook, which costs milliseconds, not one validation per output)."""
    if not isinstance(stored, list) or len(stored) != count:
        return False
    if not all(isinstance(entry, dict) and entry.keys() == ENTRY_KEYS for entry in stored):
        return False
    import nbformat

    cells = [
        {"id": f"c{number}", "cell_type": "code", "source": "", "metadata": {}, **entry}
        for number, entry in enumerate(stored)
    ]
    try:
        nbformat.validate({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
    except (nbformat.ValidationError, ValueError, TypeError):
        return False
    return True


def store_outputs(cache_dir: Path, chapter: str, key: str, notebook: Any) -> None:
    entry = [
        {"outputs": cell.get("outputs", []), "execution_count": cell.get("execution_count")}
        for cell in code_cells(notebook)
    ]
    store(cache_dir, chapter, key, entry)


def export_key(notebook: Any, template: Path) -> str:
    versions = f"{__version__}\0{FORMAT}\0{version('nbconvert')}\0".encode()
    digest = hashlib.sha256(versions + template.read_bytes())
    cells = [  # jupytext gives cells new random ids at every parse: they do not count
        {**cell, "id": None, "metadata": shown_metadata(cell.get("metadata", {}))}
        for cell in notebook.cells
    ]
    shown = {**notebook, "cells": cells}
    digest.update(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def load_export(cache_dir: Path, chapter: str, key: str) -> str | None:
    """The markdown if this export is cached."""
    entry = read_json(entry_path(cache_dir, chapter, key))
    markdown = entry.get("markdown") if isinstance(entry, dict) else None
    return markdown if isinstance(markdown, str) else None


def store_export(cache_dir: Path, chapter: str, key: str, markdown: str) -> None:
    store(cache_dir, chapter, key, {"markdown": markdown})


def store(cache_dir: Path, chapter: str, key: str, entry: object) -> None:
    """Keep this chapter's entry, and only the latest: build/ does not grow per edit."""
    target = entry_path(cache_dir, chapter, key)
    with contextlib.suppress(OSError):  # a read-only build/ still builds, just uncached
        write_text_atomically(target, json.dumps(entry, ensure_ascii=False))
        for old in cache_dir.glob(f"{chapter}-*.json"):
            if old != target and len(old.stem) == len(target.stem):
                old.unlink()
