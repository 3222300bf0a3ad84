"""Time thesisbuild against the plain tools it replaces, and write bench/README.md.

    python bench/run.py [--runs N] [--sizes 1,10,100] [--md-sizes 1,10] [--only lint,md,pdf]
                        [--budget SECONDS] [--readme PATH]

Every command runs as a subprocess (process start included) in a fresh temporary copy of
the project (thesis/, thesis.yaml, bibliography.bib, templates/), so the repository's build/
stays untouched. Size N is the shipped thesis with its chapters repeated N times: copies of
thesis/*.md named `<chapter>-rNN.md`. The alternatives are `jupyter nbconvert` (on the
chapters converted to .ipynb by jupytext beforehand, untimed: nbconvert cannot read jupytext
markdown, a probe row shows it) and a bare `pandoc` (the one pypandoc-binary ships).

Each case reports the median of at most --runs runs; fewer when one more would take the case
past --budget seconds, and one when it fails (a failure repeats identically). A full run
(no --only) writes bench/README.md; with --only it prints only, unless --readme is given.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from typing import Literal

import yaml

REPO = Path(__file__).resolve().parent.parent
README = REPO / "bench" / "README.md"
PROJECT_FILES = ("thesis", "thesis.yaml", "bibliography.bib", "templates")
CHAPTER_SUFFIXES = (".md", ".ipynb", ".py")  # what thesisbuild takes from thesis/
NOTEBOOKS = "nb"  # the chapters as .ipynb for nbconvert; outside thesis/, so thesisbuild skips it
BIN = Path(sys.executable).parent  # the venv's bin: thesisbuild, jupyter, jupytext
TASKS = ("lint", "md", "pdf")
OK = frozenset({0})
LINT_OK = frozenset({0, 1})  # 1 = the thesis has lint errors: a result, not a crash
LINT_TARGET_SECONDS = 0.5
LINEAR_TOLERANCE = 1.5  # the cost of one more chapter may grow this much and still be linear
SENTENCE = "\nDiesen Satz hat der Benchmark angehängt.\n"
MAX_ERROR = 150
LINT_TARGET = (
    f"`thesisbuild lint` of the shipped thesis < {LINT_TARGET_SECONDS} s, process start included"
)
LINEAR_TARGET = "`thesisbuild lint` grows linearly: each added chapter costs about the same"
COLUMNS = "task|size|chapters|command|runs|median s|ms/chapter|thesisbuild ÷ alternative|result"

Role = Literal["thesisbuild", "alternative", "probe"]
Argv = Callable[[Path], list[str]]


class SetupFailed(Exception):
    """An untimed preparation step (jupytext, thesisbuild md) failed."""


@dataclass(frozen=True)
class Settings:
    runs: int
    budget: float
    sizes: tuple[int, ...]
    md_sizes: tuple[int, ...]
    only: tuple[str, ...]
    readme: Path | None


@dataclass(frozen=True)
class Tools:
    thesisbuild: str
    jupyter: str
    jupytext: str
    pandoc: str
    env: dict[str, str]  # PATH with the venv's bin first


@dataclass(frozen=True)
class Outcome:
    seconds: float
    error: str | None = None  # the first error line of a failed run
    note: str | None = None  # what a successful run warned about, e.g. missing glyphs


@dataclass(frozen=True)
class Case:
    """One command to time; argv gets the fresh copy it runs in."""

    command: str  # as the table shows it
    tool: str  # short name, for the ratio column
    argv: Argv
    role: Role = "alternative"
    ok: frozenset[int] = OK
    cwd: str = "."  # inside the copy
    built: bool = False  # the copy holds build/ from an untimed `thesisbuild md`
    env: dict[str, str] | None = None
    runs: int | None = None  # at most this many, whatever --runs says


@dataclass(frozen=True)
class Row:
    task: str
    size: int
    chapters: int
    command: str
    tool: str
    role: Role
    outcomes: tuple[Outcome, ...]
    capped: bool = False  # fewer runs than --runs asked for

    @property
    def error(self) -> str | None:
        return next((outcome.error for outcome in self.outcomes if outcome.error), None)

    @property
    def note(self) -> str | None:
        return next((outcome.note for outcome in self.outcomes if outcome.note), None)

    @property
    def median(self) -> float:
        return statistics.median(outcome.seconds for outcome in self.outcomes)


Measure = Callable[[], tuple[Outcome, ...]]


# --- running commands -------------------------------------------------------------------


def timed(argv: Sequence[str], cwd: Path, env: dict[str, str], ok: frozenset[int]) -> Outcome:
    start = time.perf_counter()
    done = run(argv, cwd, env)
    seconds = time.perf_counter() - start
    if done.returncode in ok:
        return Outcome(seconds, note=glyph_warnings(done.stderr + done.stdout))
    return Outcome(seconds, f"exit {done.returncode}: {first_error(done.stderr + done.stdout)}")


def untimed(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> None:
    done = run(argv, cwd, env)
    if done.returncode != 0:
        raise SetupFailed(f"{Path(argv[0]).name}: {first_error(done.stderr + done.stdout)}")


def run(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,  # a TeX error prompt reads EOF and stops
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )


LATEX_ERROR = re.compile(r"^! .*$", re.MULTILINE)
LATEX_LINE = re.compile(r"^l\.\d+ .*$", re.MULTILINE)
EXCEPTION = re.compile(r"^(?:\w+\.)*\w*(?:Error|Exception|Missing|Failed)\b:.*$", re.MULTILINE)
MISSING_GLYPH = re.compile(r"Missing character: There is no (\S+)")
CONVERTING = re.compile(r"Converting notebook (\S+)")  # nbconvert stops at the first failure


def first_error(log: str) -> str:
    """The LaTeX error with its input line, else the last Python exception, else the
    first line that mentions an error, else the last line; the notebook nbconvert was
    converting in front."""
    message = latex_error(log) or last_exception(log) or error_line(log) or last_line(log)
    converting = CONVERTING.findall(log)
    return shorten(f"{converting[-1]}: {message}" if converting else message)


def glyph_warnings(log: str) -> str | None:
    """XeTeX drops a character its font lacks, with a warning: the PDF is missing text."""
    missing = sorted(set(MISSING_GLYPH.findall(log)))
    return (
        f"{len(missing)} characters missing from the font: {' '.join(missing)}" if missing else None
    )


def latex_error(log: str) -> str | None:
    error = LATEX_ERROR.search(log)
    if error is None:
        return None
    line = LATEX_LINE.search(log, error.end())
    return f"{error.group(0)} {line.group(0)}" if line else error.group(0)


def last_exception(log: str) -> str | None:
    found = EXCEPTION.findall(log)
    return str(found[-1]) if found else None


def error_line(log: str) -> str | None:
    return next((line for line in log.splitlines() if "error" in line.lower()), None)


def last_line(log: str) -> str:
    lines = [line for line in log.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"


# --- the projects to run in -------------------------------------------------------------


def chapter_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in CHAPTER_SUFFIXES and p.is_file())


def make_project(dest: Path, size: int) -> None:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    register(dest / "thesis.yaml", multiply(dest / "thesis", size))


def multiply(folder: Path, size: int) -> list[Path]:
    """Copies of every chapter, size - 1 of each: 03-grundlagen-r07.md and so on."""
    originals = chapter_files(folder)
    width = len(str(size - 1))
    copies = []
    for repeat in range(1, size):
        for chapter in originals:
            copy = chapter.with_name(f"{chapter.stem}-r{repeat:0{width}d}{chapter.suffix}")
            shutil.copy2(chapter, copy)
            copies.append(copy)
    return copies


def register(config: Path, copies: list[Path]) -> None:
    """Without `chapters:` thesisbuild takes thesis/ sorted; with it, list the copies too."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    if not copies or "chapters" not in data:
        return
    data["chapters"] = [*data["chapters"], *(f"thesis/{copy.name}" for copy in copies)]
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def make_notebooks(dest: Path, tools: Tools) -> None:
    """nb/: the chapters as .ipynb (jupytext), for nbconvert."""
    folder = dest / NOTEBOOKS
    folder.mkdir()
    for chapter in chapter_files(dest / "thesis"):
        shutil.copy2(chapter, folder / chapter.name)
    texts = [p.name for p in chapter_files(folder) if p.suffix != ".ipynb"]
    if texts:
        untimed([tools.jupytext, "--to", "ipynb", *texts], folder, tools.env)
    for name in texts:
        (folder / name).unlink()


