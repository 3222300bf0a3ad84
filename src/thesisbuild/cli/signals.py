"""SIGTERM (`kill`, a CI runner's timeout, a container stopping) takes Ctrl-C's way out:
without it Python dies at once, the build lock is released, and pandoc, latexmk, LaTeX
and the Jupyter kernel, each in a session of its own, keep running for a minute or more."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C raises KeyboardInterrupt, so every `except
    BaseException` that ends a subprocess or shuts down a kernel runs for it too."""


@dataclass
class Sigterm:
    """Whether SIGTERM came (watchfiles turns any signal into a plain KeyboardInterrupt)."""

    received: bool = False

    def handle(self, _signum: int, _frame: FrameType | None) -> None:
        if self.received:  # a second one while the first cleans up: let the cleanup finish
            return
        self.received = True
        raise Terminated


@contextmanager
def sigterm_interrupts() -> Iterator[Sigterm]:
    """Turn SIGTERM into Terminated while the block runs (only the main thread may set a
    handler: called from another, SIGTERM keeps its handler)."""
    sigterm = Sigterm()
    if threading.current_thread() is not threading.main_thread():
        yield sigterm
        return
    previous = signal.signal(signal.SIGTERM, sigterm.handle)
    try:
        yield sigterm
    finally:
        signal.signal(signal.SIGTERM, previous)
