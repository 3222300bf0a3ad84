"""ChapterSource → Chapter: executed if needed (or its outputs from the execution cache,
chaptercache.py), outputs, raw cells and images prepared (outputs.py, cells.py, images.py),
exported by nbconvert to pandoc markdown, figures written under names unique in the
thesis."""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..config.model import CodeMode, WarningsMode
from ..core.files import naming
from ..core.paths import BuildPaths
from ..resources.lookup import lua_filter
from ..sources.chapter import ChapterSource
from . import cache as chaptercache
from .cellopts import apply_cell_options, hide_option_lines, option_problems
from .cells import prepare_cells
from .execute import Execution, execute, needs_execution
from .images import resolve_images
from .kernels import Kernels
from .outputs import render_outputs
from .rendering import Rendering
from .template import export_template

# A markdown cell's text is set aside for the export and put back after, so the export and
# its cache depend on the code, the outputs and the cells' order, not on the prose.
PROSE = "thesisbuild-prose-{}-7f3a"
PROSE_MARK = re.compile(r"thesisbuild-prose-(\d+)-7f3a")
# Where a chapter's outputs came from: its file, the execution cache, or a kernel just now.
Outputs = Literal["stored", "cached", "executed"]

# A chapter's markdown past this is left out: a long chapter is some 150,000 characters,
# a whole thesis of 300 pages under a million; pandoc spent 8 minutes on a 4.9 MB chapter.
MAX_CHAPTER_CHARS = 2_000_000
REMOVE_TAGS = {
    "remove_cell_tags": {"remove-cell"},
    "remove_input_tags": {"remove-input"},
    "remove_all_outputs_tags": {"remove-output"},
}


@dataclass(frozen=True)
class Chapter:
    """A chapter as markdown; its figures' paths are relative to the build folder;
    `warnings` name what could not be printed, at the chapter file and cell, `notes`
    what was left out on purpose."""

    source: ChapterSource
    markdown: str
    figures: tuple[Path, ...]
    outputs: Outputs
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return chapter_key(self.source)


def chapter_key(source: ChapterSource) -> str:
    return path_key(source.display)


# `folder/name.suffix` whose folder has no `-` and whose name only letters, digits, `_`
# and `-`: `-` for `/` and `.` can be undone, so no other such path gets the same key.
PLAIN_PATH = re.compile(r"[A-Za-z0-9_]+/[A-Za-z0-9_-]+\.(md|py|ipynb)")


def path_key(display: str) -> str:
    """A chapter's path as a file name, different for every path: `thesis/02-plot.md` →
    `thesis-02-plot-md`; any other path (a `.` in the name, a nested folder) gets 8 hex
    digits of its hash, so `02-a.b.md` and `02-a-b.md` never share figures or cache."""
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", display).strip("-")
    if PLAIN_PATH.fullmatch(display):
        return readable  # ends in -md, -py or -ipynb: never like a hashed key's end
    return f"{readable}-{hashlib.sha256(display.encode()).hexdigest()[:8]}"


def render_chapter(
    source: ChapterSource,
    execution: Execution,
    paths: BuildPaths,
    code: CodeMode = "show",
    warnings: WarningsMode = "hide",
) -> Chapter:
    """Execute (or take cached outputs) and export one chapter (its input shown or hidden
    per `code`); figures land in build/figures. nbconvert is skipped when its cache
    holds the chapter's export."""
    return export_chapter(run_chapter(source, execution, paths, code), execution, paths, warnings)


@dataclass(frozen=True)
class Ran:
    """A chapter's notebook with its outputs (run, cached or stored), not yet exported: the
    step that may run in a thread of its own while other chapters run (parallel.py)."""

    source: ChapterSource
    notebook: Any
    outputs: Outputs


def run_chapter(
    source: ChapterSource,
    execution: Execution,
    paths: BuildPaths,
    code: CodeMode = "show",
    kernels: Kernels | None = None,
) -> Ran:
    """The chapter's notebook with its cell options applied and its outputs in place."""
    import nbformat

    notebook = nbformat.from_dict(copy.deepcopy(source.notebook))  # a dict when cached
    apply_cell_options(notebook, hide_code=code == "hide")
    return Ran(source, notebook, run_or_reuse(notebook, source, execution, paths, kernels))


