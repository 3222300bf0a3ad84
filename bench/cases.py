"""The benchmarks of the main table: which commands each task times, thesisbuild's against
the same work done by hand with the tools it uses (jupytext, nbconvert, grep). The builds
(cold, no-op, edits) are paired in loop.py."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from commands import Tools
from diffcase import diff_cases
from projects import Stage, chapter_args, chapter_files, notebooks
from settings import Settings
from timing import Argv, Case, Row, time_cases

LINT_OK = frozenset({0, 1})  # 1 = the thesis has lint errors: a result, not a crash
CHECK_OK = frozenset({0, 1})  # 1 = a requirement fails: a result, not a crash


def nbconvert(tools: Tools, *options: str, files: Callable[[Path], list[str]] = notebooks) -> Argv:
    """`jupyter nbconvert OPTIONS --output-dir out FILES` for the chapters of a copy."""
    return lambda copy: [tools.jupyter, "nbconvert", *options, "--output-dir", "out", *files(copy)]


def by_hand(tools: Tools, script: Callable[[Path], str]) -> Argv:
    """`sh -c SCRIPT` in the copy: the chapters copied to hand/, made notebooks by the
    jupytext command line, then SCRIPT's steps there (the same parse thesisbuild does)."""
    prepare = (
        f"mkdir hand && cp thesis/*.md hand/ && cd hand && {tools.jupytext} --quiet --to ipynb *.md"
    )
    return lambda copy: ["sh", "-c", f"{prepare} && {script(copy)}"]


def lint_pattern(copy: Path) -> str:
    """What lint looks for, as one grep -iE pattern: todo marks and the discouraged forms
    of thesis.yaml's lint.terminology (a /form/ as written)."""
    data = yaml.safe_load((copy / "thesis.yaml").read_text(encoding="utf-8")) or {}
    rules = (data.get("lint") or {}).get("terminology") or {}
    forms = [form.strip("/") for forms in rules.values() for form in forms]
    return "|".join([r"\[todo", "TODO", "todo:", "☐", r"- \[ \]", *forms])


def lint_cases(tools: Tools, size: int) -> list[Case]:
    grep = by_hand(tools, lambda copy: f"grep -niE {shlex.quote(lint_pattern(copy))} *.ipynb")
    cases = [
        Case(
            "thesisbuild lint",
            "thesisbuild",
            lambda _: [tools.thesisbuild, "lint"],
            "thesisbuild",
            LINT_OK,
        ),
        Case("by hand: jupytext --to ipynb thesis/*.md, grep -niE todos|terms", "by hand", grep),
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


def with_code(copy: Path) -> set[str]:
    """The chapters (by stem) with a ```python cell: the ones that need a kernel."""
    return {p.stem for p in chapter_files(copy / "thesis") if "```python" in p.read_text("utf-8")}


def md_by_hand(tools: Tools) -> Argv:
    """jupytext, then nbconvert executing only the chapters with code (one kernel each, as
    thesisbuild starts them) and exporting the rest without a kernel."""

    def script(copy: Path) -> str:
        code = sorted(with_code(copy))
        prose = sorted(p.stem for p in chapter_files(copy / "thesis") if p.stem not in code)
        nbconvert = f"{tools.jupyter} nbconvert --log-level=ERROR --to markdown --output-dir out"
        steps = [f"{nbconvert} --execute {' '.join(f'{s}.ipynb' for s in code)}"] if code else []
        steps += [f"{nbconvert} {' '.join(f'{s}.ipynb' for s in prose)}"] if prose else []
        return " && ".join(steps)

    return by_hand(tools, script)


def md_cases(tools: Tools) -> list[Case]:
    return [
        Case("thesisbuild md", "thesisbuild", lambda _: [tools.thesisbuild, "md"], "thesisbuild"),
        Case(
            "by hand: jupytext --to ipynb, nbconvert --to markdown (--execute for the chapters "
            "with code: as many kernels)",
            "by hand",
            md_by_hand(tools),
        ),
    ]


def stats_cases(tools: Tools) -> list[Case]:
    """`stats` against counting words by hand: pandoc's plain text (the markdown read, code
    blocks and math still in) through `wc -w`, and `wc -w` on the files as they are."""
    plain = f"{shlex.quote(tools.pandoc)} --to plain thesis/*.md | wc -w"
    stats = [tools.thesisbuild, "stats"]
    return [
        Case("thesisbuild stats", "thesisbuild", lambda _: stats, "thesisbuild"),
        Case("by hand: pandoc --to plain thesis/*.md | wc -w", "pandoc+wc", lambda _: [
            "sh", "-c", plain]),
        Case("wc -w thesis/*.md (every word: code, math, markup)", "wc", lambda _: [
            "sh", "-c", "wc -w thesis/*.md"], "probe"),
        Case("thesisbuild stats, chapters parsed before (parse cache)", "thesisbuild",
             lambda _: stats, "probe", built=True),
    ]  # fmt: skip


def check_cases(tools: Tools) -> list[Case]:
    """`check` of the shipped thesis's PDF, built untimed into the copy first (a draft: the
    shipped thesis has open todos, which --final refuses; its margin notes then count as
    crossings, so exit 1 is a result), against what poppler reads of the same PDF."""
    return [
        Case("thesisbuild check build/thesis.pdf", "thesisbuild",
             lambda _: [tools.thesisbuild, "check"], "thesisbuild", CHECK_OK, built="pdf"),
        Case("by hand: pdffonts and pdftotext -bbox build/thesis.pdf (fonts, glyph boxes)",
             "poppler", lambda _: ["sh", "-c", "pdffonts build/thesis.pdf && "
                                   "pdftotext -bbox build/thesis.pdf /dev/null"], built="pdf"),
    ]  # fmt: skip


def bench(stage: Stage, settings: Settings) -> list[Row]:
    rows: list[Row] = []
    if "lint" in settings.only:
        for size in settings.sizes:
            rows += time_cases(stage, "lint", size, lint_cases(stage.tools, size), settings)
    if "md" in settings.only:
        for size in settings.md_sizes:
            rows += time_cases(stage, "md", size, md_cases(stage.tools), settings)
    if "stats" in settings.only:
        rows += time_cases(stage, "stats", 1, stats_cases(stage.tools), settings)
    if "diff" in settings.only:
        rows += time_cases(stage, "diff", 1, diff_cases(stage.tools), settings)
    if "check" in settings.only:
        rows += time_cases(stage, "check", 1, check_cases(stage.tools), settings)
    return rows
