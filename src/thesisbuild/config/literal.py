"""thesis.yaml's text as literal text: pandoc reads metadata as Markdown, where `\\input{…}`
is raw LaTeX, `$…$` math passed to TeX as written, `@key` a citation and `[x]{.todo}` a
todo, so a title could read files or break the build. Backslash-escaping (pandoc's
`all_symbols_escapable`) every character with a meaning in Markdown leaves only text, which
pandoc's LaTeX writer escapes. `-`, `.`, `,`, `:`, `/`, quotes and parentheses stay as
they are (readable, and typographic: `--` is a dash) unless they open a line as a list
item or a definition would."""

from __future__ import annotations

import re
from typing import Any

import yaml

MARKUP = re.compile(
    r"(?P<lead>^[ \t]*(?:\d+(?=[.)](?:[ \t]|$)))?)(?P<first>[-:.)])"  # list, definition
    r"|(?P<markup>[\\`$*_{}\[\]<>#+!|~^@&=%])",
    re.MULTILINE,
)


class Raw(str):
    """Markdown the tool wrote itself around a checked value (the logo's path as raw
    LaTeX): passed to pandoc as it is."""


yaml.SafeDumper.add_representer(Raw, yaml.representer.SafeRepresenter.represent_str)


def literal(value: Any) -> Any:
    """Escape every string in a metadata value (strings, lists, mappings) for pandoc."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return MARKUP.sub(escape, value)
    if isinstance(value, list):
        return [literal(item) for item in value]
    if isinstance(value, dict):
        return {key: literal(item) for key, item in value.items()}
    return value


def escape(match: re.Match[str]) -> str:
    if match.group("markup"):
        return "\\" + match.group("markup")
    return match.group("lead") + "\\" + match.group("first")
