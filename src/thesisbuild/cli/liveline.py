"""How the command line shows a long-running cell: on a terminal one line rewritten in
place every second; in CI logs (no terminal) a plain line every ten seconds, so the log
shows progress without a line per second."""

from __future__ import annotations

from typing import TextIO

from ..core.progress import Running

PLAIN_EVERY_SECONDS = 10


def live_line(stream: TextIO) -> Running:
    """A Running callback writing to `stream`."""
    terminal = stream.isatty()

    def show(label: str, seconds: float | None) -> None:
        if terminal:
            text = "" if seconds is None else f"{label}: running for {seconds:.0f} s"
            stream.write("\r\x1b[K" + text)
        elif seconds is None:
            return
        elif round(seconds) % PLAIN_EVERY_SECONDS < 1 or round(seconds) == 3:
            stream.write(f"{label}: running for {seconds:.0f} s\n")
        stream.flush()

    return show
