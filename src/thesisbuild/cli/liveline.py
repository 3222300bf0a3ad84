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
    shown: set[str] = set()

    def show(label: str, seconds: float | None) -> None:
        if terminal:
            text = "" if seconds is None else f"{label}: running for {seconds:.0f} s"
            stream.write("\r\x1b[K" + text)
        elif seconds is None:
            shown.discard(label)
            return
        # the first notice always: on a busy machine it may come at 3.6 s, not at 3 s
        elif label not in shown or round(seconds) % PLAIN_EVERY_SECONDS < 1:
            shown.add(label)
            stream.write(f"{label}: running for {seconds:.0f} s\n")
        stream.flush()

    return show
