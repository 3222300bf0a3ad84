"""The daily loop: a cold `thesisbuild pdf`, a no-op rebuild, a rebuild after a one-paragraph
prose edit and one after a code edit, each set against, in the same round:

- one XeLaTeX pass on the same build/thesis.tex, with the .aux thesisbuild left (copied to
  build/latex-pass/ first, untimed);
- the same work by hand: the chapters thesisbuild reads anew in the step made notebooks
  by jupytext and exported by nbconvert (those with code executed), then
  `pandoc --defaults build/pandoc.yaml` and the latexmk command thesisbuild runs, starting
  from the LaTeX state build/latex/ had before the step and from the build/thesis.md
  thesisbuild made.
"""

from __future__ import annotations

import re
import shlex
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from commands import OK, Outcome, Tools, first_error, run, timed
from projects import Stage, chapter_files
from timing import repeat

from thesisbuild.core.paths import BuildPaths
from thesisbuild.latex.run import LOG_ENVIRONMENT, latexmk_argv
from thesisbuild.latex.sandbox import confined

STEPS = ("cold", "no-op", "prose edit", "code edit")
NOOP_TARGET_SECONDS = 0.15
PROSE_TARGET_RATIO = 1.1
COLD_TARGET_RATIO = 1.1  # thesisbuild's cold build ÷ the same work by hand
FLOOR = [sys.executable, "-c", "pass"]  # a no-op by hand is nothing to run: the floor
SENTENCE = " Diesen Satz hat der Benchmark in den Absatz eingefügt."
CODE_LINE = "# Diese Zeile hat der Benchmark eingefügt."
LATEXMK = latexmk_argv(
    BuildPaths.of(Path(".")), "xelatex", draft=True
)  # the command thesisbuild runs for a draft
PROSE_LINE = re.compile(r"^[A-ZÄÖÜa-zäöü].{60,}[.!?]$")
PASSES = re.compile(r"LaTeX pass \d+ \(xelatex\)|Run number \d+ of rule '\w*latex'")
UP_TO_DATE = "up to date"


@dataclass(frozen=True)
class Step:
    """One step of one round: thesisbuild, the same work by hand, one XeLaTeX pass."""

    thesisbuild: Outcome
    by_hand: Outcome
    one_pass: Outcome


def edit_prose(copy: Path) -> list[Path]:
    """Append a sentence to the first plain paragraph line from the middle chapter on."""
    chapters = chapter_files(copy / "thesis")
    middle = len(chapters) // 2
    for chapter in chapters[middle:] + chapters[:middle]:
        lines = chapter.read_text(encoding="utf-8").split("\n")
        found = next((i for i, line in enumerate(lines) if PROSE_LINE.match(line)), None)
        if found is not None:
            lines[found] += SENTENCE
            chapter.write_text("\n".join(lines), encoding="utf-8")
            return [chapter]
    raise SystemExit("bench: no chapter has a paragraph to edit")


def edit_code(copy: Path) -> list[Path]:
    """Add a comment line to the first code cell, after its `#|` options: it runs again."""
    for chapter in chapter_files(copy / "thesis"):
        lines = chapter.read_text(encoding="utf-8").split("\n")
        fence = next((i for i, line in enumerate(lines) if line.startswith("```python")), None)
        if fence is not None:
            body = fence + 1
            while lines[body].startswith("#|"):
                body += 1
            lines.insert(body, CODE_LINE)
            chapter.write_text("\n".join(lines), encoding="utf-8")
            return [chapter]
    raise SystemExit("bench: no chapter has a ```python cell to edit")


# Each step's edit; it returns the chapters thesisbuild reads anew (cold: all of them).
EDITS: dict[str, Callable[[Path], list[Path]]] = {
    "cold": lambda copy: chapter_files(copy / "thesis"),
    "no-op": lambda copy: [],
    "prose edit": edit_prose,
    "code edit": edit_code,
}


def by_hand(copy: Path, before: Path | None, chapters: list[Path], tools: Tools) -> Outcome:
    """The chapters read anew through jupytext and nbconvert, then pandoc + latexmk from
    the LaTeX state `before` (none: cold) on thesisbuild's new thesis.md; thesisbuild's own
    build/ is put back afterwards."""
    notebooks = notebooks_by_hand(copy, chapters, tools)
    build, kept = copy / "build", copy / "kept-build"
    shutil.copytree(build, kept, symlinks=True)
    shutil.rmtree(build / "latex", ignore_errors=True)
    if before is not None:
        shutil.copytree(before, build / "latex")
    env = latex_env(copy, tools)
    pandoc = timed([tools.pandoc, "--defaults", "build/pandoc.yaml"], copy, env, OK)
    latexmk = timed_build(LATEXMK, build, env)
    shutil.rmtree(build)
    kept.rename(build)
    seconds = notebooks.seconds + pandoc.seconds + latexmk.seconds
    return Outcome(seconds, notebooks.error or pandoc.error or latexmk.error, latexmk.note)


