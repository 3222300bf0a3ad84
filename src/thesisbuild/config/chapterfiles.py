"""Which files of thesis/ are chapters: a broken link, a named pipe or a folder there is
an error, not a chapter that silently drops out of the thesis (or a read that never
ends)."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import ConfigError
from ..core.files import not_regular
from .model import CHAPTER_DIR, CHAPTER_SUFFIXES


def refuse_broken_links(root: Path) -> None:
    """A chapter symlink whose target is gone would silently drop out of the thesis."""
    folder = root / CHAPTER_DIR
    broken = sorted(
        path
        for path in (folder.iterdir() if folder.is_dir() else ())
        if path.suffix in CHAPTER_SUFFIXES and path.is_symlink() and not path.exists()
    )
    if broken:
        lines = [
            f"{CHAPTER_DIR}/{path.name}: a symbolic link to a missing file "
            f"({os.readlink(path)}); restore its target or delete the link."
            for path in broken
        ]
        raise ConfigError("\n".join(lines))


def refuse_odd_entries(root: Path) -> None:
    """A named pipe, socket, device or folder named like a chapter in thesis/ is named,
    not skipped (a pipe would block any reader)."""
    folder = root / CHAPTER_DIR
    odd = sorted(
        (path, kind)
        for path in (folder.iterdir() if folder.is_dir() else ())
        if path.suffix in CHAPTER_SUFFIXES and (kind := not_regular(path))
    )
    if odd:
        lines = [
            f"{CHAPTER_DIR}/{path.name}: {kind}, not a file; a chapter must be a regular "
            "file: delete or rename it."
            for path, kind in odd
        ]
        raise ConfigError("\n".join(lines))
