"""The benchmarks: which commands each task times, thesisbuild's against the alternatives',
and the pdf build that edits a chapter between two timed runs."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from commands import OK, Outcome, Tools, timed
from projects import Stage, built_chapters, chapter_args, chapter_files, notebooks
from settings import Settings
from timing import Argv, Case, Row, repeat, time_cases

LINT_OK = frozenset({0, 1})  # 1 = the thesis has lint errors: a result, not a crash
SENTENCE = "\nDiesen Satz hat der Benchmark angehängt.\n"


def nbconvert(tools: Tools, *options: str, files: Callable[[Path], list[str]] = notebooks) -> Argv:
    """`jupyter nbconvert OPTIONS --output-dir out FILES` for the chapters of a copy."""
    return lambda copy: [tools.jupyter, "nbconvert", *options, "--output-dir", "out", *files(copy)]


def lint_cases(tools: Tools, size: int) -> list[Case]:
    cases = [
        Case(
            "thesisbuild lint",
            "thesisbuild",
            lambda _: [tools.thesisbuild, "lint"],
            "thesisbuild",
            LINT_OK,
        ),
        Case(
            "jupyter nbconvert --to markdown nb/*.ipynb",
            "nbconvert",
            nbconvert(tools, "--to", "markdown"),
        ),
    ]
    return cases + (startup_probes(tools) if size == 1 else [])


def startup_probes(tools: Tools) -> list[Case]:
    """Where the time of a lint goes before it reads a chapter, and nbconvert on the .md."""
    return [
        Case(
            "thesisbuild lint, chapters unchanged since the last run (parse cache)",
            "thesisbuild",
            lambda _: [tools.thesisbuild, "lint"],
            "probe",
            LINT_OK,
            built=True,
        ),
        Case(
            "python -c pass (interpreter start)",
            "python",
            lambda _: [sys.executable, "-c", "pass"],
            "probe",
        ),
        Case(
            "python -c 'import thesisbuild.cli.main' (start + imports)",
            "python",
            lambda _: [sys.executable, "-c", "import thesisbuild.cli.main"],
            "probe",
        ),
        Case(
            "jupyter nbconvert --to markdown thesis/*.md (the .md as they are)",
            "nbconvert",
            nbconvert(tools, "--to", "markdown", files=chapter_args),
            "probe",
            runs=1,
        ),
    ]


def md_cases(tools: Tools) -> list[Case]:
    return [
        Case("thesisbuild md", "thesisbuild", lambda _: [tools.thesisbuild, "md"], "thesisbuild"),
        Case(
            "jupyter nbconvert --to markdown --execute nb/*.ipynb",
            "nbconvert",
            nbconvert(tools, "--to", "markdown", "--execute"),
        ),
    ]


def pdf_builds(stage: Stage, settings: Settings) -> list[Row]:
    """A full build in a fresh copy, then a sentence appended to its last chapter and the
    rebuild timed in the same copy."""
    thesisbuild = stage.tools.thesisbuild

    def measure() -> tuple[Outcome, ...]:
        with stage.fresh(1) as copy:
            full = timed([thesisbuild, "pdf"], copy, stage.tools.env, OK)
            if full.error:
                return full, Outcome(0.0, "not run: the full build failed")
            with chapter_files(copy / "thesis")[-1].open("a", encoding="utf-8") as chapter:
                chapter.write(SENTENCE)
            return full, timed([thesisbuild, "pdf"], copy, stage.tools.env, OK)

    series = repeat(measure, 2, settings.runs, settings.budget, "pdf ×1 thesisbuild pdf")
    capped = len(series[0]) < settings.runs and not any(o.error for o in series[1])
    commands = (
        "thesisbuild pdf (full build)",
        "thesisbuild pdf (rebuild after editing one chapter)",
    )
    return [
        Row("pdf", 1, stage.chapters(1), command, "thesisbuild", "thesisbuild", outcomes, capped)
        for command, outcomes in zip(commands, series, strict=True)
    ]


def pandoc_cases(tools: Tools, bare_failed: bool) -> list[Case]:
    pandoc = tools.pandoc
    engine = "--pdf-engine=xelatex"
    bare = Case(
        "pandoc thesis.md -o x.pdf --pdf-engine=xelatex (in build/)",
        "pandoc",
        lambda _: [pandoc, "thesis.md", "-o", "x.pdf", engine],
        cwd="build",
        built=True,
    )
    chapters = Case(
        "pandoc chapters/*.md -o x.pdf --pdf-engine=xelatex (in build/)",
        "pandoc",
        lambda copy: [pandoc, *built_chapters(copy), "-o", "x.pdf", engine],
        cwd="build",
        built=True,
    )
    return [chapters] if bare_failed else [bare]


def nbconvert_pdf_cases(tools: Tools) -> list[Case]:
    """nbconvert needs a `pandoc` on PATH, which pypandoc-binary does not put there."""

    def case(label: str, env: dict[str, str], runs: int | None = None) -> Case:
        return Case(
            f"jupyter nbconvert --to pdf nb/*.ipynb{label}",
            "nbconvert",
            nbconvert(tools, "--to", "pdf"),
            env=env,
            runs=runs,
        )

    if shutil.which("pandoc", path=tools.env["PATH"]):
        return [case("", tools.env)]
    path = os.pathsep.join([str(Path(tools.pandoc).parent), tools.env["PATH"]])
    return [
        case(" (no pandoc on PATH)", tools.env, runs=1),
        case(" (pypandoc's pandoc on PATH)", {**tools.env, "PATH": path}),
    ]


def bench_pdf(stage: Stage, settings: Settings) -> list[Row]:
    rows = pdf_builds(stage, settings)
    [bare] = time_cases(stage, "pdf", 1, pandoc_cases(stage.tools, bare_failed=False), settings)
    rows.append(bare)
    if bare.error:
        rows += time_cases(stage, "pdf", 1, pandoc_cases(stage.tools, bare_failed=True), settings)
    return rows + time_cases(stage, "pdf", 1, nbconvert_pdf_cases(stage.tools), settings)


def bench(stage: Stage, settings: Settings) -> list[Row]:
    rows: list[Row] = []
    if "lint" in settings.only:
        for size in settings.sizes:
            rows += time_cases(stage, "lint", size, lint_cases(stage.tools, size), settings)
    if "md" in settings.only:
        for size in settings.md_sizes:
            rows += time_cases(stage, "md", size, md_cases(stage.tools), settings)
    if "pdf" in settings.only:
        rows += bench_pdf(stage, settings)
    return rows
