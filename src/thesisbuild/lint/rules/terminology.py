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
    candidates = sorted(
        (
            (match.start(), -match.end(), rule.preferred, match.group(0))
            for rule in config.terminology
            for pattern in patterns(rule)
            for match in pattern.finditer(text.text)
            if match.group(0) and not inside(match.start(), protected)
        ),
    )
    last_end = -1
    for start, negative_end, preferred, term in candidates:
        if start < last_end:
            continue  # the longer match at an earlier offset wins
        last_end = -negative_end
        message = f'write "{preferred}" instead of "{term}" (thesis.yaml lint.terminology)'
        yield Match(start, last_end, message, term, preferred)


@cache
def patterns(rule: TerminologyRule) -> tuple[re.Pattern[str], ...]:
    """Plain forms match whole words, case-insensitively; /forms/ are regexes as written."""
    return tuple(compile_form(form) for form in rule.forms)


def compile_form(form: str) -> re.Pattern[str]:
    if len(form) > 2 and form.startswith("/") and form.endswith("/"):
        return re.compile(form[1:-1])
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
