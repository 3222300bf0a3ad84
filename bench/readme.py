"""bench/README.md: the report with how it was measured and on what machine."""

from __future__ import annotations

import os
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata

from commands import Tools, first_line
from projects import REPO
from report import Report


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
  thesis/, thesis.yaml and bibliography.bib; the repository's build/ is untouched.
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
