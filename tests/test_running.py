"""The live line for long cells: rewritten in place on a terminal, plain lines otherwise."""

from __future__ import annotations

import io
import time

import pytest

from thesisbuild.cli.liveline import live_line
from thesisbuild.core import progress as running


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_line_rewritten_and_cleared() -> None:
    stream = Terminal()
    show = live_line(stream)
    show("thesis/03.md:41: code cell 2", 3.0)
    show("thesis/03.md:41: code cell 2", 4.0)
    show("thesis/03.md:41: code cell 2", None)
    assert stream.getvalue() == (
        "\r\x1b[Kthesis/03.md:41: code cell 2: running for 3 s"
        "\r\x1b[Kthesis/03.md:41: code cell 2: running for 4 s"
        "\r\x1b[K"
    )


def test_a_log_gets_a_line_at_3_s_and_every_10_s() -> None:
    stream = io.StringIO()
    show = live_line(stream)
    for second in range(3, 22):
        show("cell", float(second))
    show("cell", None)
    assert stream.getvalue() == (
        "cell: running for 3 s\ncell: running for 10 s\ncell: running for 20 s\n"
    )


def test_ticking_reports_only_long_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(running, "QUIET_SECONDS", 0.05)
    monkeypatch.setattr(running, "TICK_SECONDS", 0.05)
    heard: list[tuple[str, float | None]] = []
    with running.ticking("kurz", lambda label, seconds: heard.append((label, seconds))):
        pass
    with running.ticking("lang", lambda label, seconds: heard.append((label, seconds))):
        time.sleep(0.2)
    assert heard[0][0] == "lang" and heard[-1] == ("lang", None)
    assert all(label == "lang" for label, _ in heard)
