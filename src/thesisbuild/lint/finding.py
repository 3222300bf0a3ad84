"""A Finding: one problem at one place in the file the user edits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from ..sources.chapter import Location

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One problem at one place in the file the user edits."""

    location: Location
    rule: str
    severity: Severity
    message: str
    text: str
    replacement: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        where = self.location
        return (where.path, where.cell or 0, where.line, where.column, self.rule)

    def as_json(self) -> dict[str, object]:
        """The documented JSON shape: path, line, column, cell, rule, severity, message, text."""
        where = asdict(self.location)
        return {
            **where,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
        }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == "error" for finding in findings)
