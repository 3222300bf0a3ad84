"""`thesisbuild watch` as an author uses it: a save made during the first build is built
next; a save that breaks the source says where; fix it, see the PDF again; Ctrl-C leaves
nothing running. One watch session on a copy of the shared loop build, one test per step."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_built
from processes import PATIENCE, alive, descendants, interrupt, start, wait_for
from small_project import KERNEL_HEADER
from tex import pdf_text as text_of

from thesisbuild.builder.watch import warnings_only

BUILT = "build/thesis.pdf built in"
# A chapter whose code holds the first build up until the session says go: the session
# saves another chapter (breaking it) while that build runs, after it read the sources. The two
# signal files lie outside the project, where the watcher does not look. No heading, so
# the table of contents stays as the copy has it: the first build needs one LaTeX pass.
HOLDING_CHAPTER = (
    KERNEL_HEADER
    + """```python
import pathlib, time
pathlib.Path({started!r}).touch()
deadline = time.monotonic() + 300
while not pathlib.Path({go!r}).exists() and time.monotonic() < deadline:
    time.sleep(0.05)
```
"""
)


@dataclass(frozen=True)
class Session:
    """What one watch session printed and built, step by step: `first` is the log once
    the first build is done, `broken` the log once the save made during it, which breaks
    LaTeX, was built; `repaired` the PDF's text after the fix; `started` what ran under
    watch before Ctrl-C, `code` its exit code."""

    first: str
    broken: str
    repaired: str
    started: frozenset[int]
    code: int


@pytest.fixture(scope="module")
def session(loop_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Session:
    """Save a chapter that breaks LaTeX during the first build (held by its code), then
    repair it, then Ctrl-C."""
    folder = tmp_path_factory.mktemp("watch")
    root = copy_built(loop_build, folder / "loop")
    started, go = folder / "started", folder / "go"
    holding = HOLDING_CHAPTER.format(started=str(started), go=str(go))
    (root / "thesis" / "03-warten.md").write_text(holding, encoding="utf-8")
    chapter = root / "thesis" / "02-methode.md"
    log = folder / "watch.log"
    process = start("watch", "-C", root, log=log)
    try:
        wait_for_file(started)  # the first build is running its code
        chapter.write_text("# Methode\n\nHier steht \\iffalsch{x} mitten im Satz.\n")
        go.touch()
        wait_for(log, "Ctrl-C stops")
        first = log.read_text()
        wait_for(log, "build failed after")
        broken = log.read_text()
        chapter.write_text("# Methode\n\nWieder repariert.\n")
        wait_for(log, BUILT, count=2)
        repaired = text_of(root / "build" / "thesis.pdf")
        running = frozenset(descendants(process.pid))
    finally:
        go.touch()
        code = interrupt(process)
    return Session(first, broken, repaired, running, code)


def wait_for_file(path: Path, timeout: float = PATIENCE) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} not written within {timeout} s")
        time.sleep(0.1)


@pytest.mark.tex
@pytest.mark.kernel
def test_the_first_build_is_said_before_watching(session: Session) -> None:
    assert BUILT in session.first
    assert "build failed" not in session.first  # it read the chapter before the save


@pytest.mark.tex
@pytest.mark.kernel
def test_a_save_during_the_first_build_is_built_next(session: Session) -> None:
    assert "thesis/02-methode.md:3:" in session.broken[len(session.first) :]


@pytest.mark.tex
@pytest.mark.kernel
def test_a_save_that_breaks_latex_is_located_and_linted(session: Session) -> None:
    assert "thesis/02-methode.md:3:" in session.broken
    assert "Undefined control sequence" in session.broken
    assert "[math]" in session.broken  # the save was linted


@pytest.mark.tex
@pytest.mark.kernel
def test_the_next_save_after_a_broken_build_is_built(session: Session) -> None:
    assert "Wieder repariert" in session.repaired


@pytest.mark.tex
@pytest.mark.kernel
def test_ctrl_c_stops_watch_and_leaves_nothing_running(session: Session) -> None:
    assert session.code == 130
    assert not [pid for pid in session.started if alive(pid)]


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
