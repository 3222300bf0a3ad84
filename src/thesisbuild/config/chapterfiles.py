"""Which files of thesis/ are chapters: a broken link there is an error, not a chapter
that silently drops out of the thesis."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import ConfigError
from ..core.paths import inside
from .model import CHAPTER_DIR, CHAPTER_SUFFIXES

# thesis.yaml names files of the project: one elsewhere would go into the builder's PDF
OUTSIDE = "outside the project (a build reads only the project's own files)"


def refuse_broken_links(root: Path) -> None:
    """A chapter symlink whose target is gone would silently drop out of the thesis; one
    that leads out of the project would read a file of whoever builds it."""
    folder = root / CHAPTER_DIR
    links = [
        path
        for path in (folder.iterdir() if folder.is_dir() else ())
        if path.suffix in CHAPTER_SUFFIXES and path.is_symlink()
    ]
    outside = sorted(path for path in links if path.exists() and not inside(root, path))
    if outside:
        raise ConfigError(
            "\n".join(
                f"{CHAPTER_DIR}/{path.name}: a symbolic link out of the project "
                f"({os.readlink(path)}); a build reads only the project's files."
                for path in outside
            )
        )
    broken = sorted(path for path in links if not path.exists())
    if broken:
        lines = [
            f"{CHAPTER_DIR}/{path.name}: a symbolic link to a missing file "
            f"({os.readlink(path)}); restore its target or delete the link."
            for path in broken
        ]
        raise ConfigError("\n".join(lines))
