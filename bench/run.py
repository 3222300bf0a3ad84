"""Time thesisbuild against the plain tools it replaces, and write bench/README.md.

    python bench/run.py [--runs N] [--sizes 1,10,100] [--md-sizes 1,10] [--loop-sizes 1,10]
                        [--only lint,md,loop,stats,diff,check] [--budget SECONDS] [--readme PATH]

Every command runs as a subprocess (process start included) in a fresh temporary copy of
the project (thesis/, thesis.yaml, bibliography.bib), so the repository's build/
stays untouched. Size N is the shipped thesis with its chapters repeated N times: copies of
thesis/*.md named `<chapter>-rNN.md`. The alternatives are `jupyter nbconvert` (on the
chapters converted to .ipynb by jupytext beforehand, untimed: nbconvert cannot read jupytext
markdown, a probe row shows it) and a bare `pandoc` (the one pypandoc-binary ships).

Each case reports the median of at most --runs runs; fewer when one more would take the case
past --budget seconds, and one when it fails (a failure repeats identically). A full run
(no --only) writes bench/README.md; with --only it prints only, unless --readme is given.

The modules beside this one: settings (the options), commands (finding and running the tools),
projects (the N× copies), timing (runs, budget, median), cases (what each task times),
loop (the daily loop: cold, no-op, prose and code edits against one XeLaTeX pass and the
same work by hand), report (the table, growth, targets) and readme (this file's text and the
machine).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cases import bench
from commands import find_tools
from loop import bench_loop
from loop import targets as loop_targets
from projects import Stage
from readme import machine, render, update_loop
from report import Report
from settings import parse


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse(argv, description=__doc__.splitlines()[0] if __doc__ else None)
    tools = find_tools()
    facts = machine(tools)  # before: the repository may change while the benchmark runs
    with tempfile.TemporaryDirectory(prefix="thesisbench-stage-") as scratch:
        stage = Stage(Path(scratch), tools)
        rows = bench(stage, settings)
        loop = []
        if "loop" in settings.only:
            loop = bench_loop(stage, settings.loop_sizes, settings.runs, settings.budget)
    report = Report(rows, settings, loop)
    print(report.table())
    print()
    print(report.loop_table())
    print()
    print("\n".join(report.targets() + loop_targets(report.loop) + report.growth()))
    if settings.readme is not None:
        only_loop = settings.only == ("loop",) and settings.readme.is_file()
        old = settings.readme.read_text(encoding="utf-8") if only_loop else ""
        text = update_loop(old, report, facts) if only_loop else render(report, facts)
        settings.readme.write_text(text, encoding="utf-8")
        print(f"\nwritten: {settings.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
