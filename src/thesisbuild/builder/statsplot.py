"""build/stats-history.png: words and open todos over the revisions, one dated point each,
drawn with matplotlib (imported here alone, so `stats` without --history stays fast)."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..core.errors import EnvironmentProblem
from ..core.files import naming, temporary_name
from ..core.paths import refuse_links_on_the_way
from .stats import RevisionStats

WORDS_COLOUR = "tab:blue"
TODOS_COLOUR = "tab:red"


def require_matplotlib() -> None:
    """Stop before reading the history when the plot cannot be drawn (exit 2)."""
    if importlib.util.find_spec("matplotlib") is None:
        raise EnvironmentProblem(
            "stats --history draws build/stats-history.png with matplotlib, which is not "
            "installed: pip install matplotlib (or thesisbuild[thesis])"
        )


def draw_history(rows: Sequence[RevisionStats], title: str, target: Path) -> None:
    """Write the plot to target (build/ must hold no planted link on the way), atomically."""
    import matplotlib

    matplotlib.use("Agg")  # no display: CI, ssh, a terminal without a GUI toolkit
    import matplotlib.pyplot as plt

    figure, words = plt.subplots(figsize=(8, 4.5), dpi=100)
    try:
        plot(figure, words, rows, title)
        refuse_links_on_the_way(target.parent.parent, target.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(temporary_name(target))
        with naming(target):
            figure.savefig(staged, format="png")
        os.replace(staged, target)
    finally:
        plt.close(figure)


def plot(figure: Any, words: Any, rows: Sequence[RevisionStats], title: str) -> None:
    import matplotlib.dates as mdates

    dates = [datetime.fromisoformat(row.revision.date) for row in rows]
    words.plot(dates, [row.total.words for row in rows], "o-", color=WORDS_COLOUR, label="words")
    words.set_ylabel("words", color=WORDS_COLOUR)
    # Unequal headroom: the two series, scaled each to its axis, never hide each other.
    words.set_ylim(0, max(row.total.words for row in rows) * 1.1 or 1)
    todos = words.twinx()  # todos are tens, words thousands: each its own axis
    todos.plot(
        dates, [row.total.todos for row in rows], "s--", color=TODOS_COLOUR, label="open todos"
    )
    todos.set_ylabel("open todos", color=TODOS_COLOUR)
    todos.set_ylim(0, max(row.total.todos for row in rows) * 1.3 or 1)
    todos.yaxis.get_major_locator().set_params(integer=True)
    if max(dates) - min(dates) < timedelta(days=2):  # one revision, or one day's commits
        words.set_xlim(min(dates) - timedelta(days=1), max(dates) + timedelta(days=1))
    few_days = max(dates) - min(dates) < timedelta(days=7)  # no ticks every few hours
    words.xaxis.set_major_locator(mdates.DayLocator() if few_days else mdates.AutoDateLocator())
    words.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))  # as the table's
    figure.autofmt_xdate()
    lines = words.get_lines() + todos.get_lines()
    words.legend(lines, [line.get_label() for line in lines], loc="lower center",
                 bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)  # fmt: skip
    words.set_title(title, pad=28)
    words.grid(True, alpha=0.3)
    figure.tight_layout()
