"""What `pdf` makes: the whole thesis, or chapters as a preview. Light to import: the
command line asks the no-op check before it loads the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config.model import Config
from ..core.paths import BuildPaths
from ..latex.job import Mode


@dataclass(frozen=True)
class Target:
    """What `pdf` makes: the whole thesis, or only `chapters` (files of thesis.yaml) as a
    preview in build/preview/, each chapter keeping its number from the thesis."""

    mode: Mode
    output: Path
    chapters: tuple[Path, ...] = ()

    @property
    def is_preview(self) -> bool:
        return bool(self.chapters)

    def paths(self, config: Config) -> BuildPaths:
        whole = BuildPaths.of(config.root)
        return whole.preview() if self.is_preview else whole
