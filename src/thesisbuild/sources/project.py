"""A project's chapters as sources: what lint and the build both start from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config.model import Config
from ..core.errors import ConfigError
from .cache import CACHE_SUBDIR
from .chapter import ChapterSource, read_chapter


def read_sources(config: Config, paths: Sequence[Path] | None = None) -> list[ChapterSource]:
    """Read the given chapter files (default: chapters, then appendix)."""
    chosen = paths if paths is not None else (*config.chapters, *config.appendix)
    if not chosen:
        raise ConfigError(
            "thesis.yaml: no chapters: put chapter notebooks (.md, .py, .ipynb) in thesis/ "
            "or list them under `chapters:`."
        )
    cache = config.root / CACHE_SUBDIR
    return [read_chapter(path, config.relative(path), cache) for path in chosen]
