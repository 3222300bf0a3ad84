"""Rule `terminology`: discouraged terms from thesis.yaml's lint.terminology, with --fix.

Fires:     "Entitäten in einem Text"   (Eigennamen: [Entitäten]) → "Eigennamen"
Passes:    "`Entitäten`", "$Entitäten$", "<https://x.org/Entitäten>", "[a](Entitäten.md)"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...config import Config, TerminologyRule
from ..document import Text, inside
from . import Match


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code" or not config.terminology:
        return
    protected = text.protected_spans()
    candidates = [
        (match.start(), match.end(), rule.preferred, match.group(0))
        for rule in config.terminology
        for pattern in patterns(rule)
        for match in pattern.finditer(text.text)
        if match.group(0) and not inside(match.start(), protected)
    ]
    for start, end, preferred, term in sorted(longest_first(candidates)):
        message = f'write "{preferred}" instead of "{term}" (thesis.yaml lint.terminology)'
        yield Match(start, end, message, term, preferred)


def longest_first(
    candidates: list[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    """Of overlapping matches keep the longer one (the earlier one if equally long)."""
    kept: list[tuple[int, int, str, str]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        start, end = candidate[0], candidate[1]
        if all(end <= other[0] or other[1] <= start for other in kept):
            kept.append(candidate)
    return kept


@cache
def patterns(rule: TerminologyRule) -> tuple[re.Pattern[str], ...]:
    """Plain forms match whole words, case-insensitively; /forms/ are regexes as written."""
    return tuple(compile_form(form) for form in rule.forms)


def compile_form(form: str) -> re.Pattern[str]:
    if len(form) > 2 and form.startswith("/") and form.endswith("/"):
        return re.compile(form[1:-1])
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
