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


def test_a_busy_machines_late_first_notice_is_still_logged() -> None:
    """The tick meant for 3 s came at 3.6 s: rounded that is 4, and the log showed nothing."""
    stream = io.StringIO()
    show = live_line(stream)
    for seconds in (3.6, 4.7, 10.2, 11.3):
        show("cell", seconds)
    show("cell", None)
    assert stream.getvalue() == "cell: running for 4 s\ncell: running for 10 s\n"


def test_ticking_reports_only_long_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thresholds the test sets, not the machine's speed: a block within an hour is
    never reported, one past 0 s always is."""
    monkeypatch.setattr(running, "TICK_SECONDS", 0.05)
    heard: list[tuple[str, float | None]] = []
    monkeypatch.setenv(running.QUIET_VARIABLE, "3600")
    with running.ticking("kurz", lambda label, seconds: heard.append((label, seconds))):
        time.sleep(0.1)
    monkeypatch.setenv(running.QUIET_VARIABLE, "0")
    with running.ticking("lang", lambda label, seconds: heard.append((label, seconds))):
        time.sleep(0.1)
    assert heard[0][0] == "lang" and heard[-1] == ("lang", None)
    assert all(label == "lang" for label, _ in heard)


@pytest.mark.parametrize(
    ("value", "seconds"), [(None, 3.0), ("0.5", 0.5), ("-1", 0.0), ("bald", 3.0)]
)
def test_the_threshold_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str | None, seconds: float
) -> None:
    if value is None:
        monkeypatch.delenv(running.QUIET_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(running.QUIET_VARIABLE, value)
    assert running.quiet_seconds() == seconds
