"""The command line as a separate process, as a user or CI runs it: real exit codes,
signals and resource limits reach it, and nothing is shared with the test's interpreter."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

THESISBUILD = Path(sys.executable).with_name("thesisbuild")


def command(*args: str | Path) -> list[str]:
    return [str(THESISBUILD), *(str(arg) for arg in args)]


def run(
    *args: str | Path, timeout: float = 300, setup: Callable[[], None] | None = None
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
