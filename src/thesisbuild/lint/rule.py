"""What a rule is: a function Text → Matches with its name and default severity. The
rules import this; the registry in rules/ imports the rules (as in yamllint)."""

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
    name: str
    severity: Severity
    check: RuleFunction
    summary: str