def export_chapter(
    ran: Ran, execution: Execution, paths: BuildPaths, warnings: WarningsMode = "hide"
) -> Chapter:
    """The ran chapter as markdown and figures (in the build's one thread: figure names
    and warnings come out in chapter order); `warnings`: thesis.yaml's, for what a stored
    output printed to stderr."""
    source, notebook = ran.source, ran.notebook
    html_filter = lua_filter(paths.root, "html.lua", execution.mode)
    hide_option_lines(notebook)
    name_the_language(notebook)
    rendering = Rendering(source, chapter_key(source), paths, html_filter)
    rendering.show_warnings = warnings == "show"
    warn_cell_options(rendering)
    if ran.outputs == "stored":
        warn_figure_options(notebook, rendering)
    prepare_cells(notebook, rendering)
    resolve_images(notebook, rendering)
    render_outputs(notebook, rendering)
    prose = set_prose_aside(notebook)
    markdown = put_prose_back(export_cached(notebook, rendering.key, paths.exported), prose)
    markdown = within_limit(markdown, rendering)
    written = sorted(rendering.figures.items())
    figures = tuple(write_figure(paths.build, name, data) for name, data in written)
    markdown = markdown.strip() + "\n"
    notes = tuple(rendering.notes)
    return Chapter(source, markdown, figures, ran.outputs, tuple(rendering.warnings), notes)


def within_limit(markdown: str, rendering: Rendering) -> str:
    """The chapter's markdown, or its first MAX_CHAPTER_CHARS (up to a paragraph's end)
    with a warning at the chapter file."""
    if len(markdown) <= MAX_CHAPTER_CHARS:
        return markdown
    rendering.warnings.append(
        f"{rendering.source.display}: its text for the PDF is {len(markdown):,} characters, "
        f"more than the {MAX_CHAPTER_CHARS:,} a chapter may have; the rest is left out of the "
        "PDF. Fix: split the chapter, or shorten its outputs"
    )
    cut = markdown.rfind("\n\n", 0, MAX_CHAPTER_CHARS)
    return markdown[: cut if cut > 0 else MAX_CHAPTER_CHARS] + "\n\n…\n"


def warn_cell_options(rendering: Rendering) -> None:
    """Each `#|` line that does nothing is a warning at its line."""
    for index, cell in enumerate(rendering.source.cells):
        if cell.kind == "code":
            for line, message in option_problems(cell.source):
                rendering.warn(index, message, line)


def warn_figure_options(notebook: Any, rendering: Rendering) -> None:
    """A figure's size and resolution are made when the code runs: outputs saved in the
    notebook keep theirs."""
    for index, cell in enumerate(notebook.cells):
        options = cell.metadata.get("thesisbuild", {}) if cell.cell_type == "code" else {}
        unused = [name for name in ("fig-height", "fig-dpi") if name in options]
        if unused and cell.get("outputs"):
            verb = "take" if len(unused) > 1 else "takes"
            rendering.warn(index, f"{' and '.join(unused)} {verb} effect when the build runs "
                           "the code (`execute: always` or `--rerun`); the figure stored in "
                           "the notebook is printed as saved")  # fmt: skip


def run_or_reuse(
    notebook: Any,
    source: ChapterSource,
    execution: Execution,
    paths: BuildPaths,
    kernels: Kernels | None = None,
) -> Outputs:
    """Run the code only when no cached outputs match its code, kernel and inputs."""
    if not needs_execution(notebook, execution):
        return "stored"
    cache = paths.executed
    # the figure settings shape the outputs: changing them runs the code again
    key = chaptercache.execution_key(notebook, f"{execution.inputs}\0{execution.figures}")
    name = chapter_key(source)
    if not execution.rerun and chaptercache.load_outputs(cache, name, key, notebook):
        return "cached"
    execute(notebook, source, paths.kernel_logs / f"{name}.log", execution, kernels)
    chaptercache.store_outputs(cache, name, key, notebook)
    return "executed"


def export_cached(notebook: Any, name: str, cache: Path) -> str:
    """nbconvert's markdown, from the cache when it holds it."""
    key = chaptercache.export_key(notebook, export_template())
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
    exporter = MarkdownExporter(config=settings, template_file=str(export_template()))
    body, _ = exporter.from_notebook_node(notebook)
    return str(body)


def write_figure(build_dir: Path, name: str, data: bytes) -> Path:
    target = build_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        with naming(target):
            target.write_bytes(data)
    return Path(name)