def notebooks_by_hand(copy: Path, chapters: list[Path], tools: Tools) -> Outcome:
    """What thesisbuild does before pandoc, with the command-line tools: the chapters made
    notebooks (jupytext) and exported (nbconvert), those with code executed, one kernel
    each. Their markdown is not used: pandoc reads thesisbuild's thesis.md."""
    if not chapters:
        return Outcome(0.0)
    hand = copy / "hand"
    shutil.rmtree(hand, ignore_errors=True)
    hand.mkdir()
    for chapter in chapters:
        shutil.copy2(chapter, hand / chapter.name)
    code = [c.stem for c in chapters if "```python" in c.read_text(encoding="utf-8")]
    prose = [c.stem for c in chapters if c.stem not in code]
    nbconvert = f"{tools.jupyter} nbconvert --log-level=ERROR --to markdown --output-dir out"
    steps = [f"{tools.jupytext} --quiet --to ipynb {names(chapters, '.md')}"]
    steps += [f"{nbconvert} --execute {names(code, '.ipynb')}"] if code else []
    steps += [f"{nbconvert} {names(prose, '.ipynb')}"] if prose else []
    outcome = timed(["sh", "-c", " && ".join(steps)], hand, tools.env, OK)
    shutil.rmtree(hand)
    return outcome


def names(chapters: list[Path] | list[str], suffix: str) -> str:
    return " ".join(shlex.quote(Path(str(c)).stem + suffix) for c in chapters)


def latex_env(copy: Path, tools: Tools) -> dict[str, str]:
    """The environment thesisbuild runs LaTeX in: unwrapped log lines, the read policy."""
    return {**tools.env, **LOG_ENVIRONMENT, **confined(copy)}


def timed_build(argv: list[str], cwd: Path, env: dict[str, str]) -> Outcome:
    """Time a build; its note says how many LaTeX passes ran (or that it was up to date)."""
    start = time.perf_counter()
    done = run(argv, cwd, env)
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    if done.returncode != 0:
        return Outcome(seconds, f"exit {done.returncode}: {first_error(output)}")
    passes = len(PASSES.findall(output))
    counted = f"{passes} pass" + ("" if passes == 1 else "es")
    return Outcome(seconds, note=UP_TO_DATE if UP_TO_DATE in output else counted)


def one_pass(copy: Path, tools: Tools) -> Outcome:
    build = copy / "build"
    shutil.rmtree(build / "latex-pass", ignore_errors=True)
    shutil.copytree(build / "latex", build / "latex-pass")
    argv = ["xelatex", "-interaction=nonstopmode", "-output-directory=latex-pass", "thesis.tex"]
    outcome = timed(argv, build, latex_env(copy, tools), OK)
    shutil.rmtree(build / "latex-pass")
    return outcome


def step(copy: Path, name: str, tools: Tools) -> Step:
    before = copy / "latex-before"
    shutil.rmtree(before, ignore_errors=True)
    if (copy / "build" / "latex").is_dir():
        shutil.copytree(copy / "build" / "latex", before)
    read_anew = EDITS[name](copy)
    built = timed_build([tools.thesisbuild, "pdf"], copy, tools.env)
    if built.error:
        return Step(built, Outcome(0.0, "not run"), Outcome(0.0, "not run"))
    if name == "no-op":  # nothing changed: by hand one runs nothing; the interpreter's start
        hand = timed(FLOOR, copy, tools.env, OK)
    else:
        hand = by_hand(copy, before if before.is_dir() else None, read_anew, tools)
    return Step(built, hand, one_pass(copy, tools))


def loop_round(stage: Stage, size: int) -> tuple[Outcome, ...]:
    """All steps in one fresh copy, in order; outcomes flattened for `repeat`."""
    outcomes: list[Outcome] = []
    with stage.fresh(size) as copy:
        for name in STEPS:
            done = step(copy, name, stage.tools)
            outcomes += [done.thesisbuild, done.by_hand, done.one_pass]
            if done.thesisbuild.error:
                failed = Outcome(0.0, "not run: an earlier step failed")
                outcomes += [failed] * (3 * len(STEPS) - len(outcomes))
                break
    return tuple(outcomes)


