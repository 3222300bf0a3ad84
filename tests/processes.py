"""`thesisbuild` as a separate process, as a user or CI runs it: real exit codes, signals
(Ctrl-C, two builds at once, `watch`) and resource limits reach it, and nothing is shared
with the test's interpreter."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

# How long a test waits for a process before it calls it hung: far above what any step
# takes on a machine whose cores are all busy, so no test depends on the machine's speed.
PATIENCE = 900

THESISBUILD = Path(sys.executable).with_name("thesisbuild")


def start(*args: str | Path, log: Path) -> subprocess.Popen[bytes]:
    """Start `thesisbuild ARGS…`, its stdout and stderr going to `log`; Ctrl-C reaches it
    even when the suite itself runs in the background (whose children ignore SIGINT)."""
    with log.open("wb") as stream:
        return subprocess.Popen(
            [str(THESISBUILD), *map(str, args)],
            stdout=stream,
            stderr=subprocess.STDOUT,
            preexec_fn=hear_ctrl_c,
        )


def hear_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for(log: Path, text: str, timeout: float = PATIENCE, count: int = 1) -> None:
    """Until `text` appears `count` times in the log (the process is then where the test
    wants it)."""
    deadline = time.monotonic() + timeout
    while log.read_text(encoding="utf-8", errors="replace").count(text) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not printed within {timeout} s:\n{log.read_text()}")
        time.sleep(0.1)


def interrupt(process: subprocess.Popen[bytes]) -> int:
    """Ctrl-C as a terminal sends it, to thesisbuild; its exit code."""
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=PATIENCE)


def descendants(pid: int) -> set[int]:
    """Every process pid started, and what those started, read from /proc (Linux)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in map(int, (task / "children").read_text(encoding="utf-8").split()):
                found |= {child, *descendants(child)}
    return found


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" not in status.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False


def command(*args: str | Path) -> list[str]:
    return [str(THESISBUILD), *(str(arg) for arg in args)]


def run(
    *args: str | Path, timeout: float = PATIENCE, setup: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`thesisbuild ARGS` in a child process; `setup` runs in the child before it starts."""
    return subprocess.run(
        command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=setup,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def cpu_seconds(*args: str | Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """CPU time (user + system) the command used: unlike wall time, a busy machine leaves
    it alone, so a limit on it tests the algorithm, not the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run(*args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, done


def no_traceback(done: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in done.stderr and "Traceback" not in done.stdout


def working_in(folder: Path) -> list[str]:
    """Processes (pid and command line) whose command line or working folder names
    `folder`: what a build of that project left running, whoever started it (a build's
    children run in sessions of their own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid() or not alive(int(entry.name)):
            continue
        with contextlib.suppress(OSError):
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd")
            if str(folder) in line or cwd == str(folder) or cwd.startswith(f"{folder}/"):
                found.append(f"{entry.name}: {line}")
    return found
