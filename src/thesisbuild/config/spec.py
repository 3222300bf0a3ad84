"""The thesis.yaml schema: each key is a field of config/model.py's types declared with `key()`
(type, default, range, template variable, README text). This module walks those fields
for the reader (thesisyaml), the template variables, the README table and the JSON Schema."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Spec:
    """What thesis.yaml's reference says about a key, beyond its Python type."""

    help: str
    variable: str | None = None  # the template variable it feeds (None: read by the build)
    example: Any = None  # a non-default value (README, JSON Schema, the effect test)
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None  # a length in this unit: "12pt", "2.5cm"
    type_text: str | None = None  # README's type column when the Python type says too little
    default_text: str | None = None  # README's default column when the value says too little
    yaml: str | None = None  # the dotted YAML name when it differs from the field's
    read: str | None = None  # a special reader of thesisyaml.ConfigReader
    required: bool = False
    to_template: Callable[[Any], Any] | None = None  # value → template form, if not the plain one


def key(default: T, help: str, **spec: Any) -> T:
    """Declare a thesis.yaml key: a dataclass field carrying its Spec."""
    return field(default=default, metadata={"spec": Spec(help, **spec)})


@dataclass(frozen=True)
class Entry:
    """One declared key of a config class, its type resolved."""

    name: str  # the field's name
    yaml: str  # its (dotted) name in thesis.yaml, relative to the owner
    type: Any  # the resolved annotation, None stripped
    optional: bool
    default: Any
    spec: Spec


def entries(cls: type) -> list[Entry]:
    """The declared keys of a config dataclass, in declaration order."""
    hints = typing.get_type_hints(cls)
    found = []
    for item in dataclasses.fields(cls):
        spec = item.metadata.get("spec")
        if isinstance(spec, Spec):
            tp, optional = strip_none(hints[item.name])
            yaml = spec.yaml or item.name
            found.append(Entry(item.name, yaml, tp, optional, item.default, spec))
    return found


def strip_none(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return rest[0], len(rest) < len(typing.get_args(tp))
    return tp, False


def choices(tp: Any) -> tuple[str, ...]:
    """The values of a Literal type, () for any other type."""
    return typing.get_args(tp) if typing.get_origin(tp) is Literal else ()


def item_type(tp: Any) -> Any:
    """X of tuple[X, ...], None for any other type."""
    args = typing.get_args(tp)
    return args[0] if typing.get_origin(tp) is tuple and args[-1:] == (Ellipsis,) else None


def is_section(entry: Entry) -> bool:
    """A mapping of further keys (layout, layout.margins), not a value of its own."""
    return dataclasses.is_dataclass(entry.type) and entry.spec.read is None


def leaves(cls: type, prefix: str = "") -> Iterator[tuple[str, Entry]]:
    """(dotted YAML name, entry) of every key that holds a value, sections expanded."""
    for entry in entries(cls):
        name = f"{prefix}{entry.yaml}"
        if is_section(entry):
            yield from leaves(entry.type, f"{name}.")
        else:
            yield name, entry


def template_variables(value: Any) -> dict[str, Any]:
    """A config object → the template variables its keys feed (unset ones left out)."""
    found: dict[str, Any] = {}
    for entry in entries(type(value)):
        item = getattr(value, entry.name)
        if entry.spec.variable is not None:
            convert = entry.spec.to_template or plain
            found[entry.spec.variable] = convert(item)
        elif dataclasses.is_dataclass(item):
            found.update(template_variables(item))
    return {name: item for name, item in found.items() if item not in (None, [], "")}


def plain(value: Any) -> Any:
    """Dataclasses, tuples and paths as YAML-ready dicts, lists and strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: plain(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return str(value) if isinstance(value, Path) else value
