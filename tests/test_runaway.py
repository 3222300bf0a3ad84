"""Runaway work is bounded: a symlink loop under `inputs`, a huge output or chapter, a
subprocess past its memory or time, and a terminated build each end within a bounded
time, with a located message, and leave no process behind. The CLI runs as its own
process, with the real tools."""

from __future__ import annotations

import json
import time
from pathlib import Path

from processes import no_traceback, run, working_in

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
