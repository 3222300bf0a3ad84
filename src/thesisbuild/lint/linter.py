"""Run the rules over chapters and turn their matches into Findings at file locations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config.model import Config
from ..sources.chapter import ChapterSource
from ..text.document import Text, texts
from .crossrefs import crossref_findings
from .finding import Finding, Severity
from .rule import Rule
from .rules import registry


def lint_chapters(
    chapters: Iterable[ChapterSource], config: Config, *, strict: bool = False
) -> list[Finding]:
    """Every finding of every rule, sorted by path, cell, line and column."""
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
