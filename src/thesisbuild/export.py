"""ChapterSource → Chapter: executed if needed, exported by nbconvert to pandoc markdown,
output images written under stable names."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cellopts import apply_cell_options, hide_option_lines
from .config import ExecuteMode
from .execute import execute, needs_execution
from .files import naming
from .sources import ChapterSource

TEMPLATE_DIR = Path(__file__).parent / "nbconvert"
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
    executed: bool


def render_chapter(source: ChapterSource, mode: ExecuteMode, build_dir: Path) -> Chapter:
    """Execute (per `mode`) and export one chapter; figures land in build_dir/figures."""
    import nbformat

    notebook = nbformat.from_dict(copy.deepcopy(source.notebook))  # a dict when cached
    apply_cell_options(notebook)
    executed = needs_execution(notebook, mode)
    if executed:
        execute(notebook, source, build_dir / KERNEL_LOGS / f"{source.path.stem}.log")
    hide_option_lines(notebook)
    name_the_language(notebook)
    markdown, outputs = export_markdown(notebook, source.path.stem)
    figures = tuple(write_figure(build_dir, name, data) for name, data in sorted(outputs.items()))
    return Chapter(source, markdown.strip() + "\n", figures, executed)


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
    exporter = MarkdownExporter(config=settings, template_file=str(TEMPLATE_DIR / "thesis.md.j2"))
    resources = {"unique_key": unique_key, "output_files_dir": FIGURE_DIR}
    body, produced = exporter.from_notebook_node(notebook, resources=resources)
    return str(body), dict(produced.get("outputs", {}))


def write_figure(build_dir: Path, name: str, data: bytes) -> Path:
    target = build_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        with naming(target):
            target.write_bytes(data)
    return Path(name)
