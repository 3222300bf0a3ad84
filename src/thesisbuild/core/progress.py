"""What a build tells while it runs. Stages never print: they hand their news to a
Reporter, which the command line shows — stage lines and warnings, the commands run (with
-v), and a long-running cell after a few seconds, once a second, so a build that trains a
model does not look hung."""

from __future__ import annotations

import contextlib
import os
import shlex
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# (label, seconds so far) while the cell runs; (label, None) once it is done.
Running = Callable[[str, float | None], None]
QUIET_SECONDS = 3.0
TICK_SECONDS = 1.0
Say = Callable[[str], None]


def quiet(_message: str) -> None:
    """Say nothing."""


@dataclass(frozen=True)
class Reporter:
    """Where a build's news goes: `say` hears stage lines and warnings, `command` the
    commands run (None: not shown), `running` the long-running cells (None: not shown)."""

    say: Say = quiet
    command: Say | None = None
    running: Running | None = None

    def note(self, message: str) -> None:
        """What the build left out on purpose (with -v): `note: thesis/01.ipynb:cell 1: …`."""
        if self.command is not None:
            self.command(f"note: {message}")

    def ran(self, argv: Sequence[str], cwd: Path | None = None) -> None:
        """Show a command as it could be typed (with -v)."""
        if self.command is not None:
            where = f"cd {cwd} && " if cwd is not None else ""
            self.command(f"$ {where}{shlex.join(argv)}")


# Tests set it: whether a cell gets a notice must not depend on how busy the machine is.
QUIET_VARIABLE = "THESISBUILD_QUIET_SECONDS"


def quiet_seconds() -> float:
    """How long a cell runs before its first notice: QUIET_SECONDS, or the environment's."""
    try:
        return max(0.0, float(os.environ[QUIET_VARIABLE]))
    except (KeyError, ValueError):
        return QUIET_SECONDS


@contextlib.contextmanager
def ticking(label: str, running: Running | None) -> Iterator[None]:
    """Report `label` every second from the third (`quiet_seconds()`) on, until the block
    ends."""
    if running is None:
        yield
        return
    done = threading.Event()
    quiet = quiet_seconds()
    start = time.monotonic()
    reported = threading.Event()

    def tick() -> None:
        wait = quiet
        while not done.wait(wait):
            reported.set()
            running(label, time.monotonic() - start)
            wait = TICK_SECONDS

    thread = threading.Thread(target=tick, name="thesisbuild-running", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if reported.is_set():
            running(label, None)
