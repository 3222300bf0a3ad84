"""What a rule is: a function Text → Matches with its name, default severity, whether
--fix applies and whether --strict makes its warnings errors. The rules import this; the
registry in rules/ imports the rules (as in yamllint)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..config.model import Config
from ..text.document import Text
from .finding import Severity


@dataclass(frozen=True)
class Match:
    """What a rule found: a span of the Text, and for fixable rules the replacement."""

    start: int
    end: int
    message: str
    text: str
    replacement: str | None = None


RuleFunction = Callable[[Text, Config], Iterator[Match]]


@dataclass(frozen=True)
class Rule:
    """`check` is None for rules over the whole thesis (crossref, citation), which the
    linter runs once rather than per text. `strict`: --strict makes its warnings errors
    (what leaves the PDF unfinished or wrong; prose judgements such as spelling stay
    warnings, so a false positive never blocks `pdf --final`)."""

    name: str
    severity: Severity
    check: RuleFunction | None
    summary: str
    fixable: bool = False
    strict: bool = False


def severity(rule: Rule, config: Config, strict: bool) -> Severity | None:
    """The one place that says how severe a rule's findings are: thesis.yaml's
    `lint.rules` (None: off), else the rule's default; --strict turns the warnings of
    the rules marked `strict` into errors (info stays info)."""
    level = config.rule_levels.get(rule.name, rule.severity)
    if level == "off":
        return None
    if strict and rule.strict and level == "warning":
        return "error"
    return level


def keep_case(original: str, replacement: str) -> str:
    """A replacement written the way the text it replaces starts: "Anomalieerkennung" at
    the start of a sentence or heading becomes "Anomaly detection", not "anomaly …"."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
