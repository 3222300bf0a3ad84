"""Time thesisbuild against the plain tools it replaces, and write bench/README.md.

    python bench/run.py [--runs N] [--sizes 1,10,100] [--md-sizes 1,10] [--only lint,md,pdf]
                        [--budget SECONDS] [--readme PATH]

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
report (the table, growth, targets) and readme (this file's text and the machine).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cases import bench
from commands import find_tools
from projects import Stage
from readme import machine, render
from report import Report
from settings import parse


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse(argv, description=__doc__.splitlines()[0] if __doc__ else None)
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
