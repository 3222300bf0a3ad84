"""The kernels chapters run on at this moment. Chapters run in threads of their own
(parallel.py); Ctrl-C and SIGTERM reach only the main thread, and each kernel runs in a
session of its own, so the main thread ends them all from here: it kills each local
kernel's process group and asks a gateway to delete each remote kernel. A chapter that
has not started yet, or is between cells, sees `stopped` and stops."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import Any


class Stopped(KeyboardInterrupt):
    """The build was interrupted while this chapter waited or ran: its kernel is ended
    like at Ctrl-C (a KeyboardInterrupt, so every cleanup for Ctrl-C runs for it)."""


class Kernels:
    """The nbclient clients whose kernels are in use, and whether the build was stopped."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._live: dict[int, tuple[Any, Callable[[Any], None]]] = {}

    def add(self, client: Any, end: Callable[[Any], None] | None = None) -> None:
        """Track a NotebookClient; `end` ends its kernel from any thread (default: kill
        the local kernel's process group)."""
        with self._lock:
            self._live[id(client)] = (client, end or kill_local)

    def discard(self, client: Any) -> None:
        with self._lock:
            self._live.pop(id(client), None)

    def check(self) -> None:
        """Raise Stopped once the build was stopped (before a kernel starts, a cell runs)."""
        if self.stopped.is_set():
            raise Stopped

    def stop(self) -> None:
        """End every kernel now; chapters not started yet never start one."""
        self.stopped.set()
        with self._lock:
            live = list(self._live.values())
        for client, end in live:
            with contextlib.suppress(Exception):  # ending the others matters more
                end(client)


def kill_local(client: Any) -> None:
    """SIGKILL to the kernel's process group (its own session: the kernel and what its
    code started), once the kernel process exists."""
    provisioner = getattr(client.km, "provisioner", None)
    group = getattr(provisioner, "pgid", None)
    if group:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
