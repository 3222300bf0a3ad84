"""How the command line shows long-running cells: on a terminal one line rewritten in
place every second, naming every chapter's running cell when chapters run at once; in CI
logs (no terminal) a plain line every ten seconds per cell, so the log shows progress
without a line per second. Cells of several chapters report from their own threads: one
lock keeps their lines whole."""

from __future__ import annotations

import threading
from typing import TextIO

from ..core.progress import Running

PLAIN_EVERY_SECONDS = 10


def live_line(stream: TextIO) -> Running:
    """A Running callback writing to `stream`."""
    terminal = stream.isatty()
    shown: set[str] = set()
    running: dict[str, float] = {}  # label → seconds, in the order the cells started
    lock = threading.Lock()

    def on_terminal(label: str, seconds: float | None) -> None:
        if seconds is None:
            running.pop(label, None)
        else:
            running[label] = seconds
        text = " · ".join(f"{name}: running for {time:.0f} s" for name, time in running.items())
        stream.write("\r\x1b[K" + text)

    def in_log(label: str, seconds: float | None) -> None:
        if seconds is None:
            shown.discard(label)
        # the first notice always: on a busy machine it may come at 3.6 s, not at 3 s
        elif label not in shown or round(seconds) % PLAIN_EVERY_SECONDS < 1:
            shown.add(label)
            stream.write(f"{label}: running for {seconds:.0f} s\n")

    def show(label: str, seconds: float | None) -> None:
        with lock:
            (on_terminal if terminal else in_log)(label, seconds)
            stream.flush()

    return show
