"""Run the rules over chapters and turn their matches into Findings at file locations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from ..config import Config
from ..sources import ChapterSource, Location
from .document import Text, texts
from .rules import Rule, Severity, registry


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


def lint_chapters(
    chapters: Iterable[ChapterSource], config: Config, *, strict: bool = False
) -> list[Finding]:
    """Every finding of every rule, sorted by path, cell, line and column."""
    from .crossrefs import crossref_findings  # it builds Findings: imported when used

    chapters = list(chapters)
    rules = registry()
    findings = [
        finding
        for chapter in chapters
        for text in texts(chapter)
        for rule in rules
        for finding in run_rule(rule, text, config, strict)
    ]
    findings += crossref_findings(chapters, config, strict)
    return sorted(findings, key=lambda finding: finding.sort_key)


def run_rule(rule: Rule, text: Text, config: Config, strict: bool) -> Iterator[Finding]:
    severity: Severity = "error" if strict else rule.severity
    for match in rule.check(text, config):
        yield Finding(
            text.locate(match.start),
            rule.name,
            severity,
            match.message,
            match.text,
            match.replacement,
        )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == "error" for finding in findings)
