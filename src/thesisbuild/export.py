"""ChapterSource → Chapter: executed if needed, exported by nbconvert to pandoc markdown,
output images written under stable names."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import chaptercache
from .cellopts import apply_cell_options, hide_option_lines
from .execute import Execution, execute, needs_execution
from .sources import ChapterSource

# A markdown cell's text is set aside for the export and put back after, so the export and
# its cache depend on the code, the outputs and the cells' order, not on the prose.
PROSE = "thesisbuild-prose-{}-7f3a"
PROSE_MARK = re.compile(r"thesisbuild-prose-(\d+)-7f3a")
# Where a chapter's outputs came from: its file, the execution cache, or a kernel just now.
Outputs = Literal["stored", "cached", "executed"]

TEMPLATE = Path(__file__).parent / "nbconvert" / "thesis.md.j2"
FIGURE_DIR = "figures"
KERNEL_LOGS = "kernel"
REMOVE_TAGS = {
    "remove_cell_tags": {"remove-cell"},
    "remove_input_tags": {"remove-input"},
    "remove_all_outputs_tags": {"remove-output"},
}


@dataclass(frozen=True)
class Chapter:
    """A chapter as markdown; its figures' paths are relative to the build folder."""

    source: ChapterSource
    markdown: str
    figures: tuple[Path, ...]
    outputs: Outputs


def render_chapter(source: ChapterSource, execution: Execution, build_dir: Path) -> Chapter:
    """Execute (or take cached outputs) and export one chapter; figures land in
    build_dir/figures. Each step is skipped when its cache holds the result."""
    import nbformat

    notebook = nbformat.from_dict(copy.deepcopy(source.notebook))  # a dict when cached
    apply_cell_options(notebook)
    outputs = run_or_reuse(notebook, source, execution, build_dir)
    hide_option_lines(notebook)
    name_the_language(notebook)
    prose = set_prose_aside(notebook)
    skeleton, figures = export_cached(notebook, source.path.stem, build_dir)
    markdown = put_prose_back(skeleton, prose).strip() + "\n"
    return Chapter(source, markdown, figures, outputs)


def export_cached(notebook: Any, name: str, build_dir: Path) -> tuple[str, tuple[Path, ...]]:
    """nbconvert's markdown and figures, from the cache when it holds them."""
    cache = build_dir / chaptercache.EXPORTED_SUBDIR
    key = chaptercache.export_key(notebook, TEMPLATE)
    cached = chaptercache.load_export(cache, name, key)
    if cached is not None:
        return cached[0], tuple(map(Path, cached[1]))
    markdown, produced = export_markdown(notebook, name)
    figures = tuple(write_figure(build_dir, file, data) for file, data in sorted(produced.items()))
    chaptercache.store_export(cache, name, key, markdown, figures)
    return markdown, figures


def set_prose_aside(notebook: Any) -> list[str]:
    """Markdown cells' text, each replaced by a mark (cells with attachments keep theirs:
    the export rewrites their text)."""
    prose = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and not cell.get("attachments"):
            prose.append(cell.source)
            cell.source = PROSE.format(len(prose) - 1)
    return prose


def put_prose_back(markdown: str, prose: list[str]) -> str:
    return PROSE_MARK.sub(lambda mark: prose[int(mark.group(1))], markdown)


def run_or_reuse(
    notebook: Any, source: ChapterSource, execution: Execution, build_dir: Path
) -> Outputs:
    """Run the code only when no cached outputs match its code, kernel and inputs."""
    if not needs_execution(notebook, execution):
        return "stored"
    cache = build_dir / chaptercache.EXECUTED_SUBDIR
    key = chaptercache.execution_key(notebook, execution.inputs)
    name = source.path.stem
    if not execution.rerun and chaptercache.load_outputs(cache, name, key, notebook):
        return "cached"
    execute(notebook, source, build_dir / KERNEL_LOGS / f"{name}.log", execution)
    chaptercache.store_outputs(cache, name, key, notebook)
    return "executed"


def name_the_language(notebook: Any) -> None:
    """Code blocks get their language (for highlighting) from language_info, which text
    notebooks lack until a kernel ran: take it from the kernelspec."""
    info = notebook.metadata.setdefault("language_info", {})
    if "name" not in info:
        info["name"] = notebook.metadata.get("kernelspec", {}).get("language", "python")


def export_markdown(notebook: Any, unique_key: str) -> tuple[str, dict[str, bytes]]:
    """nbconvert's MarkdownExporter with the tag and output-extraction preprocessors."""
    from nbconvert import MarkdownExporter
    from traitlets.config import Config as TraitletsConfig

    settings = TraitletsConfig()
    settings.TagRemovePreprocessor.update(enabled=True, **REMOVE_TAGS)
    settings.ExtractOutputPreprocessor.output_filename_template = (
        "{unique_key}-cell{cell_index}-{index}{extension}"
    )
    exporter = MarkdownExporter(config=settings, template_file=str(TEMPLATE))
    resources = {"unique_key": unique_key, "output_files_dir": FIGURE_DIR}
    body, produced = exporter.from_notebook_node(notebook, resources=resources)
    return str(body), dict(produced.get("outputs", {}))


def write_figure(build_dir: Path, name: str, data: bytes) -> Path:
    target = build_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return Path(name)
