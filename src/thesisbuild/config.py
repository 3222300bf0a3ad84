"""Config: the one validated description of a thesis project (read by thesisyaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CONFIG_NAME = "thesis.yaml"
CHAPTER_DIR = "thesis"
CHAPTER_SUFFIXES = (".md", ".ipynb", ".py")
ExecuteMode = Literal["never", "auto", "always"]
Engine = Literal["xelatex", "lualatex"]
EXECUTE_MODES: tuple[ExecuteMode, ...] = ("never", "auto", "always")
ENGINES: tuple[Engine, ...] = ("xelatex", "lualatex")
FONT_FAMILIES = ("serif", "sans")
STARTER = """title: "Titel der Arbeit"
author: {name: "Vorname Nachname", matriculation_number: "1234567"}
language: de
"""


@dataclass(frozen=True)
class Author:
    name: str
    matriculation_number: str | None = None


@dataclass(frozen=True)
class Margins:
    left: str = "3cm"
    right: str = "2.5cm"
    top: str = "2.5cm"
    bottom: str = "2cm"
    binding: str = "0cm"


@dataclass(frozen=True)
class Layout:
    font_size: str = "12pt"
    line_spacing: float = 1.5
    margins: Margins = Margins()
    font: str = "serif"
    main_font: str | None = None
    sans_font: str | None = None
    mono_font: str | None = None


@dataclass(frozen=True)
class TerminologyRule:
    """Write `preferred`, not any of `forms` (a form between slashes is a regex)."""

    preferred: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class AiTool:
    tool: str
    purpose: str
    sections: str = ""


@dataclass(frozen=True)
class Config:
    """Everything thesis.yaml says, with paths resolved against the project root."""

    root: Path
    title: str
    subtitle: str | None = None
    author: Author | None = None
    thesis_type: str | None = None
    degree: str | None = None
    university: str | None = None
    faculty: str | None = None
    reviewers: tuple[str, ...] = ()
    company: str | None = None
    date: str | None = None
    place: str | None = None
    language: str = "de"
    chapters: tuple[Path, ...] = ()
    appendix: tuple[Path, ...] = ()
    bibliography: Path | None = None
    citation_style: str = "din-1505-2"
    execute: ExecuteMode = "auto"
    engine: Engine = "xelatex"
    abbreviations: tuple[tuple[str, str], ...] = ()
    sperrvermerk: str | None = None
    declaration: str | None = None
    ai_tools: tuple[AiTool, ...] = ()
    layout: Layout = Layout()
    terminology: tuple[TerminologyRule, ...] = field(default=())

    @property
    def path(self) -> Path:
        return self.root / CONFIG_NAME

    def relative(self, path: Path) -> str:
        """Show a path the way the user types it: relative to the project root."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def default_chapters(root: Path) -> tuple[Path, ...]:
    """Every chapter file in thesis/, sorted by file name."""
    folder = root / CHAPTER_DIR
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(p for p in folder.iterdir() if p.suffix in CHAPTER_SUFFIXES and p.is_file())
    )
