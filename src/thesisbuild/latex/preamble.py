"""build/preamble.tex: what the template's header gets from the build — fallback fonts
for the symbols and emoji the thesis uses, then thesis.yaml's `latex` packages and lines."""

from __future__ import annotations

from pathlib import Path

from ..config.model import Config, LatexPackage
from ..core.files import write_text_atomically
from .fallback import fallback_for


def write_preamble(config: Config, manuscript_text: str, path: Path) -> Path:
    """Write `path` (build/preamble.tex) for pandoc's include-in-header (empty when
    nothing to add)."""
    layout = config.layout
    fonts = {"main": layout.main_font, "sans": layout.sans_font, "mono": layout.mono_font}
    parts = [
        fallback_for(manuscript_text, fonts).preamble(),
        *(usepackage(package) for package in config.latex.packages),
        config.latex.preamble,
    ]
    write_text_atomically(path, "\n".join(part.rstrip("\n") for part in parts if part) + "\n")
    return path


def usepackage(package: LatexPackage) -> str:
    options = f"[{package.options}]" if package.options else ""
    return f"\\usepackage{options}{{{package.name}}}"
