"""Parsed chapters kept by content hash in build/.cache/sources/, so linting an unchanged
thesis needs neither jupytext's import nor its parse (most of lint's 0.7 s), and later
stages can key their own caches on the same hash."""

from __future__ import annotations

import contextlib
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.files import read_json, write_text_atomically
from ..core.paths import refuse_links_on_the_way

CACHE_SUBDIR = Path("build") / ".cache" / "sources"
# Part of the key: raise it when parsing or the entry's layout changes, since __version__
# stays the same between commits. 2 counts lines at \n only; 3 checks code cells' shape.
FORMAT = "3"


def content_key(data: bytes, suffix: str) -> str:
    """Changes with the file's bytes, its format, and the versions that parse it."""
    digest = hashlib.sha256()
    for part in (__version__, FORMAT, version("jupytext"), version("nbformat"), suffix):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> Any:
    """The entry as stored, None when absent or cut off; its shape is checked by the
    reader (chapter.from_cache), which parses the chapter again for a bad one."""
    return read_json(cache_dir / f"{key}.json")


def store(cache_dir: Path, key: str, notebook: Any, cells: list[dict[str, Any]]) -> None:
    """Keep a parsed chapter; a symbolic link planted on the way is refused (lint writes
    here too, before any build looked at build/)."""
    refuse_links_on_the_way(cache_dir.parents[len(CACHE_SUBDIR.parts) - 1], cache_dir)
    entry = {"notebook": notebook, "cells": cells}
    with contextlib.suppress(OSError):  # a read-only project still lints, just uncached
        write_text_atomically(cache_dir / f"{key}.json", json.dumps(entry, ensure_ascii=False))
