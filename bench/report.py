"""The results as markdown: the table, the cost of each added chapter, the targets met."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import loop
from diffcase import DIFF_TARGET, DIFF_TARGET_RATIO
from settings import Settings
from timing import Row

LINT_TARGET_SECONDS = 0.5
STATS_TARGET_SECONDS = 1.0
STATS_TARGET = (
    f"`thesisbuild stats` of the shipped thesis ≤ {STATS_TARGET_SECONDS:g} s, process start "
    "included"
)
CHECK_TARGET_SECONDS = 5.0
CHECK_TARGET = (
    f"`thesisbuild check` of the shipped thesis's PDF ≤ {CHECK_TARGET_SECONDS:g} s, process "
    "start included"
)
LINEAR_TOLERANCE = 1.5  # the cost of one more chapter may grow this much and still be linear
LINT_TARGET = (
    f"`thesisbuild lint` of the shipped thesis < {LINT_TARGET_SECONDS} s, process start included"
)
LINEAR_TARGET = "`thesisbuild lint` grows linearly: each added chapter costs about the same"
COLUMNS = "task|size|chapters|command|runs|median s|ms/chapter|thesisbuild ÷ alternative|result"


@dataclass
class Report:
    rows: list[Row]
    settings: Settings
    loop: list[loop.LoopRow]

    def reference(self, row: Row) -> Row | None:
        """The first alternative of the same task and size that succeeded."""
        return next(
            (
                other
                for other in self.rows
                if (other.task, other.size) == (row.task, row.size)
                and other.role == "alternative"
                and not other.error
            ),
            None,
        )

    def ratio(self, row: Row) -> str:
        reference = self.reference(row) if row.role == "thesisbuild" and not row.error else None
        if reference is None:
            return ""
        return f"{row.median / reference.median:.2f}× {reference.tool}"

    def runs(self, row: Row) -> str:
        count = str(len(row.outcomes))
        if row.error:
            return f"{count} (failed)"
        return f"{count} (budget)" if row.capped else count

    def cells(self, row: Row) -> list[str]:
        per_chapter = "" if row.role == "probe" else f"{row.median * 1000 / row.chapters:.1f}"
        result = f"**failed**: `{cell_text(row.error)}`" if row.error else "ok"
        result += f" ({cell_text(row.note)})" if row.note else ""
        size = [row.task, f"×{row.size}", str(row.chapters), f"`{cell_text(row.command)}`"]
        return [*size, self.runs(row), f"{row.median:.2f}", per_chapter, self.ratio(row), result]

    def table(self) -> str:
        header = COLUMNS.split("|")
        lines = [markdown_row(header), markdown_row(["---"] * len(header))]
        return "\n".join(lines + [markdown_row(self.cells(row)) for row in self.rows])

    def loop_table(self) -> str:
        return loop.table(self.loop) if self.loop else "(the loop was not run)"

    def growth(self) -> list[str]:
        """Per command run at several sizes: the time each added chapter costs."""
        by_command: dict[tuple[str, str], list[Row]] = {}
        for row in self.rows:
            if row.role != "probe" and not row.error:
                by_command.setdefault((row.task, row.command), []).append(row)
        return [
            growth_line(command, rows) for (_, command), rows in by_command.items() if len(rows) > 1
        ]

    def targets(self) -> list[str]:
        """Lint of the shipped thesis under LINT_TARGET_SECONDS; lint growing linearly."""
        lint = [r for r in self.rows if (r.task, r.role) == ("lint", "thesisbuild") and not r.error]
        shipped = [row for row in lint if row.size == 1]
        lines = []
        if shipped:
            seconds = shipped[0].median
            verdict = "met" if seconds < LINT_TARGET_SECONDS else "**missed**"
            lines.append(f"- {LINT_TARGET}: {verdict} ({seconds:.2f} s)")
        if len(lint) > 2:
            verdict = "met" if is_linear(lint) else "**missed**"
            lines.append(f"- {LINEAR_TARGET}: {verdict} (see Growth)")
        return lines + self.stats_target() + self.diff_target() + self.check_target()

    def check_target(self) -> list[str]:
        """`check` of the shipped thesis's PDF within CHECK_TARGET_SECONDS."""
        seconds = check_seconds(self.rows)
        if seconds is None:
            return []
        verdict = "met" if seconds <= CHECK_TARGET_SECONDS else "**missed**"
        return [f"- {CHECK_TARGET}: {verdict} ({seconds:.2f} s)"]

    def stats_target(self) -> list[str]:
        """`stats` of the shipped thesis (no parse cache) within STATS_TARGET_SECONDS."""
        stats = [r for r in self.rows if (r.task, r.role) == ("stats", "thesisbuild")]
        if not stats or stats[0].error:
            return []
        seconds = stats[0].median
        verdict = "met" if seconds <= STATS_TARGET_SECONDS else "**missed**"
        return [f"- {STATS_TARGET}: {verdict} ({seconds:.2f} s)"]

    def diff_target(self) -> list[str]:
        """A cold diff within DIFF_TARGET_RATIO of one cold build, measured in the same run."""
        diff = [r for r in self.rows if (r.task, r.role) == ("diff", "thesisbuild") and not r.error]
        reference = self.reference(diff[0]) if diff else None
        if not diff or reference is None:
            return []
        ratio = diff[0].median / reference.median
        verdict = "met" if ratio <= DIFF_TARGET_RATIO else "**missed**"
        return [f"- {DIFF_TARGET}: {verdict} ({ratio:.2f}×)"]


def check_seconds(rows: Sequence[Row]) -> float | None:
    found = [r for r in rows if (r.task, r.role) == ("check", "thesisbuild") and not r.error]
    return found[0].median if found else None


def markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def cell_text(text: str) -> str:
    return text.replace("`", "'").replace("|", "\\|")


def marginal_costs(rows: Sequence[Row]) -> list[float]:
    """Seconds per added chapter between consecutive sizes."""
    ordered = sorted(rows, key=lambda row: row.chapters)
    return [(b.median - a.median) / (b.chapters - a.chapters) for a, b in pairwise(ordered)]


def is_linear(rows: Sequence[Row]) -> bool:
    costs = marginal_costs(rows)
    return len(costs) < 2 or costs[-1] <= LINEAR_TOLERANCE * max(costs[0], 1e-9)


def growth_line(command: str, rows: Sequence[Row]) -> str:
    ordered = sorted(rows, key=lambda row: row.chapters)
    steps = ", ".join(
        f"{a.chapters} → {b.chapters} chapters: +{cost * 1000:.1f} ms/chapter"
        for (a, b), cost in zip(pairwise(ordered), marginal_costs(ordered), strict=True)
    )
    verdict = ""
    if len(ordered) > 2:
        costs = marginal_costs(ordered)
        ratio = costs[-1] / costs[0] if costs[0] > 0 else float("inf")
        kind = "linear" if is_linear(ordered) else "**faster than linear growth**"
        verdict = f" — {kind} (last step ÷ first step = {ratio:.2f}; linear ≤ {LINEAR_TOLERANCE})"
    return f"- `{command}`: {steps}{verdict}"
