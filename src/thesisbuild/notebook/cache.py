"""Two caches under build/.cache/, one entry per chapter (the latest), so a rebuild redoes
only what an edit touched.

- executed/: a chapter's outputs, under a hash of everything that decides them: the code
  cells (source, options, tags), the kernel, the contents of the declared `inputs` and
  thesisbuild's version. A prose edit leaves the hash alone, so the code does not run
  again; a code, option, kernel or data edit changes it.
- exported/: a chapter's markdown from nbconvert, under a hash of the notebook with its
  rendered outputs (but not its prose) and the export template, so an unchanged chapter
  skips nbconvert."""

from __future__ import annotations

import contextlib
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.files import write_text_atomically

EXECUTED_SUBDIR = Path(".cache") / "executed"
EXPORTED_SUBDIR = Path(".cache") / "exported"
# Cell metadata that Jupyter's interface writes and no code reads.
VIEW_METADATA = {"collapsed", "scrolled", "jupyter", "execution", "ExecuteTime"}
DISPLAY_TAGS = {"remove-input", "remove-output", "remove-cell"}


def execution_key(notebook: Any, inputs: str) -> str:
    """Changes with the code cells, the kernel, the inputs and thesisbuild, not the prose."""
    spec = notebook.metadata.get("kernelspec", {})
    digest = hashlib.sha256()
    for part in (__version__, spec.get("name", ""), spec.get("language", ""), inputs):
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
    try:
        stored = json.loads(entry_path(cache_dir, chapter, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # absent or damaged: run the code
    cells = code_cells(notebook)
    if not isinstance(stored, list) or len(stored) != len(cells):
        return False
    import nbformat

    for cell, entry in zip(cells, stored, strict=True):
        cell.outputs = [nbformat.from_dict(output) for output in entry["outputs"]]
        cell.execution_count = entry["execution_count"]
    return True


def store_outputs(cache_dir: Path, chapter: str, key: str, notebook: Any) -> None:
    entry = [
        {"outputs": cell.get("outputs", []), "execution_count": cell.get("execution_count")}
        for cell in code_cells(notebook)
    ]
    store(cache_dir, chapter, key, entry)


def export_key(notebook: Any, template: Path) -> str:
    versions = f"{__version__}\0{version('nbconvert')}\0".encode()
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
    try:
        entry = json.loads(entry_path(cache_dir, chapter, key).read_text(encoding="utf-8"))
        return str(entry["markdown"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


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
