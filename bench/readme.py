"""bench/README.md: the report with how it was measured and on what machine."""

from __future__ import annotations

import os
import platform
import re
import sys
from datetime import datetime, timezone
from importlib import metadata

import loop
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


LOOP_SECTION = re.compile(r"<!-- loop -->\n.*?<!-- end of loop -->\n", re.S)


def loop_section(report: Report, machine: list[tuple[str, str]]) -> str:
    """The daily loop's results with their own machine line (they may be run alone)."""
    facts = dict(machine)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return LOOP_TEXT.format(
        table=report.loop_table(),
        targets="\n".join(loop.targets(report.loop)) or "- (the loop was not run at ×1)",
        started=facts["started"],
        cores=facts["cores (nproc)"],
        load=f"{load:.1f}",
        thesisbuild=facts["thesisbuild"],
    )


def update_loop(text: str, report: Report, machine: list[tuple[str, str]]) -> str:
    """Replace the loop section of an existing bench/README.md (a `--only loop` run), or put
    it before "## How it is measured" when the file has none yet."""
    section = loop_section(report, machine)
    if LOOP_SECTION.search(text):
        return LOOP_SECTION.sub(lambda _: section, text)
    return text.replace("## How it is measured", section + "\n## How it is measured", 1)


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
        loop=loop_section(report, machine),
        targets=targets,
        growth=growth,
    )


README_TEXT = """\
# Benchmarks

`python bench/run.py` (or `make bench`) times `thesisbuild` against the same work done by
hand with the tools it uses, and rewrites this file. Options: `--runs N` (default 5),
`--sizes 1,10,100` (lint), `--md-sizes 1,10` (md), `--loop-sizes 1,10` (the daily loop),
`--only lint,md,loop,stats,diff,check`, `--budget SECONDS` (default 120 per case), `--readme PATH`.

Each ratio sets thesisbuild against a command that does the same job: lint against
parsing the same chapters with jupytext and grepping them for the same marks; md against
jupytext and nbconvert starting as many kernels; each build of the daily loop against the
same steps by hand (jupytext and nbconvert for the chapters read anew, then the same
pandoc and latexmk commands; a no-op against the interpreter's start, since by hand there
is nothing to run) and against one XeLaTeX pass; stats against counting words with pandoc
and `wc -w`; diff against one cold `pdf`; check against poppler's font and glyph dumps.

## Targets

{targets}

## Results

Median of up to {runs} runs; "(budget)" marks a case cut short because one more run would
have taken it past {budget} s, "(failed)" one that failed (run once: a failure repeats).

{table}

### Growth

{growth}

{loop}
## How it is measured

- Every command is a subprocess, process start included, in a fresh temporary copy of
  thesis/, thesis.yaml and bibliography.bib; the repository's build/ is untouched.
- Size ×N: the shipped thesis plus N − 1 copies of each chapter (`03-grundlagen-r07.md`).
- `thesisbuild lint` exits 1 on the shipped thesis (its terminology errors): counted as ok.
- lint by hand: the chapters copied to hand/, `jupytext --to ipynb` on them (the parse
  lint needs to know cells and lines) and one `grep -niE` for the todo marks and the
  discouraged forms of thesis.yaml's `lint.terminology`, timed together. Its output is
  cruder (no skipping of code, math or URLs, no cell locations): the same reading, less
  judgement. `thesisbuild lint` runs without its parse cache (a fresh copy); the cached run
  is a probe row.
- md by hand: the same jupytext step, then `jupyter nbconvert --to markdown --execute` on
  the chapters with a ```` ```python ```` cell (one kernel each, as many as thesisbuild
  starts) and `jupyter nbconvert --to markdown` without a kernel on the rest.
- stats: `thesisbuild stats` reads and counts every chapter (words of prose only, todos,
  figures, tables, citations) without its parse cache (a fresh copy); the cached run is a
  probe row. By hand: `pandoc --to plain thesis/*.md | wc -w` parses the same markdown and
  counts what it prints (code blocks, math and table cells included, no todos or other
  counts); `wc -w thesis/*.md` counts every word of the files as they are (probe).
- nbconvert cannot read jupytext markdown notebooks (the probe row running it on
  thesis/*.md), so both by-hand rows convert first.
- Runs are few (see the table) because the machine's 2 cores are shared with other
  engineers' work: read the medians as ±10 %, and the wall times of sub-second commands as
  inflated by the other load (the load average is given with the loop).
- `ms/chapter` is the median divided by the chapters; "growth" gives the cost of each
  added chapter between two sizes, so the fixed cost (process start, imports) drops out.

## Machine

| what | value |
| --- | --- |
{facts}
"""

LOOP_TEXT = """\
<!-- loop -->
## The daily loop

`python bench/run.py --only loop --readme bench/README.md` rewrites this section alone.
`thesisbuild pdf` in one fresh copy of the project, step after step: a cold build, a
no-op rebuild, a rebuild after a one-paragraph prose edit, one after a code edit. Each
step is set against two references measured right after it, in the same round:

- **one XeLaTeX pass**: `xelatex -interaction=nonstopmode` on the same build/thesis.tex,
  with a copy of the .aux and other files thesisbuild's latexmk left (one pass, the PDF
  included);
- **by hand**: the same work with the command-line tools. The chapters thesisbuild reads
  anew in the step (cold: all; prose or code edit: the edited one) are made notebooks by
  `jupytext --to ipynb` and exported by `jupyter nbconvert --to markdown`, with
  `--execute` for those with code (one kernel each, as thesisbuild starts them); then
  `pandoc --defaults build/pandoc.yaml` and the latexmk command thesisbuild runs, started
  from the build/latex/ the step began with and on the build/thesis.md thesisbuild made.
  For the no-op step, where by hand there is nothing to run, the reference is the floor:
  `python -c pass`.

"prose edit" appends a sentence to the first plain paragraph line from the middle chapter
on; "code edit" adds a comment line to the first ```` ```python ```` cell, after its `#|`
options (its chapter runs again). Seconds are medians over the rounds; the ratios are
medians of each round's ratio. The last column says how many XeLaTeX passes latexmk ran
(each distinct count over the rounds).

{table}

{targets}

Measured {started} on {cores} cores shared with other work (load average {load} at the
end), thesisbuild {thesisbuild}.
<!-- end of loop -->
"""
