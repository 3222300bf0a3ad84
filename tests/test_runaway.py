"""Runaway work is bounded: a symlink loop under `inputs`, a huge output or chapter, a
subprocess past its memory or time, and a terminated build each end within a bounded
time, with a located message, and leave no process behind. The CLI runs as its own
process, with the real tools."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from processes import (
    PATIENCE,
    alive,
    descendants,
    no_traceback,
    run,
    start,
    wait_for,
    working_in,
)
from small_project import thesis
from tex import require_tex

from thesisbuild.core import proc
from thesisbuild.core.errors import BuildFailed
from thesisbuild.core.proc import Limits
from thesisbuild.core.progress import QUIET_VARIABLE

CHAPTER = "# Kapitel\n\nText.\n"


def test_a_symlink_loop_under_inputs_is_not_followed(tmp_path: Path) -> None:
    root = thesis(tmp_path, "title: T\ninputs: [data/**/*.csv, data/*/*.csv]\n", {"01.md": CHAPTER})
    (root / "data" / "sub").mkdir(parents=True)
    (root / "data" / "a.csv").write_text("x\n1\n")
    (root / "data" / "sub" / "b.csv").write_text("y\n2\n")
    (root / "data" / "loop").symlink_to(".")
    (root / "data" / "sub" / "up").symlink_to("..")
    started = time.monotonic()
    done = run("md", "-q", "-C", root, timeout=PATIENCE)
    assert time.monotonic() - started < 60
    assert done.returncode == 0, done.stderr
    hashed = json.loads((root / "build" / ".cache" / "inputs.json").read_text())["files"]
    assert sorted(hashed) == ["data/a.csv", "data/sub/b.csv"]
    assert not working_in(root)


def test_a_pattern_past_the_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    """Ten links to their own folder make 10^6 paths of `data/*/*/*/*/*/*/*.csv`: refused
    after the first 100,000."""
    root = thesis(tmp_path, "title: T\ninputs:\n  - data/*/*/*/*/*/*/*.csv\n", {"01.md": CHAPTER})
    (root / "data").mkdir()
    (root / "data" / "a.csv").write_text("x\n1\n")
    for number in range(10):
        (root / "data" / f"link{number}").symlink_to(".")
    started = time.monotonic()
    done = run("md", "-q", "-C", root, timeout=PATIENCE)
    assert time.monotonic() - started < 60
    assert done.returncode == 2
    assert (
        "thesis.yaml:3: inputs[0]: 'data/*/*/*/*/*/*/*.csv' matches more than 100,000 paths"
        in done.stderr
    )
    assert no_traceback(done)
    assert not working_in(root)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-chapter thesis built once as a draft; each test works on a copy of it."""
    require_tex()
    root = thesis(tmp_path_factory.mktemp("built") / "t", "title: T\n", {"01.md": CHAPTER})
    done = run("pdf", "-q", "-C", root, timeout=PATIENCE)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "t", symlinks=True))


