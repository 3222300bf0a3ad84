"""PDF images as PNG for Word, which cannot show a PDF: a figure saved as PDF for LaTeX, an
SVG the export converted to PDF. pdftoppm (poppler) renders each once into
build/docx-figures/, named by the PDF's content; docx.lua swaps the source (metadata
`docx-images`). Without pdftoppm the PDF stays, with a warning naming the figure."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..core.errors import EnvironmentProblem
from ..core.proc import run, which
from ..core.progress import Reporter
from .reference import pandoc

RESOLUTION_DPI = "200"  # sharp on screen and print, a few hundred kB for a full-width plot
INSTALL = "Install poppler-utils (Debian/Ubuntu) or poppler (Homebrew)."


def png_stand_ins(
    manuscript: Path, folders: Sequence[Path], target: Path, report: Reporter
) -> dict[str, str]:
    """Each PDF image of the manuscript (looked up in `folders`, as pandoc's resource
    path) → the PNG rendered of its first page in `target` (below the project root,
    where pandoc runs: the path goes through metadata, which pandoc reads as Markdown)."""
    sources = pdf_images(manuscript, target)
    if not sources:
        return {}
    try:
        tool = which("pdftoppm", INSTALL)
    except EnvironmentProblem as missing:
        report.say(f"warning: {', '.join(sources)}: a PDF image Word cannot show; {missing}")
        return {}
    found = {source: located(source, folders) for source in sources}
    root = target.parents[1]  # target is <root>/build/docx-figures
    return {
        src: rendered(tool, path, target).relative_to(root).as_posix()
        for src, path in found.items()
        if path
    }


def pdf_images(manuscript: Path, target: Path) -> list[str]:
    """The sources of the manuscript's images that are PDF files, in order, once each."""
    if ".pdf" not in manuscript.read_text(encoding="utf-8").lower():
        return []  # no pandoc run for the usual thesis of PNG figures
    tree = target / "manuscript.json"  # not stdout: run() mixes pandoc's warnings in
    target.mkdir(parents=True, exist_ok=True)
    reader = "json" if manuscript.suffix == ".json" else "markdown"  # diff's marked document
    run([pandoc(), "-f", reader, "-t", "json", "-o", str(tree), str(manuscript)])
    sources = image_sources(json.loads(tree.read_text(encoding="utf-8")))
    return list(dict.fromkeys(src for src in sources if src.lower().endswith(".pdf")))


def image_sources(node: Any) -> Iterator[str]:
    """Every Image's source in pandoc's JSON AST: {"t": "Image", "c": [attr, alt, [src,
    title]]}."""
    if isinstance(node, dict):
        if node.get("t") == "Image":
            yield node["c"][2][0]
        node = list(node.values())
    if isinstance(node, list):
        for child in node:
            yield from image_sources(child)


def located(source: str, folders: Sequence[Path]) -> Path | None:
    return next((folder / source for folder in folders if (folder / source).is_file()), None)


def rendered(tool: str, pdf: Path, target: Path) -> Path:
    """The PDF's first page as PNG, made once per content."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    png = target / f"{digest}.png"
    if not png.is_file():
        target.mkdir(parents=True, exist_ok=True)
        stem = png.with_suffix("")
        run([tool, "-png", "-r", RESOLUTION_DPI, "-singlefile", "-f", "1", str(pdf), str(stem)])
    return png
