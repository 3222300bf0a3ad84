"""One rule's outcome: what was required, what the PDF measured, and where it fails."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    """`pages`: 1-based pages that break the rule; `where`: the places behind them
    (`thesis/02-x.md:14: page 4: 35.3 pt into the right margin …`)."""

    rule: str
    required: str
    measured: str
    ok: bool
    pages: tuple[int, ...] = ()
    where: tuple[str, ...] = ()
