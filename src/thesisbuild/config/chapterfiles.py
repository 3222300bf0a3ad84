"""Which files of thesis/ are chapters: a broken link there is an error, not a chapter
that silently drops out of the thesis."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import ConfigError
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