def notebooks(copy: Path) -> list[str]:
    return [f"{NOTEBOOKS}/{path.name}" for path in sorted((copy / NOTEBOOKS).glob("*.ipynb"))]


def chapter_args(copy: Path) -> list[str]:
    return [f"thesis/{path.name}" for path in chapter_files(copy / "thesis")]


def built_chapters(copy: Path) -> list[str]:
    return [f"chapters/{path.name}" for path in sorted((copy / "build/chapters").glob("*.md"))]


class Stage:
    """One pristine project per size (and one with an untimed `thesisbuild md` done), made
    once in a scratch folder and copied afresh for every timed run."""

    def __init__(self, scratch: Path, tools: Tools) -> None:
        self.scratch = scratch
        self.tools = tools
        self._pristine: dict[tuple[int, bool], Path] = {}

    def chapters(self, size: int) -> int:
        return len(chapter_files(self.pristine(size) / "thesis"))

    def pristine(self, size: int, built: bool = False) -> Path:
        key = (size, built)
        if key not in self._pristine:
            self._pristine[key] = self._make(size, built)
        return self._pristine[key]

    def _make(self, size: int, built: bool) -> Path:
        dest = self.scratch / f"size-{size}{'-built' if built else ''}"
        if built:
            shutil.copytree(self.pristine(size), dest, symlinks=True)
            untimed([self.tools.thesisbuild, "md", "--quiet"], dest, self.tools.env)
        else:
            make_project(dest, size)
            make_notebooks(dest, self.tools)
        return dest

    @contextmanager
    def fresh(self, size: int, built: bool = False) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="thesisbench-run-") as scratch:
            copy = Path(scratch) / "project"
            shutil.copytree(self.pristine(size, built), copy, symlinks=True)
            yield copy


