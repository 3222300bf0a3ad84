"""What one `inputs` pattern matches, bounded: a symlink into its own folder or a parent
(`data/loop -> .`) is not followed, and a pattern past MAX_INPUT_MATCHES paths stops with
an error instead of globbing a repeated tree or a whole disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

# Far above a thesis' data (a corpus of some thousand files); a larger dataset is better
# named by one manifest or archive file that changes when the data does.
MAX_INPUT_MATCHES = 100_000


class TooManyMatches(Exception):
    """The pattern matched more paths than the limit."""


def matched_files(root: Path, pattern: str, limit: int = MAX_INPUT_MATCHES) -> Iterator[Path]:
    """The files `pattern` matches under root, none of them reached through a symlink
    cycle; TooManyMatches once the glob has yielded more than `limit` paths."""
    loops: dict[Path, bool] = {}
    for count, path in enumerate(root.glob(pattern), start=1):
        if count > limit:
            raise TooManyMatches(pattern)
        if not through_cycle(root, path, loops) and path.is_file():
            yield path


def through_cycle(root: Path, path: Path, loops: dict[Path, bool]) -> bool:
    """Whether a folder on the way from root to path is a symlink to itself or to one of
    its parents (`loops` remembers the folders already looked at)."""
    folder = root
    for part in path.parts[len(root.parts) : -1]:  # root.glob's paths start with root
        folder = folder / part
        if folder not in loops:
            loops[folder] = folder.is_symlink() and points_up(folder)
        if loops[folder]:
            return True
    return False


def points_up(link: Path) -> bool:
    try:
        target, parent = link.resolve(strict=True), link.parent.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken or self-resolving link: a cycle to stop at
        return True
    return target == parent or target in parent.parents


def too_many(pattern: str, limit: int = MAX_INPUT_MATCHES) -> str:
    return (
        f"{pattern!r} matches more than {limit:,} paths; name the data files more narrowly "
        "(or one manifest file that changes when the data does)"
    )
