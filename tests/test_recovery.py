"""Never stuck: a build recovers by itself from LaTeX working files that an interrupted,
concurrent or draft build left behind; Ctrl-C ends every process it started."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Run, copy_built, run_thesisbuild
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


# The working files a killed run leaves cut off, each built once after an edit. Cuts that
# do not get in each other's way share a build: files cut mid-line are all named and
# cleared before LaTeX runs, and whole lines of a .toc and a cut latexmk database are
# both read as they are (two builds started at once build them: one waits for the other).
# An .aux cut after a whole line fails LaTeX itself, so it builds alone.
CUTS = {
    "mid-line": (("thesis.aux", False), ("thesis.toc", False)),
    "aux-lines": (("thesis.aux", True),),
    "harmless": (("thesis.toc", True), ("thesis.fdb_latexmk", False)),
}
TWO_AT_ONCE = "harmless"
CUT_OFF = re.compile(r"build/latex: (?P<files>.+) cut off by an interrupted run; cleared")


@dataclass(frozen=True)
class Rebuilt:
    """The builds over one group of cut-off files: their exit codes, what they printed
    and the PDF's text."""

    codes: tuple[int, ...]
    said: str
    text: str


@pytest.fixture(scope="module")
def rebuilt(loop_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Rebuilt]:
    """`rebuilt("mid-line")`: a copy of the loop build with CUTS["mid-line"] made, edited
    and built (once per module)."""
    done: dict[str, Rebuilt] = {}

    def build(group: str) -> Rebuilt:
        if group not in done:
            folder = tmp_path_factory.mktemp(group)
            copy = copy_built(loop_build, folder / "loop")
            (copy / "thesis" / "02-methode.md").write_text("# Methode\n\nNeu geschrieben.\n")
            for name, whole_lines in CUTS[group]:
                cut(copy / "build" / "latex" / name, 300, whole_lines)
            codes, said = two_at_once(copy, folder) if group == TWO_AT_ONCE else one(copy)
            done[group] = Rebuilt(codes, said, text_of(copy / "build" / "thesis.pdf"))
        return done[group]

    return build


def one(root: Path) -> tuple[tuple[int, ...], str]:
    run = run_thesisbuild("pdf", "-C", root)
    return (run.code,), run.err


def two_at_once(root: Path, folder: Path) -> tuple[tuple[int, ...], str]:
    """Two `thesisbuild pdf` processes started together; what both printed."""
    logs = [folder / "first.log", folder / "second.log"]
    processes = [start("pdf", "-C", root, log=log) for log in logs]
    codes = tuple(process.wait(timeout=PATIENCE) for process in processes)
    return codes, "".join(log.read_text() for log in logs)


@pytest.mark.parametrize(
    ("name", "whole_lines", "group"),
    [(name, whole_lines, group) for group, cuts in CUTS.items() for name, whole_lines in cuts],
)
def test_a_truncated_working_file_is_cleared_and_latex_runs_again(
    rebuilt: Callable[[str], Rebuilt], name: str, whole_lines: bool, group: str
) -> None:
    result = rebuilt(group)
    assert set(result.codes) == {0}, result.said
    assert "Neu geschrieben" in result.text
    said = CUT_OFF.search(result.said)
    if group == "mid-line":
        assert said and name in said.group("files").split(", "), result.said
    elif group == "aux-lines":
        assert "left by an earlier run; cleared LaTeX's working files" in result.said
    else:  # whole lines of a .toc are harmless, latexmk rebuilds its own database
        assert "cleared" not in result.said, result.said


def test_two_builds_at_once_take_turns(rebuilt: Callable[[str], Rebuilt]) -> None:
    result = rebuilt(TWO_AT_ONCE)
    assert result.codes == (0, 0), result.said
    assert "another thesisbuild is building this project; waiting" in result.said
    assert "Neu geschrieben" in result.text


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
