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
from ..core.files import write_text_atomically
from ..core.paths import refuse_links_on_the_way

CACHE_SUBDIR = Path("build") / ".cache" / "sources"
# Raise when parsing changes within a version: 2 counts lines at \n only.
FORMAT = "2"


def content_key(data: bytes, suffix: str) -> str:
    """Changes with the file's bytes, its format, and the versions that parse it."""
    digest = hashlib.sha256()
    for part in (__version__, FORMAT, version("jupytext"), version("nbformat"), suffix):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> dict[str, Any] | None:
    entry = cache_dir / f"{key}.json"
    try:
        loaded: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent or damaged: parse the chapter again
    return loaded


def store(cache_dir: Path, key: str, notebook: Any, cells: list[dict[str, Any]]) -> None:
    """Keep a parsed chapter; a symbolic link planted on the way is refused (lint writes
    here too, before any build looked at build/)."""
    refuse_links_on_the_way(cache_dir.parents[len(CACHE_SUBDIR.parts) - 1], cache_dir)
    entry = {"notebook": notebook, "cells": cells}
    with contextlib.suppress(OSError):  # a read-only project still lints, just uncached
        write_text_atomically(cache_dir / f"{key}.json", json.dumps(entry, ensure_ascii=False))
