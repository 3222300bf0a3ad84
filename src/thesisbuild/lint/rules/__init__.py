"""The lint rules: each a function Text → Matches, registered with its default severity."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from ...config import Config
from ..document import Text

Severity = Literal["error", "warning"]


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


def registry() -> tuple[Rule, ...]:
    """Every rule, in the order its findings are reported for one place."""
    from . import heading, terminology, texmath, todo

    return (
        Rule("todo", "warning", todo.check, "open todos: [todo …], TODO/todo:, unchecked boxes"),
        Rule("terminology", "error", terminology.check, "discouraged terms from thesis.yaml"),
        Rule("math", "warning", texmath.check, "TeX math in running text outside $…$"),
        Rule("heading", "warning", heading.check, "a chapter without a level-1 heading"),
    )
