"""Timing a case: a fresh copy per run, at most --runs runs within --budget seconds, one
run when it fails (a failure repeats identically), the median reported."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from commands import OK, Outcome, SetupFailed, timed
from projects import Stage
from settings import Settings

Role = Literal["thesisbuild", "alternative", "probe"]
Argv = Callable[[Path], list[str]]
Measure = Callable[[], tuple[Outcome, ...]]


@dataclass(frozen=True)
class Case:
    """One command to time; argv gets the fresh copy it runs in."""

    command: str  # as the table shows it
    tool: str  # short name, for the ratio column
    argv: Argv
    role: Role = "alternative"
    ok: frozenset[int] = OK
    cwd: str = "."  # inside the copy
    built: bool | str = False  # build/ from an untimed `thesisbuild md` ("pdf": `pdf`)
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