@dataclass(frozen=True)
class LoopRow:
    size: int
    chapters: int
    step: str
    rounds: tuple[Step, ...]

    def median(self, pick: Callable[[Step], float]) -> float:
        return statistics.median(pick(step) for step in self.rounds)

    @property
    def error(self) -> str | None:
        outcomes = [o for s in self.rounds for o in (s.thesisbuild, s.by_hand, s.one_pass)]
        return next((o.error for o in outcomes if o.error), None)


def bench_loop(stage: Stage, sizes: tuple[int, ...], runs: int, budget: float) -> list[LoopRow]:
    rows = []
    for size in sizes:
        label = f"loop ×{size} thesisbuild pdf: cold, no-op, prose, code (+ by hand, one pass)"
        width = 3 * len(STEPS)
        series = repeat(lambda size=size: loop_round(stage, size), width, runs, budget, label)
        rounds = list(zip(*series, strict=True))
        for index, name in enumerate(STEPS):
            steps = tuple(Step(*r[3 * index : 3 * index + 3]) for r in rounds)
            rows.append(LoopRow(size, stage.chapters(size), name, steps))
    return rows


def ratio(row: LoopRow, reference: Callable[[Step], float]) -> float:
    """Median over rounds of thesisbuild ÷ the reference measured in the same round."""
    return row.median(lambda s: s.thesisbuild.seconds / max(reference(s), 1e-9))


def notes(row: LoopRow, pick: Callable[[Step], Outcome]) -> str:
    """The LaTeX passes each round ran (or "up to date"), distinct values in order."""
    seen = [pick(step).note or "" for step in row.rounds]
    return ", ".join(dict.fromkeys(note for note in seen if note))


def table(rows: list[LoopRow]) -> str:
    header = (
        "| size | chapters | step | rounds | thesisbuild pdf s | by hand s | one XeLaTeX pass s "
        "| ÷ one pass | ÷ by hand | LaTeX: thesisbuild / by hand | result |\n" + "| --- " * 11 + "|"
    )
    lines = [header]
    for row in rows:
        seconds = [row.median(lambda s, k=k: getattr(s, k).seconds) for k in Step.__annotations__]
        result = f"**failed**: `{row.error}`" if row.error else "ok"
        passes = f"{notes(row, lambda s: s.thesisbuild)} / {notes(row, lambda s: s.by_hand)}"
        lines.append(
            f"| ×{row.size} | {row.chapters} | {row.step} | {len(row.rounds)} | "
            + " | ".join(f"{value:.2f}" for value in seconds)
            + f" | {ratio(row, lambda s: s.one_pass.seconds):.2f}×"
            + f" | {ratio(row, lambda s: s.by_hand.seconds):.2f}× | {passes} | {result} |"
        )
    return "\n".join(lines)


def targets(rows: list[LoopRow]) -> list[str]:
    """On the shipped thesis (×1): cold ≤ COLD_TARGET_RATIO× by hand, no-op ≤
    NOOP_TARGET_SECONDS, prose edit ≤ PROSE_TARGET_RATIO× one pass."""
    lines = []
    for row in rows:
        if row.size != 1 or row.error:
            continue
        if row.step == "cold":
            value = ratio(row, lambda s: s.by_hand.seconds)
            verdict = "met" if value <= COLD_TARGET_RATIO else "**missed**"
            lines.append(
                f"- cold `thesisbuild pdf` ≤ {COLD_TARGET_RATIO}× the same work by hand: "
                f"{verdict} ({value:.2f}×)"
            )
        if row.step == "no-op":
            seconds = row.median(lambda s: s.thesisbuild.seconds)
            verdict = "met" if seconds <= NOOP_TARGET_SECONDS else "**missed**"
            lines.append(
                f"- no-op `thesisbuild pdf` ≤ {NOOP_TARGET_SECONDS} s: {verdict} ({seconds:.2f} s)"
            )
        if row.step == "prose edit":
            value = ratio(row, lambda s: s.one_pass.seconds)
            verdict = "met" if value <= PROSE_TARGET_RATIO else "**missed**"
            lines.append(
                f"- one-paragraph prose edit ≤ {PROSE_TARGET_RATIO}× one XeLaTeX pass: "
                f"{verdict} ({value:.2f}×)"
            )
    return lines
