"""The lint rules, one module each; `registry` lists them with their default severity."""

from __future__ import annotations

from ..rule import Rule
from . import heading, image, terminology, texmath, todo


def registry() -> tuple[Rule, ...]:
    """Every rule, in the order its findings are reported for one place."""
    return (
        Rule("todo", "warning", todo.check, "open todos: [todo …], TODO/todo:, unchecked boxes"),
        Rule("terminology", "error", terminology.check, "discouraged terms from thesis.yaml"),
        Rule("math", "warning", texmath.check, "TeX math in running text outside $…$"),
        Rule("heading", "warning", heading.check, "no level-1 heading, headings numbered by hand"),
        Rule("image", "warning", image.check, "image paths not found, or only in another case"),
    )
