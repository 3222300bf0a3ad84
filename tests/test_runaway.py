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
from pathlib import Path

import pytest
from processes import (
    alive,
    descendants,
    no_traceback,
    require_tex,
    run,
    start,
    wait_for,
    working_in,
)

CHAPTER = "# Kapitel\n\nText.\n"


def thesis(root: Path, yaml: str, chapters: dict[str, str]) -> Path:
    (root / "thesis").mkdir(parents=True, exist_ok=True)
    (root / "thesis.yaml").write_text(yaml, encoding="utf-8")
    for name, text in chapters.items():
        (root / "thesis" / name).write_text(text, encoding="utf-8")
    return root


def test_a_symlink_loop_under_inputs_is_not_followed(tmp_path: Path) -> None:
    root = thesis(tmp_path, "title: T\ninputs: [data/**/*.csv, data/*/*.csv]\n", {"01.md": CHAPTER})
    (root / "data" / "sub").mkdir(parents=True)
    (root / "data" / "a.csv").write_text("x\n1\n")
    (root / "data" / "sub" / "b.csv").write_text("y\n2\n")
    (root / "data" / "loop").symlink_to(".")
    (root / "data" / "sub" / "up").symlink_to("..")
    started = time.monotonic()
    done = run("md", "-q", "-C", root, timeout=300)
    assert time.monotonic() - started < 60
    assert done.returncode == 0, done.stderr
    hashed = json.loads((root / "build" / ".cache" / "inputs.json").read_text())
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
    done = run("md", "-q", "-C", root, timeout=300)
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
    done = run("pdf", "-q", "-C", root, timeout=600)
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
    code = process.wait(timeout=120)
    return code, time.monotonic() - started


# A TeX loop that keeps xelatex busy for minutes without printing.
BUSY_TEX = (
    "```{=latex}\n\\newcount\\n \\n=0 \\loop\\advance\\n by 1 \\ifnum\\n<2000000000 \\repeat\n```\n"
)
SLEEPING_CELL = "```python\nimport time\ntime.sleep(120)\n```\n"


@pytest.mark.tex
@pytest.mark.parametrize(
    ("chapter", "running"),
    [
        pytest.param(CHAPTER + BUSY_TEX, "LaTeX pass 1", id="latex"),
        pytest.param(CHAPTER + SLEEPING_CELL, "running for", id="kernel"),
    ],
)
def test_sigterm_ends_every_process_and_keeps_the_last_pdf(
    copy: Path, tmp_path: Path, chapter: str, running: str
) -> None:
    pdf = copy / "build" / "thesis.pdf"
    before = pdf.read_bytes()
    (copy / "thesis" / "01.md").write_text(chapter, encoding="utf-8")
    log = tmp_path / "build.log"
    process = start("pdf", "-C", copy, log=log)
    wait_for(log, running)
    time.sleep(1)  # the process is under way, not just starting
    started = descendants(process.pid)
    assert started
    code, seconds = terminate(process)
    assert code == 143
    assert seconds < 60
    assert "Terminated; the last good PDF stays in place." in log.read_text()
    assert not [pid for pid in started if alive(pid)]
    assert not working_in(copy)
    assert pdf.read_bytes() == before
