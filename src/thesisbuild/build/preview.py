"""`thesisbuild pdf CHAPTER…`: only those chapters, as build/preview.pdf, built in a folder
of their own (build/preview/) so the full build's files and build/thesis.pdf stay as they
are. Chapters keep the numbers they have in the thesis, and references to the other
chapters resolve from the last full build's labels (without one they print as ??)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from ..config.model import Config
from ..core.errors import BuildFailed, ConfigError
from ..latex.draft import draft_metadata
from ..latex.pandoc import Mode, PdfJob, pandoc_defaults, run_pandoc
from ..latex.preamble import write_preamble
from ..latex.run import DRAFT_TOLERATES, LATEX_DIR, install, run_latex
from ..lint.linter import lint_chapters
from ..manuscript.assemble import UNNUMBERED, assemble
from ..notebook.execute import Execution
from ..notebook.export import Chapter
from ..sources.chapter import ChapterSource
from .pipeline import (
    Progress,
    build_dir,
    check_tools,
    checked_bibliography,
    execution,
    read_sources,
    refusal,
    render_all,
    report_unresolved,
    todos_of,
)

PREVIEW_DIR = "preview"
PREVIEW_PDF = "preview.pdf"
NEWLABEL = re.compile(r"^\\newlabel\{(?P<label>[^}]*)\}(?P<value>\{.*\})\s*$", re.MULTILINE)
# Defined after the preview's own .aux was read, so a label the preview itself defines
# keeps the preview's value.
PREAMBLE = r"""```{=latex}
\makeatletter
\def\thesisfulllabel#1#2{\@ifundefined{r@#1}{\global\@namedef{r@#1}{#2}}{}}
%s
\makeatother
```"""


def preview_path(config: Config) -> Path:
    return build_dir(config) / PREVIEW_PDF


def build_preview(
    config: Config,
    paths: Sequence[Path],
    mode: Mode,
    output: Path,
    progress: Progress,
    verbose: bool = False,
    how: Execution | None = None,
) -> Path:
    """The chosen chapters → `output`, through build/preview/; references that do not
    resolve are warnings even with --final, as they may point at chapters left out. The
    chapters' code runs through the full build's execution cache; the full build's no-op
    record is left alone."""
    check_tools(config)
    job = preview_job(config, paths, mode, progress, how or execution(config))
    folder = job.manuscript.path.parent
    progress(
        f"pandoc: {config.relative(job.manuscript.path)} → {config.relative(folder)}/thesis.tex"
    )
    defaults = pandoc_defaults(job, folder)
    unresolved = run_pandoc(defaults, job, folder, progress if verbose else None)
    citations = dataclasses.replace(unresolved, references=())
    report_unresolved(citations, job.sources, mode, progress)
    # pandoc sees only these chapters: `@fig-x` of another one is a warning, even --final
    references = dataclasses.replace(unresolved, citations=())
    report_unresolved(references, job.sources, "draft", progress)
    copy_figures(build_dir(config) / "figures", folder / "figures")
    install(run_latex(job, folder, progress, verbose, DRAFT_TOLERATES), output)
    return output


def copy_figures(source: Path, target: Path) -> None:
    """The chapters' figures beside the preview's .tex: LaTeX's read policy refuses `../`."""
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def preview_job(
    config: Config, paths: Sequence[Path], mode: Mode, progress: Progress, how: Execution
) -> PdfJob:
    """Lint, render and assemble the chosen chapters into build/preview/thesis.md."""
    every = read_sources(config)
    chosen = choose(config, every, paths)
    findings = lint_chapters(chosen, config, strict=mode == "final")
    if mode == "final" and findings:
        raise BuildFailed(refusal(findings))
    main, back = numbered(config, every, chosen, progress, how)
    manuscript = assemble(config, main, back, build_dir(config) / PREVIEW_DIR)
    metadata = draft_metadata(config, todos_of(findings), chosen) if mode == "draft" else {}
    text = manuscript.path.read_text(encoding="utf-8")
    header = write_preamble(config, text, manuscript.path.parent)
    bibliography = checked_bibliography(config, mode, progress)
    return PdfJob(config, manuscript, tuple(chosen), metadata, header, bibliography)


def choose(
    config: Config, every: Sequence[ChapterSource], paths: Sequence[Path]
) -> list[ChapterSource]:
    """The sources of the given files, in thesis order; each must be a chapter or appendix
    of thesis.yaml."""
    by_path = {source.path.resolve(): source for source in every}
    wanted = {path.resolve() for path in paths}
    unknown = sorted(str(path) for path in wanted if path not in by_path)
    if unknown:
        known = ", ".join(source.display for source in every)
        raise ConfigError(
            f"{', '.join(unknown)}: not a chapter of thesis.yaml; preview one of: {known}"
        )
    return [source for source in every if source.path.resolve() in wanted]


def numbered(
    config: Config,
    every: Sequence[ChapterSource],
    chosen: Sequence[ChapterSource],
    progress: Progress,
    how: Execution,
) -> tuple[list[Chapter], list[Chapter]]:
    """Render the chosen chapters, each set to its number in the whole thesis, the first
    carrying the full build's labels."""
    split = len(config.chapters)
    numbers = {**chapter_numbers(every[:split]), **chapter_numbers(every[split:])}
    appendix = {source.path for source in every[split:]}
    rendered = render_all(config, chosen, progress, how)
    first = full_build_labels(build_dir(config) / LATEX_DIR / "thesis.aux")
    chapters = [
        with_prefix(chapter, numbers.get(chapter.source.path), first if index == 0 else "")
        for index, chapter in enumerate(rendered)
    ]
    main = [chapter for chapter in chapters if chapter.source.path not in appendix]
    back = [chapter for chapter in chapters if chapter.source.path in appendix]
    return main, back


def chapter_numbers(sources: Sequence[ChapterSource]) -> dict[Path, int]:
    """Numbered chapters count from 1; unnumbered ones (abstract, preface) have none."""
    numbers: dict[Path, int] = {}
    for source in sources:
        if not UNNUMBERED.search(first_heading(source)):
            numbers[source.path] = len(numbers) + 1
    return numbers


def first_heading(source: ChapterSource) -> str:
    lines = (
        line
        for cell in source.cells
        if cell.kind == "markdown"
        for line in cell.source.splitlines()
    )
    return next((line for line in lines if line.startswith("# ")), "")


def with_prefix(chapter: Chapter, number: int | None, labels: str) -> Chapter:
    counter = f"```{{=latex}}\n\\setcounter{{chapter}}{{{number - 1}}}\n```\n\n" if number else ""
    return dataclasses.replace(chapter, markdown=labels + counter + chapter.markdown)


def full_build_labels(aux: Path) -> str:
    """The labels of the last full build as a raw LaTeX block ("" before the first)."""
    text = aux.read_text(encoding="utf-8", errors="replace") if aux.is_file() else ""
    lines = [
        f"\\thesisfulllabel{{{match.group('label')}}}{match.group('value')}"
        for match in NEWLABEL.finditer(text)
    ]
    return PREAMBLE % "\n".join(lines) + "\n\n"