def terminate(process: subprocess.Popen[bytes]) -> tuple[int, float]:
    """SIGTERM as `kill` or a CI runner's timeout sends it; the exit code and how long
    the process took to exit."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=PATIENCE)
    return code, time.monotonic() - started


# A TeX loop that keeps xelatex busy for minutes without printing.
BUSY_TEX = (
    "```{=latex}\n\\newcount\\n \\n=0 \\loop\\advance\\n by 1 \\ifnum\\n<2000000000 \\repeat\n```\n"
)
SLEEPING_CELL = "```python\nimport time\ntime.sleep(120)\n```\n"


def wait_for_descendant(pid: int, name: str) -> None:
    """Until a process `pid` started (or one of those) has `name` in its command line:
    the build is under way, not just starting."""
    deadline = time.monotonic() + PATIENCE
    while not any(name in command_line(child) for child in descendants(pid)):
        assert time.monotonic() < deadline, f"no {name} started within {PATIENCE} s"
        time.sleep(0.05)


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.tex
@pytest.mark.parametrize(
    ("chapter", "running", "process"),
    [
        pytest.param(CHAPTER + BUSY_TEX, "LaTeX pass 1", "xelatex", id="latex"),
        pytest.param(CHAPTER + SLEEPING_CELL, "running for", "ipykernel", id="kernel"),
    ],
)
def test_sigterm_ends_every_process_and_keeps_the_last_pdf(
    copy: Path,
    tmp_path: Path,
    chapter: str,
    running: str,
    process: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(QUIET_VARIABLE, "0")  # the sleeping cell's notice: the sign it runs
    pdf = copy / "build" / "thesis.pdf"
    before = pdf.read_bytes()
    (copy / "thesis" / "01.md").write_text(chapter, encoding="utf-8")
    log = tmp_path / "build.log"
    build = start("pdf", "-C", copy, log=log)
    wait_for(log, running)
    wait_for_descendant(build.pid, process)
    started = descendants(build.pid)
    code, seconds = terminate(build)
    assert code == 143
    assert seconds < 60
    assert "Terminated; the last good PDF stays in place." in log.read_text()
    assert not [pid for pid in started if alive(pid)]
    assert not working_in(copy)
    assert pdf.read_bytes() == before


def html_table(rows: int) -> str:
    """A DataFrame-like HTML table, about 120 characters a row."""
    head = "".join(f"<th>Spalte {column}</th>" for column in range(8))
    body = "".join(
        f"<tr><th>Zeile {row}</th>"
        + "".join(f"<td>{row * column}.25</td>" for column in range(7))
        + "</tr>\n"
        for row in range(rows)
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def notebook_with_outputs(outputs: list[dict[str, object]]) -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Kapitel"},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": "df",
            "outputs": outputs,
        },
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": kernel},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook)


@dataclass(frozen=True)
class Huge:
    """`thesisbuild md` of a project with a huge cell output and a huge chapter."""

    root: Path
    done: subprocess.CompletedProcess[str]
    printed: str
    table: str


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Huge:
    """A 43 MB table made pandoc use 6.7 GB for ten minutes; past 500,000 characters an
    output is cut (here a table of 840,000, so the test stays quick), and past 2,000,000 a
    chapter. One project holds both: one `md` run."""
    table = html_table(6000)
    printed = "Epoche 1: Verlust 0.25\n" * 30_000
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": printed},
        {
            "output_type": "execute_result",
            "execution_count": 1,
            "metadata": {},
            "data": {"text/html": table, "text/plain": "DataFrame"},
        },
    ]
    paragraph = "Die Erkennung benannter Entitäten wird hier beschrieben. " * 20
    text = "# Kapitel\n\n" + "\n\n".join([paragraph] * 2_000) + "\n\nDas Ende.\n"
    chapters = {"01.ipynb": notebook_with_outputs(outputs), "02.md": text}
    root = thesis(tmp_path_factory.mktemp("huge") / "t", "title: T\n", chapters)
    started = time.monotonic()
    done = run("md", "-C", root, timeout=PATIENCE)
    assert time.monotonic() - started < 120
    assert done.returncode == 0, done.stderr
    return Huge(root, done, printed, table)


def test_a_huge_output_is_cut_at_the_limit_with_a_warning_at_its_cell(huge: Huge) -> None:
    stderr = huge.done.stderr
    assert (
        f"thesis/01.ipynb:cell 2: printed output is {len(huge.printed):,} characters, more "
        "than the 500,000 an output may have; only its beginning goes into the PDF" in stderr
    )
    assert f"thesis/01.ipynb:cell 2: text/html output is {len(huge.table):,} characters" in stderr
    markdown = (huge.root / "build" / "chapters" / "thesis-01-ipynb.md").read_text()
    assert "Zeile 3000 " in markdown  # early rows are there, as a table
    assert "Zeile 5999" not in markdown  # the last ones are not
    assert "-----------" in markdown
    assert len(markdown) < 1_100_000
    assert not working_in(huge.root)


def test_a_huge_chapter_is_cut_at_the_limit_with_a_warning_at_its_file(huge: Huge) -> None:
    assert (
        "thesis/02.md: its text for the PDF is 2," in huge.done.stderr
        and "more than the 2,000,000 a chapter may have; the rest is left out" in huge.done.stderr
    )
    markdown = (huge.root / "build" / "chapters" / "thesis-02-md.md").read_text()
    assert len(markdown) <= 2_000_010
    assert "Das Ende." not in markdown


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        pytest.param(
            Limits(memory=200 << 20, cpu_seconds=900, wall_seconds=600),
            "most likely at its limit of 200 MiB of memory",
            id="memory",
        ),
        pytest.param(
            Limits(memory=4 << 30, cpu_seconds=1, wall_seconds=600),
            "it used more than its limit of 1 s of CPU time and was stopped",
            id="cpu",
        ),
        pytest.param(
            Limits(memory=4 << 30, cpu_seconds=900, wall_seconds=1),
            "it ran longer than its limit of 1 s and was stopped",
            id="wall-clock",
        ),
    ],
)
def test_a_command_past_a_limit_is_stopped_and_named(
    tmp_path: Path, limits: Limits, said: str
) -> None:
    """pandoc on a 3 MB table needs seconds of CPU and hundreds of MB: scaled-down limits
    stop it as the real ones would stop a 43 MB one."""
    import pypandoc

    source = tmp_path / "table.html"
    source.write_text(html_table(27_000), encoding="utf-8")
    argv = [pypandoc.get_pandoc_path(), "-f", "html", "-t", "markdown", str(source)]
    started = time.monotonic()
    with pytest.raises(BuildFailed) as failed:
        proc.run([*argv, "-o", str(tmp_path / "table.md")], limits=limits, log=tmp_path / "log")
    assert time.monotonic() - started < 60
    assert failed.value.message.startswith("pandoc: ")
    assert f"{said}: {argv[0]} -f html" in failed.value.message
    assert f"Full log: {tmp_path / 'log'}" in failed.value.message
    assert not working_in(tmp_path)
