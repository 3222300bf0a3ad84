"""What `pdf` makes (the whole thesis, or chapters as a preview) and where it may write:
only a .pdf, never among the project's sources. Light to import: the command line asks
the no-op check before it loads the pipeline."""

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


def output_problem(config: Config, output: Path) -> str | None:
    """Why `pdf -o` must not write there: only a .pdf, and never among the project's
    sources (a PDF beside the chapters or in templates/ is most likely a figure)."""
    if output.suffix.lower() != ".pdf":
        return f"{output}: not a .pdf file name; the PDF would replace whatever is there."
    if output.is_relative_to(BuildPaths.of(config.root).build.resolve()):
        return None  # the tool's own folder, even when the chapters lie in the root
    source_folders = {path.resolve().parent for path in (*config.chapters, *config.appendix)}
    source_folders.add((config.root / "templates").resolve())
    for folder in source_folders:
        if output.is_relative_to(folder):
            return f"{output}: inside {config.relative(folder)}/, among the project's sources."
    return None
