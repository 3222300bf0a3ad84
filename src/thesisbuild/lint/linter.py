"""Run the rules over chapters and turn their matches into Findings at file locations;
thesis.yaml's `lint.rules` and the chapters' inline switches decide what is reported."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

from ..config.model import CONFIG_NAME, Config
from ..core.errors import ConfigError
from ..sources.chapter import ChapterSource
from ..text.document import Text, chapter_texts
from .finding import Finding, Severity
from .rule import Rule, severity
from .rules import registry, thesis_checks
from .switches import silenced, switches, unknown_names

Active = list[tuple[Rule, Severity]]


def lint_chapters(
    chapters: Iterable[ChapterSource],
    config: Config,
    *,
    strict: bool = False,
    only: Collection[str] | None = None,
) -> list[Finding]:
    """Every finding of every rule that is on, sorted by path, cell, line and column;
    `only` names the rules a caller reads (a draft build reads three), the others stay
    unrun: spelling and language detection cost a prose edit's build 0.1 s."""
    chapters = list(chapters)
    active = [(rule, level) for rule, level in active_rules(config, strict)
              if only is None or rule.name in only]  # fmt: skip
    findings = [
        finding
        for chapter in chapters
        for text in chapter_texts(chapter)
        for rule, level in active
        if rule.check is not None
        for finding in run_rule(rule, level, text, config)
    ]
    findings += thesis_findings(chapters, config, active)
    known = {rule.name for rule in registry()}
    return sorted(switched(findings, chapters, known), key=lambda finding: finding.sort_key)


def active_rules(config: Config, strict: bool) -> Active:
    """The rules that are on, with the severity of their findings."""
    rules = registry()
    check_names(config, {rule.name for rule in rules})
    return [(rule, level) for rule in rules if (level := severity(rule, config, strict))]


def check_names(config: Config, known: set[str]) -> None:
    """`lint.rules` naming no rule is a typo that would silently change nothing."""
    for setting in config.rules:
        if setting.name not in known:
            raise ConfigError(
                f"{CONFIG_NAME}:{setting.line}: lint.rules.{setting.name}: unknown rule "
                f"(known: {', '.join(sorted(known))})"
            )


def run_rule(rule: Rule, level: Severity, text: Text, config: Config) -> Iterator[Finding]:
    assert rule.check is not None
    for match in rule.check(text, config):
        yield Finding(
            text.locate(match.start),
            rule.name,
            level,
            match.message,
            match.text,
            match.replacement,
        )


def thesis_findings(
    chapters: Sequence[ChapterSource], config: Config, active: Active
) -> Iterator[Finding]:
    """The rules over the whole thesis (labels and keys may be defined in another file)."""
    checks = thesis_checks()
    for rule, level in active:
        if rule.name in checks:
            yield from checks[rule.name](chapters, config, level)


def switched(
    findings: list[Finding], chapters: Sequence[ChapterSource], known: set[str]
) -> Iterator[Finding]:
    """The findings no inline switch silences, and a warning for each unknown name."""
    by_path = {chapter.display: switches(chapter) for chapter in chapters}
    for finding in findings:
        found = by_path.get(finding.location.path, [])
        if not found or not silenced(finding, found):
            yield finding
    for found in by_path.values():
        yield from unknown_names(found, known)
