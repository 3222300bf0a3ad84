"""Chapters whose code must run run at the same time, up to `execute_jobs`: proved by
events the cells record (each waits for the other to start, which a serial build would
never see), not by how long a build takes. Output, messages and failures are as in a
serial build; Ctrl-C ends every kernel."""

from __future__ import annotations

import io
import json
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from conftest import run_thesisbuild
from processes import PATIENCE, alive, descendants, interrupt, start
from small_project import thesis

from thesisbuild.cli.liveline import live_line
from thesisbuild.core.errors import BuildFailed, EnvironmentProblem, ThesisbuildError
from thesisbuild.notebook.kernels import Kernels
from thesisbuild.notebook.parallel import ChapterRuns

# Records its start; when the project has a file `meet`, waits (at most 120 s) for the
# other chapter's cell to start before it ends: only chapters running at once meet.
MEETING = """# {title}

```python
import json, pathlib, time
events = pathlib.Path("../events.jsonl")
with events.open("a") as log:
    log.write(json.dumps(["start", "{name}"]) + "\\n")
if pathlib.Path("../meet").exists():
    deadline = time.monotonic() + {patience}
    while '"start", "{other}"' not in events.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
with events.open("a") as log:
    log.write(json.dumps(["end", "{name}"]) + "\\n")
print("{name} rechnet", 6 * 7)
```
"""
TEXT = "# Zwischen\n\nNur Text.\n"


def meeting(title: str, name: str, other: str) -> str:
    named = MEETING.replace("{title}", title).replace("{name}", name).replace("{other}", other)
    return named.replace("{patience}", str(PATIENCE))


