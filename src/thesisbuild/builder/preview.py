"""What makes a chapter preview (`thesisbuild pdf CHAPTER…`) differ from the whole thesis:
only those chapters, built in build/preview/ so the full build's files and
build/thesis.pdf stay as they are. Chapters keep the numbers they have in the thesis, and
references to the other chapters resolve from the last full build's labels (without one
they print as ??). The pipeline builds it like the thesis."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from ..config.model import Config
from ..core.errors import ConfigError
from ..core.paths import BuildPaths
from ..manuscript.assemble import UNNUMBERED
from ..notebook.export import Chapter
from ..sources.chapter import ChapterSource

NEWLABEL = re.compile(r"^\\newlabel\{(?P<label>[^}]*)\}(?P<value>\{.*\})\s*$", re.MULTILINE)
# Defined after the preview's own .aux was read, so a label the preview itself defines
# keeps the preview's value.
PREAMBLE = r"""```{=latex}
\makeatletter
\def\thesisfulllabel#1#2{\@ifundefined{r@#1}{\global\@namedef{r@#1}{#2}}{}}
%s
\makeatother
```"""


def copy_figures(source: Path, target: Path) -> None:
    """The chapters' figures beside the preview's .tex: LaTeX's read policy refuses `../`."""
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


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
    rendered: Sequence[Chapter],
    paths: BuildPaths,
) -> tuple[list[Chapter], list[Chapter]]:
    """The rendered chapters, each set to its number in the whole thesis, the first
    carrying the full build's labels; split into main matter and appendix."""
    split = len(config.chapters)
    numbers = {**chapter_numbers(every[:split]), **chapter_numbers(every[split:])}
    appendix = {source.path for source in every[split:]}
    first = full_build_labels(paths.whole().latex / "thesis.aux")
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