# --- measuring --------------------------------------------------------------------------


def repeat(
    measure: Measure, width: int, runs: int, budget: float, label: str
) -> list[tuple[Outcome, ...]]:
    """Up to `runs` rounds of `measure`; one series of outcomes per row it times."""
    rounds: list[tuple[Outcome, ...]] = []
    while len(rounds) < runs and within_budget(rounds, budget):
        try:
            outcomes = measure()
        except SetupFailed as failure:
            outcomes = tuple(Outcome(0.0, f"setup failed: {failure}") for _ in range(width))
        rounds.append(outcomes)
        seconds = ", ".join(f"{o.seconds:.2f} s" + (" FAILED" if o.error else "") for o in outcomes)
        print(f"  {label}: run {len(rounds)}: {seconds}", file=sys.stderr, flush=True)
        if any(outcome.error for outcome in outcomes):
            break
    return [tuple(series) for series in zip(*rounds, strict=True)]


def within_budget(rounds: list[tuple[Outcome, ...]], budget: float) -> bool:
    """Would one more round, as long as the ones so far, stay within the budget?"""
    if not rounds:
        return True
    spent = sum(outcome.seconds for outcomes in rounds for outcome in outcomes)
    return spent / len(rounds) * (len(rounds) + 1) <= budget


def measure_case(stage: Stage, size: int, case: Case) -> Measure:
    def measure() -> tuple[Outcome, ...]:
        with stage.fresh(size, case.built) as copy:
            env = case.env or stage.tools.env
            return (timed(case.argv(copy), copy / case.cwd, env, case.ok),)

    return measure


def time_case(stage: Stage, task: str, size: int, case: Case, settings: Settings) -> Row:
    runs = min(settings.runs, case.runs or settings.runs)
    label = f"{task} ×{size} {case.command}"
    [outcomes] = repeat(measure_case(stage, size, case), 1, runs, settings.budget, label)
    capped = len(outcomes) < settings.runs and not any(o.error for o in outcomes)
    chapters = stage.chapters(size)
    return Row(task, size, chapters, case.command, case.tool, case.role, outcomes, capped)


def time_cases(
    stage: Stage, task: str, size: int, cases: list[Case], settings: Settings
) -> list[Row]:
    return [time_case(stage, task, size, case, settings) for case in cases]


# --- the benchmarks ---------------------------------------------------------------------


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
            "python -c 'import thesisbuild.cli' (start + imports)",
            "python",
            lambda _: [sys.executable, "-c", "import thesisbuild.cli"],
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


# --- reporting --------------------------------------------------------------------------


