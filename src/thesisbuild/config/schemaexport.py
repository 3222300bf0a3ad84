"""The thesis.yaml schema for people and editors: the README's reference table and a JSON
Schema (`thesisbuild schema`), both derived from the declarations in config/model.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .model import RULE_LEVELS, Author, Config
from .spec import Entry, choices, entries, is_section, item_type, leaves, plain

JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
LENGTH_PATTERN = r"^-?[0-9]+(\.[0-9]+)?\s*(pt|mm|cm|in)?$"
# thesis.yaml's latex.packages items: a name, or {name, options}
LATEX_PACKAGE = {"anyOf": [{"type": "string"}, {
    "type": "object", "required": ["name"], "additionalProperties": False,
    "properties": {"name": {"type": "string"}, "options": {"type": "string"}},
}]}  # fmt: skip
TABLE_HEAD = "| key | type | default | meaning |\n| --- | --- | --- | --- |"


def readme_table() -> str:
    """The README's `thesis.yaml` reference table, one row per key."""
    rows = [
        f"| `{name}` | {type_text(entry)} | {default_text(entry)} | {entry.spec.help} |"
        for name, entry in leaves(Config)
    ]
    return "\n".join([TABLE_HEAD, *rows])


def type_text(entry: Entry) -> str:
    spec, tp = entry.spec, entry.type
    if spec.type_text:
        return spec.type_text
    if spec.unit:
        return f"length, {spec.minimum:g}–{spec.maximum:g} {spec.unit}"
    if tp is float:
        return f"number, {spec.minimum}–{spec.maximum}"
    if tp is bool:
        return "`true` \\| `false`"
    if tp is int:
        return f"whole number, {spec.minimum:g}–{spec.maximum:g}"
    if choices(tp):
        return " \\| ".join(f"`{choice}`" for choice in choices(tp))
    if item_type(tp) is not None:
        return "list of paths" if item_type(tp) is Path else "list of text"
    return "path" if tp is Path else "text"


def default_text(entry: Entry) -> str:
    if entry.spec.default_text:
        return entry.spec.default_text
    if entry.default in (None, ()):
        return "none"
    return f"`{str(entry.default).lower() if entry.type is bool else entry.default}`"


def json_schema() -> dict[str, Any]:
    """A JSON Schema of thesis.yaml, for editors (yaml-language-server) to complete keys."""
    schema = object_schema(Config)
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        "title": "thesis.yaml (thesisbuild)",
        **schema,
        "required": ["title"],
    }


def object_schema(cls: type) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for entry in entries(cls):
        *sections, last = entry.yaml.split(".")
        place = properties
        for section in sections:
            place = place.setdefault(section, closed({})).setdefault("properties", {})
        place[last] = described(entry, value_schema(entry))
    return closed(properties)


def closed(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "additionalProperties": False}


def described(entry: Entry, schema: dict[str, Any]) -> dict[str, Any]:
    extra: dict[str, Any] = {"description": entry.spec.help}
    if entry.default not in (None, (), "") and not is_section(entry):
        extra["default"] = plain(entry.default)
    if entry.spec.example is not None:
        extra["examples"] = [example_form(entry)]
    return {**schema, **extra}


def example_form(entry: Entry) -> Any:
    if entry.spec.read == "pairs":
        return dict(entry.spec.example)
    return plain(entry.spec.example)


def value_schema(entry: Entry) -> dict[str, Any]:
    if entry.spec.read is not None:
        return special_schema(entry.spec.read)
    if is_section(entry):
        return object_schema(entry.type)
    return type_schema(entry.type, entry)


def type_schema(tp: Any, entry: Entry) -> dict[str, Any]:
    spec = entry.spec
    if spec.unit:
        return {"type": ["string", "number"], "pattern": LENGTH_PATTERN}
    if tp is float:
        return {"type": "number", "minimum": spec.minimum, "maximum": spec.maximum}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if choices(tp):
        return {"enum": list(choices(tp))}
    if item_type(tp) is not None:
        return {"type": "array", "items": type_schema(item_type(tp), entry)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return object_schema(tp)
    return {"type": ["string", "number"]} if tp is str else {"type": "string"}


def special_schema(read: str) -> dict[str, Any]:
    """The keys with a reader of their own (thesisyaml.ConfigReader.<read>)."""
    texts = {"type": "array", "items": {"type": "string"}}
    schemas: dict[str, dict[str, Any]] = {
        "font": {"type": "string"},
        "author": {"anyOf": [{"type": "string"}, object_schema(Author)]},
        "chapter_list": {
            "type": "array",
            "items": {"type": "string", "pattern": r"\.(md|py|ipynb)$"},
            "uniqueItems": True,
        },
        "pairs": {"type": "object", "additionalProperties": {"type": "string"}},
        "sperrvermerk": {"type": ["boolean", "string"]},
        "spacing": {
            "anyOf": [
                {"type": "number"},
                closed({"baseline": {"type": ["string", "number"], "pattern": LENGTH_PATTERN}}),
                closed({"word": {"type": "number"}}),
            ]
        },
        "input_globs": texts,
        "latex": closed(
            {"packages": {"type": "array", "items": LATEX_PACKAGE}, "preamble": {"type": "string"}}
        ),
        "terminology": {"type": "object", "additionalProperties": texts},
        "rule_settings": {"type": "object", "additionalProperties": {"enum": list(RULE_LEVELS)}},
    }
    return schemas[read]
