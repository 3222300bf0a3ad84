"""The verdicts as a table (rule | required | measured | verdict, then the places) or as
JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Literal

from .verdict import Verdict

CheckFormat = Literal["text", "json"]
FORMATS: tuple[CheckFormat, ...] = ("text", "json")
HEAD = ("rule", "required", "measured", "verdict")


def table(verdicts: Sequence[Verdict]) -> str:
    rows = [HEAD, *((v.rule, v.required, v.measured, "ok" if v.ok else "FAIL") for v in verdicts)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEAD))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]  # fmt: skip
    lines.insert(1, "-+-".join("-" * width for width in widths))
    places = [f"{v.rule}: {where}" for v in verdicts for where in v.where]
    return "\n".join(line.rstrip() for line in [*lines, *places])


def as_json(verdicts: Sequence[Verdict]) -> str:
    return json.dumps([dataclasses.asdict(v) for v in verdicts], ensure_ascii=False, indent=2)


def render(verdicts: Sequence[Verdict], form: CheckFormat) -> str:
    return as_json(verdicts) if form == "json" else table(verdicts)


def warnings(verdicts: Sequence[Verdict]) -> list[str]:
    """A draft's failed rules, one warning line each (and one per place)."""
    lines = []
    for v in verdicts:
        if not v.ok:
            lines.append(f"warning: check: {v.rule}: required {v.required}, measured {v.measured}")
            lines.extend(f"{where}: warning: check: {v.rule}" for where in v.where)
    return lines
