"""Read a composed YAML node tree into plain values, noting every problem with its line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

T = TypeVar("T")
TRUE_WORDS = {"true", "yes", "on"}
FALSE_WORDS = {"false", "no", "off"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, at a 1-based line."""

    line: int
    where: str
    message: str


@dataclass
class NodeReader:
    """Converts nodes, collecting Problems instead of stopping at the first."""

    problems: list[Problem] = field(default_factory=list)

    def problem(self, node: yaml.Node, where: str, message: str) -> None:
        self.problems.append(Problem(node.start_mark.line + 1, where, message))

    def mapping(
        self, node: yaml.Node, where: str, known: set[str] | None = None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Return key → (key node, value node); unknown keys are problems."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"expected a mapping, got {describe(node)}")
            return {}
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in entries:  # PyYAML keeps the last of duplicate keys without a word
                line = entries[key][0].start_mark.line + 1
                self.problem(key_node, join(where, key), f"duplicate key (first on line {line})")
                continue
            if known is not None and key not in known:
                hint = ", ".join(sorted(known))
                self.problem(key_node, join(where, key), f"unknown key (known keys: {hint})")
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, f"expected a list, got {describe(node)}")
            return []
        return list(node.value)

    def string(self, node: yaml.Node, where: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.problem(node, where, f"expected text, got {describe(node)}")
            return None
        return str(node.value)

    def boolean(self, node: yaml.Node, where: str) -> bool | None:
        text = self.string(node, where)
        if text is None:
            return None
        if text.lower() in TRUE_WORDS | FALSE_WORDS:
            return text.lower() in TRUE_WORDS
        self.problem(node, where, f"expected true or false, got {text!r}")
        return None

    def number(self, node: yaml.Node, where: str) -> float | None:
        text = self.string(node, where)
        try:
            return float(text) if text is not None else None
        except ValueError:
            self.problem(node, where, f"expected a number, got {text!r}")
            return None

    def choice(self, node: yaml.Node, where: str, choices: tuple[str, ...]) -> str | None:
        text = self.string(node, where)
        if text is not None and text not in choices:
            self.problem(node, where, f"expected one of {', '.join(choices)}, got {text!r}")
            return None
        return text

    def strings(self, node: yaml.Node, where: str) -> list[str]:
        items = (
            self.string(item, f"{where}[{i}]") for i, item in enumerate(self.sequence(node, where))
        )
        return [item for item in items if item is not None]

    def each(
        self, node: yaml.Node, where: str, read: Callable[[yaml.Node, str], T | None]
    ) -> Iterator[T]:
        for index, item in enumerate(self.sequence(node, where)):
            value = read(item, f"{where}[{index}]")
            if value is not None:
                yield value


def describe(node: yaml.Node) -> str:
    """Name a node's kind the way a user thinks of it."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing"
    value: Any = node.value
    return f"{value!r}"


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