@dataclass
class Report:
    rows: list[Row]
    settings: Settings

    def reference(self, row: Row) -> Row | None:
        """The first alternative of the same task and size that succeeded."""
        return next(
            (
                other
                for other in self.rows
                if (other.task, other.size) == (row.task, row.size)
                and other.role == "alternative"
                and not other.error
            ),
            None,
        )

    def ratio(self, row: Row) -> str:
        reference = self.reference(row) if row.role == "thesisbuild" and not row.error else None
        if reference is None:
            return ""
        return f"{row.median / reference.median:.2f}× {reference.tool}"

    def runs(self, row: Row) -> str:
        count = str(len(row.outcomes))
        if row.error:
            return f"{count} (failed)"
        return f"{count} (budget)" if row.capped else count

    def cells(self, row: Row) -> list[str]:
        per_chapter = "" if row.role == "probe" else f"{row.median * 1000 / row.chapters:.1f}"
        result = f"**failed**: `{cell_text(row.error)}`" if row.error else "ok"
        result += f" ({cell_text(row.note)})" if row.note else ""
        size = [row.task, f"×{row.size}", str(row.chapters), f"`{cell_text(row.command)}`"]
        return [*size, self.runs(row), f"{row.median:.2f}", per_chapter, self.ratio(row), result]

    def table(self) -> str:
        header = COLUMNS.split("|")
        lines = [markdown_row(header), markdown_row(["---"] * len(header))]
        return "\n".join(lines + [markdown_row(self.cells(row)) for row in self.rows])

    def growth(self) -> list[str]:
        """Per command run at several sizes: the time each added chapter costs."""
        by_command: dict[tuple[str, str], list[Row]] = {}
        for row in self.rows:
            if row.role != "probe" and not row.error:
                by_command.setdefault((row.task, row.command), []).append(row)
        return [
            growth_line(command, rows) for (_, command), rows in by_command.items() if len(rows) > 1
        ]

    def targets(self) -> list[str]:
        """Lint of the shipped thesis under LINT_TARGET_SECONDS; lint growing linearly."""
        lint = [r for r in self.rows if (r.task, r.role) == ("lint", "thesisbuild") and not r.error]
        shipped = [row for row in lint if row.size == 1]
        lines = []
        if shipped:
            seconds = shipped[0].median
            verdict = "met" if seconds < LINT_TARGET_SECONDS else "**missed**"
            lines.append(f"- {LINT_TARGET}: {verdict} ({seconds:.2f} s)")
        if len(lint) > 2:
            verdict = "met" if is_linear(lint) else "**missed**"
            lines.append(f"- {LINEAR_TARGET}: {verdict} (see Growth)")
        return lines


def markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def cell_text(text: str) -> str:
    return text.replace("`", "'").replace("|", "\\|")


def marginal_costs(rows: Sequence[Row]) -> list[float]:
    """Seconds per added chapter between consecutive sizes."""
    ordered = sorted(rows, key=lambda row: row.chapters)
    return [(b.median - a.median) / (b.chapters - a.chapters) for a, b in pairwise(ordered)]


def is_linear(rows: Sequence[Row]) -> bool:
    costs = marginal_costs(rows)
    return len(costs) < 2 or costs[-1] <= LINEAR_TOLERANCE * max(costs[0], 1e-9)


def growth_line(command: str, rows: Sequence[Row]) -> str:
    ordered = sorted(rows, key=lambda row: row.chapters)
    steps = ", ".join(
        f"{a.chapters} → {b.chapters} chapters: +{cost * 1000:.1f} ms/chapter"
        for (a, b), cost in zip(pairwise(ordered), marginal_costs(ordered), strict=True)
    )
    verdict = ""
    if len(ordered) > 2:
        costs = marginal_costs(ordered)
        ratio = costs[-1] / costs[0] if costs[0] > 0 else float("inf")
        kind = "linear" if is_linear(ordered) else "**faster than linear growth**"
        verdict = f" — {kind} (last step ÷ first step = {ratio:.2f}; linear ≤ {LINEAR_TOLERANCE})"
    return f"- `{command}`: {steps}{verdict}"


# --- the machine ------------------------------------------------------------------------


def first_line(argv: Sequence[str], pattern: str = r".+") -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    except OSError:
        return "not found"
    found = re.search(pattern, done.stdout + done.stderr)
    return found.group(0).strip() if found else "unknown"


