"""Rule `terminology`: discouraged terms from thesis.yaml's lint.terminology, with --fix.

Fires:     "Entitäten in einem Text"   (Eigennamen: [Entitäten]) → "Eigennamen"
Fires:     "## Anomalieerkennung" (anomaly detection: [Anomalieerkennung]) → "## Anomaly
           detection": the fix keeps the case the replaced text starts with
Passes:    "`Entitäten`", "$Entitäten$", "<https://x.org/Entitäten>", "[a](Entitäten.md)"

Forms are matched with the `regex` module (Python's syntax) for its time limit: a user's
pattern with catastrophic backtracking (`/(a|aa)+$/`) would otherwise hang lint.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from ...config.model import CONFIG_NAME, Config, TerminologyRule
from ...core.errors import ConfigError
from ...text.document import Text, inside
from ..rule import Match, keep_case

SECONDS_PER_PATTERN = 2.0
Candidate = tuple[int, int, str, str]


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code" or not config.terminology:
        return
    protected = text.protected_spans()
    candidates = [
        (start, end, rule.preferred, term)
        for rule in config.terminology
        for index in range(len(rule.forms))
        for start, end, term in matches(rule, index, text)
        if not inside(start, protected)
    ]
    for start, end, preferred, term in sorted(longest_first(candidates)):
        written = keep_case(term, preferred)
        message = f'write "{written}" instead of "{term}" (thesis.yaml lint.terminology)'
        yield Match(start, end, message, term, written)


def matches(rule: TerminologyRule, index: int, text: Text) -> Iterator[tuple[int, int, str]]:
    """Non-empty matches of one form, or a ConfigError at its line when it runs too long."""
    try:
        for match in patterns(rule)[index].finditer(text.text, timeout=SECONDS_PER_PATTERN):
            if match.group(0):
                yield match.start(), match.end(), match.group(0)
    except TimeoutError:
        line = rule.lines[index] if index < len(rule.lines) else 0
        raise ConfigError(
            f"{CONFIG_NAME}:{line}: lint.terminology.{rule.preferred}: {rule.forms[index]} "
            f"takes longer than {SECONDS_PER_PATTERN:g} s on {text.chapter.display}; simplify "
            "the regular expression (nested repetition like (a|aa)+ backtracks exponentially)."
        ) from None


def longest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Of overlapping matches keep the longer one (the earlier one if equally long).
    Only matches that overlap are compared, so this stays linear in their number."""
    kept: list[Candidate] = []
    for group in overlapping_groups(sorted(candidates)):
        kept.extend(greedy(group) if len(group) > 1 else group)
    return kept


def overlapping_groups(ordered: list[Candidate]) -> Iterator[list[Candidate]]:
    """Runs of candidates (sorted by start) that overlap one another, transitively."""
    group: list[Candidate] = []
    reach = -1
    for candidate in ordered:
        if group and candidate[0] >= reach:
            yield group
            group = []
        group.append(candidate)
        reach = max(reach, candidate[1]) if len(group) > 1 else candidate[1]
    if group:
        yield group


def greedy(group: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for candidate in sorted(group, key=lambda c: (c[0] - c[1], c[0])):
        start, end = candidate[0], candidate[1]
        if all(end <= other[0] or other[1] <= start for other in kept):
            kept.append(candidate)
    return kept


@cache
def patterns(rule: TerminologyRule) -> tuple[regex.Pattern[str], ...]:
    """Plain forms match whole words, case-insensitively; /forms/ are regexes as written."""
    return tuple(compile_form(form) for form in rule.forms)


def compile_form(form: str) -> regex.Pattern[str]:
    if is_pattern(form):
        return regex.compile(form[1:-1])
    return regex.compile(rf"(?<!\w){regex.escape(form)}(?!\w)", regex.IGNORECASE)


def is_pattern(form: str) -> bool:
    return len(form) > 2 and form.startswith("/") and form.endswith("/")