def events(root: Path) -> list[list[str]]:
    lines = (root / "events.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.kernel
def test_two_chapters_run_at_once_and_build_as_a_serial_build(tmp_path: Path) -> None:
    chapters = {
        "01.md": meeting("Eins", "a", "b"),
        "02.md": TEXT,
        "03.md": meeting("Drei", "b", "a"),
    }
    root = thesis(tmp_path, "title: T\nauthor: A\nexecute_jobs: 1\n", chapters)
    serial = run_thesisbuild("md", "-C", root)
    assert serial.code == 0, serial.err
    assert events(root) == [["start", "a"], ["end", "a"], ["start", "b"], ["end", "b"]]
    serial_markdown = (root / "build" / "thesis.md").read_text()

    (root / "events.jsonl").unlink()
    (root / "meet").touch()
    (root / "thesis.yaml").write_text("title: T\nauthor: A\nexecute_jobs: 2\n")
    parallel = run_thesisbuild("md", "--rerun", "-C", root)
    assert parallel.code == 0, parallel.err
    happened = events(root)
    assert happened.index(["start", "b"]) < happened.index(["end", "a"])
    assert happened.index(["start", "a"]) < happened.index(["end", "b"])
    assert (root / "build" / "thesis.md").read_text() == serial_markdown
    assert "a rechnet 42" in serial_markdown and "b rechnet 42" in serial_markdown
    assert parallel.err == serial.err
    assert parallel.err.splitlines()[:3] == [
        "thesis/01.md: executed and exported",
        "thesis/02.md: exported",
        "thesis/03.md: executed and exported",
    ]
    again = run_thesisbuild("md", "-C", root)  # the cache is the serial build's
    assert "thesis/03.md: exported (code unchanged: outputs from the cache)" in again.err


FAILING = "# {0}\n\nText.\n\n```python\nx = 1\nraise ValueError('kaputt in {0}')\n```\n"
RUNNING = "# Gut\n\n```python\nprint('gut', 6 * 7)\n```\n"


@pytest.mark.kernel
def test_every_failing_chapter_is_reported_and_the_good_one_is_cached(tmp_path: Path) -> None:
    chapters = {"01.md": FAILING.format("Eins"), "02.md": RUNNING, "03.md": FAILING.format("Drei")}
    root = thesis(tmp_path, "title: T\nauthor: A\nexecute_jobs: 2\n", chapters)
    done = run_thesisbuild("md", "-C", root)
    assert done.code == 1
    assert "thesis/01.md:7: code cell 2 raised ValueError: kaputt in Eins" in done.err
    assert "thesis/03.md:7: code cell 2 raised ValueError: kaputt in Drei" in done.err
    assert "Traceback" not in done.err
    cached = list((root / "build" / ".cache" / "executed").glob("thesis-02-md-*.json"))
    assert len(cached) == 1 and "gut 42" in cached[0].read_text()


@pytest.mark.kernel
def test_ctrl_c_ends_every_running_kernel(tmp_path: Path) -> None:
    sleeping = (
        "# {0}\n\n```python\nopen('../{0}', 'w').close()\nimport time\ntime.sleep(120)\n```\n"
    )
    chapters = {"01.md": sleeping.format("eins"), "02.md": sleeping.format("zwei")}
    root = thesis(tmp_path / "p", "title: T\nauthor: A\nexecute_jobs: 2\n", chapters)
    log = tmp_path / "build.log"
    process = start("md", "-C", root, log=log)
    deadline = time.monotonic() + PATIENCE
    while not ((root / "eins").exists() and (root / "zwei").exists()):
        assert time.monotonic() < deadline and process.poll() is None, log.read_text()
        time.sleep(0.05)
    started = descendants(process.pid)
    assert len(started) >= 2
    assert interrupt(process) == 130
    assert not [pid for pid in started if alive(pid)]
    assert "Traceback" not in log.read_text()


def ran(value: str) -> Future[str]:
    future: Future[str] = Future()
    future.set_result(value)
    return future


def failed(error: BaseException) -> Future[str]:
    future: Future[str] = Future()
    future.set_exception(error)
    return future


def test_results_come_in_chapter_order_and_failures_together() -> None:
    runs = ChapterRuns[str](2)
    with runs:
        started = [ran("a"), failed(BuildFailed("b: kaputt")), ran("c"), failed(BuildFailed("d"))]
        seen = []
        with pytest.raises(ThesisbuildError) as raised:
            for result in runs.in_order(started):
                seen.append(result)
    assert seen == ["a"]
    assert raised.value.message == "b: kaputt\nd"
    assert raised.value.exit_code == 1


def test_an_environment_problem_among_failures_exits_2() -> None:
    runs = ChapterRuns[str](2)
    started = [failed(BuildFailed("a")), failed(EnvironmentProblem("b: no kernel"))]
    with runs, pytest.raises(ThesisbuildError) as raised:
        list(runs.in_order(started))
    assert raised.value.exit_code == 2


def test_one_job_stops_at_the_first_failure() -> None:
    with ChapterRuns[str](1) as runs:
        waiting: Future[str] = Future()
        with pytest.raises(BuildFailed) as raised:
            list(runs.in_order([failed(BuildFailed("a")), waiting]))
    assert raised.value.message == "a"
    assert waiting.cancelled()


def test_a_stopped_build_starts_no_kernel() -> None:
    kernels = Kernels()
    ended: list[object] = []
    kernels.add("k1", ended.append)
    kernels.stop()
    assert ended == ["k1"]
    with pytest.raises(KeyboardInterrupt):
        kernels.check()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_line_names_every_running_cell() -> None:
    stream = Terminal()
    show = live_line(stream)
    show("thesis/01.md:5: code cell 2", 3.0)
    show("thesis/03.md:7: code cell 2", 3.0)
    show("thesis/01.md:5: code cell 2", None)
    assert stream.getvalue().split("\r\x1b[K")[1:] == [
        "thesis/01.md:5: code cell 2: running for 3 s",
        "thesis/01.md:5: code cell 2: running for 3 s · "
        "thesis/03.md:7: code cell 2: running for 3 s",
        "thesis/03.md:7: code cell 2: running for 3 s",
    ]
