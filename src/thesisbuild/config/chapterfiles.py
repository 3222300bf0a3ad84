"""Which files of thesis/ are chapters: a broken link, a named pipe or a folder there is
an error, not a chapter that silently drops out of the thesis (or a read that never
ends)."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import ConfigError
from ..core.files import not_regular
from ..core.paths import inside
from .model import CHAPTER_DIR, CHAPTER_SUFFIXES

# Notebook and markdown kinds that are not chapters: Quarto, R Markdown, `.markdown`;
# chapter suffixes in other case (.MD) count too.
LOOKALIKE_SUFFIXES = {".qmd", ".rmd", ".markdown"}
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


def lookalikes(root: Path) -> tuple[Path, ...]:
    """Files of thesis/ that a writer may take for chapters but the build does not read."""
    folder = root / CHAPTER_DIR
    return tuple(
        sorted(
            path
            for path in (folder.iterdir() if folder.is_dir() else ())
            if path.suffix not in CHAPTER_SUFFIXES
            and path.suffix.lower() in (LOOKALIKE_SUFFIXES | set(CHAPTER_SUFFIXES))
        )
    )


def ignored_warning(path: Path) -> str:
    """`thesis/03.qmd: warning: …`, with the name it would need to be a chapter."""
    kinds = ", ".join(CHAPTER_SUFFIXES)
    return (
        f"{CHAPTER_DIR}/{path.name}: warning: not part of the thesis: only {kinds} files in "
        f"{CHAPTER_DIR}/ are chapters; rename it to {path.stem}.md (jupytext Markdown) to "
        "include it"
    )