def machine(tools: Tools) -> list[tuple[str, str]]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    commit = first_line(["git", "-C", str(REPO), "describe", "--always", "--dirty"])
    return [
        ("started", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("cores (nproc)", str(cores)),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("pandoc", f"{first_line([tools.pandoc, '--version'])} (pypandoc-binary)"),
        ("TeX Live", first_line(["xelatex", "--version"])),
        ("latexmk", first_line(["latexmk", "--version"], r"Version \S+")),
        ("thesisbuild", f"{metadata.version('thesisbuild')}, repository at {commit}"),
        ("bytecode cache", "on (PYTHONDONTWRITEBYTECODE dropped for the timed commands)"),
    ]


def render(report: Report, machine: list[tuple[str, str]]) -> str:
    """bench/README.md."""
    facts = "\n".join(f"| {name} | {value} |" for name, value in machine)
    targets = "\n".join(report.targets()) or "- (lint was not run at sizes 1, 10 and 100)"
    growth = "\n".join(report.growth()) or "- (no command was run at two sizes or more)"
    return README_TEXT.format(
        runs=report.settings.runs,
        budget=f"{report.settings.budget:g}",
        facts=facts,
        table=report.table(),
        targets=targets,
        growth=growth,
    )


README_TEXT = """\
# Benchmarks

`python bench/run.py` (or `make bench`) times `thesisbuild` against the plain tools it replaces
and rewrites this file. Options: `--runs N` (default 5), `--sizes 1,10,100` (lint),
`--md-sizes 1,10` (md; 100 takes many minutes), `--only lint,md,pdf`, `--budget SECONDS`
(default 120 per case), `--readme PATH`.

## Targets

{targets}

## Results

Median of up to {runs} runs; "(budget)" marks a case cut short because one more run would
have taken it past {budget} s, "(failed)" one that failed (run once: a failure repeats).

{table}

### Growth

{growth}

## How it is measured

- Every command is a subprocess, process start included, in a fresh temporary copy of
  thesis/, thesis.yaml, bibliography.bib and templates/; the repository's build/ is untouched.
- Size ×N: the shipped thesis plus N − 1 copies of each chapter (`03-grundlagen-r07.md`).
- `thesisbuild lint` exits 1 on the shipped thesis (its terminology errors): counted as ok.
- nbconvert cannot read jupytext markdown notebooks (the probe row running it on
  thesis/*.md); its rows run on the chapters converted by `jupytext --to ipynb`
  beforehand (untimed), and it starts one kernel per notebook with `--execute`.
- pdf: "full build" is the first `thesisbuild pdf` in a fresh copy (execute, export, pandoc,
  latexmk); "rebuild" appends a sentence to the last chapter of that copy and builds again.
  The pandoc rows run the pandoc of pypandoc-binary with its default template on the
  markdown of an untimed `thesisbuild md`: on build/thesis.md, which carries the raw LaTeX
  of thesisbuild's template, and, when that fails, on build/chapters/*.md.
- `ms/chapter` is the median divided by the chapters; "growth" gives the cost of each
  added chapter between two sizes, so the fixed cost (process start, imports) drops out.

## Machine

| what | value |
| --- | --- |
{facts}
"""


# --- command line -----------------------------------------------------------------------


def numbers(text: str) -> tuple[int, ...]:
    values = tuple(int(part) for part in text.split(",") if part.strip())
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected positive numbers like 1,10,100, not {text!r}")
    return values


def tasks(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(TASKS))
    if not chosen or unknown:
        raise argparse.ArgumentTypeError(f"expected some of {','.join(TASKS)}, not {text!r}")
    return chosen


def parse(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median; default 5)")
    parser.add_argument("--sizes", type=numbers, default=(1, 10, 100), help="lint sizes")
    parser.add_argument("--md-sizes", type=numbers, default=(1, 10), help="md sizes")
    parser.add_argument("--only", type=tasks, default=None, help="some of lint,md,pdf")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--readme", type=Path, default=None, help="write the report here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    readme = args.readme or (README if args.only is None else None)
    return Settings(args.runs, args.budget, args.sizes, args.md_sizes, args.only or TASKS, readme)


def find_tools() -> Tools:
    import pypandoc

    path = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])

    def need(name: str) -> str:
        found = shutil.which(name, path=path)
        if found is None:
            raise SystemExit(f"bench: {name} is not installed (looked in {path})")
        return found

    # Users' Pythons cache bytecode; a workplace that turns it off would time compiling.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {**inherited, "PATH": path}
    pandoc = str(pypandoc.get_pandoc_path())
    return Tools(need("thesisbuild"), need("jupyter"), need("jupytext"), pandoc, env)


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse(argv)
    tools = find_tools()
    facts = machine(tools)  # before: the repository may change while the benchmark runs
    with tempfile.TemporaryDirectory(prefix="thesisbench-stage-") as scratch:
        rows = bench(Stage(Path(scratch), tools), settings)
    report = Report(rows, settings)
    print(report.table())
    print()
    print("\n".join(report.targets() + report.growth()))
    if settings.readme is not None:
        settings.readme.write_text(render(report, facts), encoding="utf-8")
        print(f"\nwritten: {settings.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
