"""Never stuck: a build recovers by itself from LaTeX working files that an interrupted,
concurrent or draft build left behind; Ctrl-C ends every process it started."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_built
from processes import PATIENCE, alive, descendants, interrupt, start, wait_for
from tex import pdf_text as text_of

pytestmark = pytest.mark.tex


@pytest.fixture
def copy(loop_build: Path, tmp_path: Path) -> Path:
    """A copy of tests/data/loop built once as a draft (conftest's `loop_build`)."""
    return copy_built(loop_build, tmp_path / "loop")


def cut(path: Path, keep: int, whole_lines: bool) -> None:
    """What a killed LaTeX run leaves: the file ends mid-line, or (rarely) after a line
    but in the middle of an entry of several lines."""
    data = path.read_bytes()[:keep]
    path.write_bytes(data[: data.rindex(b"\n") + 1] if whole_lines else data)


@pytest.mark.parametrize(
    ("name", "whole_lines", "said"),
    [
        ("thesis.aux", False, "thesis.aux cut off by an interrupted run; cleared"),
        ("thesis.toc", False, "thesis.toc cut off by an interrupted run; cleared"),
        ("thesis.aux", True, "left by an earlier run; cleared LaTeX's working files"),
        ("thesis.toc", True, None),  # whole lines of a .toc are harmless
        ("thesis.fdb_latexmk", False, None),  # latexmk rebuilds its own database
    ],
)
def test_a_truncated_working_file_is_cleared_and_latex_runs_again(
    copy: Path, thesisbuild: Callable[..., Run], name: str, whole_lines: bool, said: str | None
) -> None:
    (copy / "thesis" / "02-methode.md").write_text("# Methode\n\nNeu geschrieben.\n")
    cut(copy / "build" / "latex" / name, 300, whole_lines)
    result = thesisbuild("pdf", "-C", copy)
    assert result.code == 0, result.err
    assert said is None or said in result.err
    assert "Neu geschrieben" in text_of(copy / "build" / "thesis.pdf")


def test_final_after_the_last_todo_is_gone_builds(
    copy: Path, thesisbuild: Callable[..., Run]
) -> None:
    """The draft's todonotes marks (\\pgfsyspdfmark) stay in the .aux, which the final
    build's preamble cannot read."""
    chapter = copy / "thesis" / "01-einleitung.md"
    chapter.write_text(chapter.read_text().replace("[todo Quelle ergänzen]", "erledigt"))
    result = thesisbuild("pdf", "--final", "-C", copy)
    assert result.code == 0, result.err
    assert "thesis.aux:" in result.err
    assert "Entwurf" not in text_of(copy / "build" / "thesis.pdf")


def test_ctrl_c_in_latex_ends_it_keeps_the_pdf_and_the_next_build_recovers(
    copy: Path, thesisbuild: Callable[..., Run], tmp_path: Path
) -> None:
    pdf = copy / "build" / "thesis.pdf"
    before = pdf.read_bytes()
    (copy / "thesis" / "02-methode.md").write_text("# Methode\n\nUnterbrochen.\n")
    log = tmp_path / "build.log"
    process = start("pdf", "-C", copy, log=log)
    wait_for(log, "LaTeX pass 1")
    started = descendants(process.pid)
    assert interrupt(process) == 130
    assert "Interrupted; the last good PDF stays in place." in log.read_text()
    assert not [pid for pid in started if alive(pid)]
    assert pdf.read_bytes() == before
    result = thesisbuild("pdf", "-C", copy)
    assert result.code == 0, result.err
    assert "the last LaTeX run was interrupted; cleared its working files" in result.err
    assert "Unterbrochen" in text_of(pdf)


def test_two_builds_at_once_take_turns(copy: Path, tmp_path: Path) -> None:
    (copy / "thesis" / "02-methode.md").write_text("# Methode\n\nZweimal gebaut.\n")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    processes = [start("pdf", "-C", copy, log=log) for log in logs]
    assert [process.wait(timeout=PATIENCE) for process in processes] == [0, 0]
    printed = "".join(log.read_text() for log in logs)
    assert "another thesisbuild is building this project; waiting" in printed
    assert "Zweimal gebaut" in text_of(copy / "build" / "thesis.pdf")


@pytest.mark.kernel
def test_ctrl_c_in_a_running_cell_ends_the_kernel(copy: Path, tmp_path: Path) -> None:
    (copy / "thesis" / "03-rechnung.md").write_text(
        "# Rechnung\n\n```python\nimport time\ntime.sleep(120)\n```\n"
    )
    log = tmp_path / "build.log"
    process = start("pdf", "-C", copy, log=log)
    wait_for(log, "02-methode.md: exported")
    kernel_log = copy / "build" / "kernel" / "thesis-03-rechnung-md.log"
    deadline = time.monotonic() + PATIENCE
    while not kernel_log.exists():  # opened just before the kernel starts
        assert time.monotonic() < deadline, f"{kernel_log} was never opened"
        time.sleep(0.05)
    time.sleep(0.5)  # starting or running: Ctrl-C must end it either way
    started = descendants(process.pid)
    assert started
    assert interrupt(process) == 130
    assert not [pid for pid in started if alive(pid)]
