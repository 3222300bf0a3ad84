"""ChapterSource → Chapter: executed if needed, outputs, raw cells and images prepared
(outputs.py, cells.py, images.py), exported by nbconvert to pandoc markdown, figures
written under names unique in the thesis."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cellopts import apply_cell_options, hide_option_lines
from .cells import prepare_cells
from .config import CodeMode, ExecuteMode
from .execute import execute, needs_execution
from .files import naming
from .images import resolve_images
from .outputs import render_outputs
from .rendering import Rendering
from .sources import ChapterSource

TEMPLATE_DIR = Path(__file__).parent / "nbconvert"
KERNEL_LOGS = "kernel"
REMOVE_TAGS = {
    "remove_cell_tags": {"remove-cell"},
    "remove_input_tags": {"remove-input"},
    "remove_all_outputs_tags": {"remove-output"},
}


@dataclass(frozen=True)
class Chapter:
    """A chapter as markdown; its figures' paths are relative to the build folder;
    `warnings` name what could not be printed, at the chapter file and cell."""

    source: ChapterSource
    markdown: str
    figures: tuple[Path, ...]
    executed: bool
    warnings: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return chapter_key(self.source)


def chapter_key(source: ChapterSource) -> str:
    return path_key(source.display)


def path_key(display: str) -> str:
    """A chapter's path as a file name: `thesis/02-plot.md` → `thesis-02-plot-md`, so
    a chapter and an appendix (or `02-plot.md` and `02-plot.py`) never share figures."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", display).strip("-")


def render_chapter(
    source: ChapterSource, mode: ExecuteMode, build_dir: Path, code: CodeMode = "show"
) -> Chapter:
    """Execute (per `mode`) and export one chapter (its input shown or hidden per `code`);
    figures land in build_dir/figures."""
    import nbformat

    notebook = nbformat.from_dict(copy.deepcopy(source.notebook))  # a dict when cached
    apply_cell_options(notebook, hide_code=code == "hide")
    executed = needs_execution(notebook, mode)
    if executed:
        execute(notebook, source, build_dir / KERNEL_LOGS / f"{chapter_key(source)}.log")
    hide_option_lines(notebook)
    name_the_language(notebook)
    rendering = Rendering(source, chapter_key(source), build_dir)
    prepare_cells(notebook, rendering)
    resolve_images(notebook, rendering)
    render_outputs(notebook, rendering)
    markdown = export_markdown(notebook)
    written = sorted(rendering.figures.items())
    figures = tuple(write_figure(build_dir, name, data) for name, data in written)
    return Chapter(source, markdown.strip() + "\n", figures, executed, tuple(rendering.warnings))


def name_the_language(notebook: Any) -> None:
    """Code blocks get their language (for highlighting) from language_info, which text
    notebooks lack until a kernel ran: take it from the kernelspec."""
    info = notebook.metadata.setdefault("language_info", {})
    if "name" not in info:
        info["name"] = notebook.metadata.get("kernelspec", {}).get("language", "python")


def export_markdown(notebook: Any) -> str:
    """nbconvert's MarkdownExporter with the tag preprocessor (outputs are markdown by now)."""
    from nbconvert import MarkdownExporter
    from traitlets.config import Config as TraitletsConfig

    settings = TraitletsConfig()
    settings.TagRemovePreprocessor.update(enabled=True, **REMOVE_TAGS)
    settings.ExtractOutputPreprocessor.enabled = False
    exporter = MarkdownExporter(config=settings, template_file=str(TEMPLATE_DIR / "thesis.md.j2"))
    body, _ = exporter.from_notebook_node(notebook)
    return str(body)


def write_figure(build_dir: Path, name: str, data: bytes) -> Path:
    target = build_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        with naming(target):
            target.write_bytes(data)
    return Path(name)
