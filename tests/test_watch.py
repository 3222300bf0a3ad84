"""`thesisbuild watch` as an author uses it: save, see the PDF change; break the source,
read the located error; fix it, see the PDF again; Ctrl-C leaves nothing running."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_built
from processes import PATIENCE, alive, descendants, interrupt, start, wait_for
from tex import pdf_text as text_of
from tex import require_tex

from thesisbuild.builder.watch import warnings_only

BUILT = "build/thesis.pdf built in"


@pytest.mark.tex
def test_watch_rebuilds_on_save_survives_a_broken_build_and_stops_on_ctrl_c(
    loop_build: Path, tmp_path: Path
) -> None:
    """From a built copy: the first build finds the PDF up to date, as after a `pdf`."""
    root = copy_built(loop_build, tmp_path / "loop")
    chapter = root / "thesis" / "02-methode.md"
    log = tmp_path / "watch.log"
    process = start("watch", "-C", root, log=log)
    try:
        wait_for(log, "Ctrl-C stops")
        assert BUILT in log.read_text()

        chapter.write_text("# Methode\n\nEin frisch gespeicherter Satz.\n")
        wait_for(log, BUILT, count=2)
        assert "Ein frisch gespeicherter Satz" in text_of(root / "build" / "thesis.pdf")

        chapter.write_text("# Methode\n\nHier steht \\iffalsch{x} mitten im Satz.\n")
        wait_for(log, "build failed after")
        printed = log.read_text()
        assert "thesis/02-methode.md:3:" in printed and "Undefined control sequence" in printed
        assert "[math]" in printed  # the save was linted

        chapter.write_text("# Methode\n\nWieder repariert.\n")
        wait_for(log, BUILT, count=3)
        assert "Wieder repariert" in text_of(root / "build" / "thesis.pdf")
        started = descendants(process.pid)
    finally:
        code = interrupt(process)
    assert code == 130
    assert not [pid for pid in started if alive(pid)]


# A chapter whose code holds the first build up until the test says go: the test saves
# another chapter while that build runs, after it has read the sources. The two signal
# files lie outside the project, where the watcher does not look.
HOLDING_CHAPTER = """---
jupyter:
  kernelspec:
    name: python3
    display_name: Python 3
    language: python
---

# Warten

```python
import pathlib, time
pathlib.Path({started!r}).touch()
deadline = time.monotonic() + 300
while not pathlib.Path({go!r}).exists() and time.monotonic() < deadline:
    time.sleep(0.05)
```
"""


@pytest.mark.kernel
def test_a_save_during_the_first_build_is_built_next(
    project: Callable[[str], Path], tmp_path: Path
) -> None:
    require_tex()
    root = project("loop")
    started, go = tmp_path / "started", tmp_path / "go"
    holding = HOLDING_CHAPTER.format(started=str(started), go=str(go))
    (root / "thesis" / "03-warten.md").write_text(holding, encoding="utf-8")
    log = tmp_path / "watch.log"
    process = start("watch", "-C", root, log=log)
    try:
        wait_for_file(started)  # the first build is running its code
        chapter = root / "thesis" / "02-methode.md"
        chapter.write_text("# Methode\n\nWährend des ersten Builds gespeichert.\n")
        go.touch()
        wait_for(log, BUILT, count=2)
        assert "Während des ersten Builds gespeichert" in text_of(root / "build" / "thesis.pdf")
    finally:
        go.touch()
        interrupt(process)


def wait_for_file(path: Path, timeout: float = PATIENCE) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} not written within {timeout} s")
        time.sleep(0.1)


def test_watch_prints_the_drafts_warnings_and_not_the_routine_lines() -> None:
    said: list[str] = []
    progress = warnings_only(said.append)
    lines = [
        "thesis/02-x.ipynb: exported",
        "warning: thesis/02-x.ipynb:cell 7: application/vnd.plotly.v1+json output has no …",
        "LaTeX pass 1 (xelatex)",
        "warning: thesis/01-a.md:3:5: unknown cross-reference @fig-x: …",
        "thesis/01-a.md:4:12: warning: LaTeX: undefined reference fig-y (printed as ??)",
    ]
    for line in lines:
        progress(line)
    assert said == [lines[1], lines[3], lines[4]]
