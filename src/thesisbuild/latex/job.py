"""What the LaTeX side builds and how: the job pandoc and LaTeX share, and the keys they
could not resolve."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # Mode is read by the command line before the build loads
    from ..config.model import Config
    from ..core.paths import BuildPaths
    from ..manuscript.assemble import Manuscript
    from ..sources.chapter import ChapterSource

Mode = Literal["draft", "final"]


@dataclass(frozen=True)
class PdfJob:
    """What to build and where; `metadata` adds mode-dependent template variables, `header`
    is the preamble pandoc includes, `bibliography` the .bib pandoc reads (the checked
    copy), `paths` the target's files (the thesis' or a preview's), `filters` packaged Lua
    filters run after the build's own (diff.lua for the change-marked thesis)."""

    config: Config
    paths: BuildPaths
    manuscript: Manuscript
    sources: tuple[ChapterSource, ...]
    metadata: dict[str, Any]
    header: Path | None = None
    bibliography: Path | None = None
    filters: tuple[str, ...] = ()

    @property
    def draft(self) -> bool:
        return bool(self.metadata.get("draft"))


@dataclass(frozen=True)
class Unresolved:
    """Keys pandoc could not resolve: citations not in the bibliography, references to
    labels nobody defined."""

    citations: tuple[str, ...]
    references: tuple[str, ...]
