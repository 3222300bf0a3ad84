"""ChapterSource → Chapter: executed if needed (or its outputs from the execution cache,
chaptercache.py), outputs, raw cells and images prepared (outputs.py, cells.py, images.py),
exported by nbconvert to pandoc markdown, figures written under names unique in the
thesis."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..config.model import CodeMode
from ..core.files import naming
from ..sources.chapter import ChapterSource
from . import cache as chaptercache
from .cellopts import apply_cell_options, hide_option_lines, option_problems
from .cells import prepare_cells
from .execute import Execution, execute, needs_execution
from .images import resolve_images
from .outputs import render_outputs
from .rendering import Rendering

# A markdown cell's text is set aside for the export and put back after, so the export and
# its cache depend on the code, the outputs and the cells' order, not on the prose.
PROSE = "thesisbuild-prose-{}-7f3a"
PROSE_MARK = re.compile(r"thesisbuild-prose-(\d+)-7f3a")
# Where a chapter's outputs came from: its file, the execution cache, or a kernel just now.
Outputs = Literal["stored", "cached", "executed"]

TEMPLATE = Path(__file__).parent / "nbconvert" / "thesis.md.j2"
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
    outputs: Outputs
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
    source: ChapterSource, execution: Execution, build_dir: Path, code: CodeMode = "show"
) -> Chapter:
    """Execute (or take cached outputs) and export one chapter (its input shown or hidden
    per `code`); figures land in build_dir/figures. nbconvert is skipped when its cache
    holds the chapter's export."""
    import nbformat

    notebook = nbformat.from_dict(copy.deepcopy(source.notebook))  # a dict when cached
    apply_cell_options(notebook, hide_code=code == "hide")
    outputs = run_or_reuse(notebook, source, execution, build_dir)
    hide_option_lines(notebook)
    name_the_language(notebook)
    rendering = Rendering(source, chapter_key(source), build_dir)
    warn_cell_options(rendering)
    prepare_cells(notebook, rendering)
    resolve_images(notebook, rendering)
    render_outputs(notebook, rendering)
    prose = set_prose_aside(notebook)
    markdown = put_prose_back(export_cached(notebook, rendering.key, build_dir), prose)
    written = sorted(rendering.figures.items())
    figures = tuple(write_figure(build_dir, name, data) for name, data in written)
    return Chapter(source, markdown.strip() + "\n", figures, outputs, tuple(rendering.warnings))


def warn_cell_options(rendering: Rendering) -> None:
    """Each `#|` line that does nothing is a warning at its line."""
    for index, cell in enumerate(rendering.source.cells):
        if cell.kind == "code":
            for line, message in option_problems(cell.source):
                rendering.warn(index, message, line)


def run_or_reuse(
    notebook: Any, source: ChapterSource, execution: Execution, build_dir: Path
) -> Outputs:
    """Run the code only when no cached outputs match its code, kernel and inputs."""
    if not needs_execution(notebook, execution):
        return "stored"
    cache = build_dir / chaptercache.EXECUTED_SUBDIR
    key = chaptercache.execution_key(notebook, execution.inputs)
    name = chapter_key(source)
    if not execution.rerun and chaptercache.load_outputs(cache, name, key, notebook):
        return "cached"
    execute(notebook, source, build_dir / KERNEL_LOGS / f"{name}.log", execution)
    chaptercache.store_outputs(cache, name, key, notebook)
    return "executed"


def export_cached(notebook: Any, name: str, build_dir: Path) -> str:
    """nbconvert's markdown, from the cache when it holds it."""
    cache = build_dir / chaptercache.EXPORTED_SUBDIR
    key = chaptercache.export_key(notebook, TEMPLATE)
    markdown = chaptercache.load_export(cache, name, key)
    if markdown is None:
        markdown = export_markdown(notebook)
        chaptercache.store_export(cache, name, key, markdown)
    return markdown


def set_prose_aside(notebook: Any) -> list[str]:
    """Markdown cells' text (prepared: raw cells, citations and images done), each replaced
    by a mark."""
    prose = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            prose.append(cell.source)
            cell.source = PROSE.format(len(prose) - 1)
    return prose


def put_prose_back(markdown: str, prose: list[str]) -> str:
    return PROSE_MARK.sub(lambda mark: prose[int(mark.group(1))], markdown)


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
    exporter = MarkdownExporter(config=settings, template_file=str(TEMPLATE))
    body, _ = exporter.from_notebook_node(notebook)
    return str(body)


def write_figure(build_dir: Path, name: str, data: bytes) -> Path:
    target = build_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        with naming(target):
            target.write_bytes(data)
    return Path(name)
