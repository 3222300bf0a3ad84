"""Rule `todo`: every open marker, one finding each, its text being the todo's content.

Fires:     "Perceptrons [todo wer und wann]."  → "wer und wann"
Fires:     "- [ ] Abbildung einfügen", "☐ Quelle", "TODO: Quelle", "# todo: refactor"
Fires:     "<!-- TODO: Quelle -->" → "Quelle", "[//]: # (TODO: Quelle)" → "Quelle"
Passes:    "- [x] erledigt", "☒ erledigt", "`[todo]` in inline code"
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ...config import Config
from ..document import Text, inside
from . import Match

BRACKET_START = re.compile(r"\[todo\b", re.IGNORECASE)
LINE_MARKERS = re.compile(
    r"(?P<word>\bTODO\b:?|(?<![\w\[])todo:)[ \t]*(?P<rest>[^\n]*)"
    r"|(?P<box>☐|^[ \t]*[-*+][ \t]+\[ \])[ \t]*(?P<item>[^\n]*)",
    re.MULTILINE,
)
COMMENT_MARKER = re.compile(r"#[ \t]*(?:\bTODO\b|todo\b):?[ \t]*(?P<rest>[^\n]*)", re.IGNORECASE)
COMMENT = re.compile(
    r"<!--(?P<html>.*?)-->"
    r"|^\[//\]:[ \t]*\#[ \t]*(?:\((?P<paren>[^\n]*)\)|\"(?P<quote>[^\n]*)\")[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
MESSAGE = "open todo: {}"
MESSAGE_TEXT_LIMIT = 80


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        yield from comment_todos(text.text, 0)
        return
    protected = text.protected_spans()
    brackets = list(bracket_todos(text.text, protected))
    yield from brackets
    taken = sorted((match.start, match.end) for match in brackets)
    for match in LINE_MARKERS.finditer(text.text):
        if not inside(match.start(), protected) and not inside(match.start(), taken):
            content = (match.group("rest") if match.group("word") else match.group("item")) or ""
            yield found(match.start(), match.end(), content)
    for offset, body in text.code_blocks():
        yield from comment_todos(body, offset)
    yield from in_comments(text.text, protected)


def in_comments(text: str, protected: list[tuple[int, int]]) -> Iterator[Match]:
    """Todos inside `<!-- … -->` and `[//]: # (…)`, their text ending with the comment."""
    code = [span for span in protected if text[span[0]] in "`~"]
    for comment in COMMENT.finditer(text):
        group = next((g for g in ("html", "paren", "quote") if comment.group(g) is not None), "")
        if not group or inside(comment.start(), code):
            continue
        body, offset = comment.group(group), comment.start(group)
        inner = list(bracket_todos(body, []))
        taken = sorted((match.start, match.end) for match in inner)
        for match in LINE_MARKERS.finditer(body):
            if not inside(match.start(), taken):
                content = match.group("rest") if match.group("word") else match.group("item")
                inner.append(found(match.start(), match.end(), content or ""))
        for todo in inner:
            yield dataclasses.replace(todo, start=todo.start + offset, end=todo.end + offset)


def bracket_todos(text: str, protected: list[tuple[int, int]]) -> Iterator[Match]:
    for start_match in BRACKET_START.finditer(text):
        start = start_match.start()
        if inside(start, protected):
            continue
        end = closing_bracket(text, start)
        content = text[start_match.end() : end - 1 if end <= len(text) else end]
        if end > len(text):
            yield Match(start, len(text), "unclosed [todo: add the closing ]", squash(content))
        else:
            yield found(start, end, content)


def closing_bracket(text: str, start: int) -> int:
    """Offset just past the ] closing the [ at start; nested [] and <URLs> count."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "<" and text.startswith(("<http://", "<https://"), index):
            close = text.find(">", index)
            index = close if close != -1 else index
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text) + 1


def comment_todos(code: str, offset: int) -> Iterator[Match]:
    for match in COMMENT_MARKER.finditer(code):
        yield found(offset + match.start(), offset + match.end(), match.group("rest"))


def found(start: int, end: int, content: str) -> Match:
    text = squash(content)
    shown = text if len(text) <= MESSAGE_TEXT_LIMIT else text[: MESSAGE_TEXT_LIMIT - 1] + "…"
    return Match(start, end, MESSAGE.format(shown) if text else "open todo", text)


def squash(content: str) -> str:
    """The todo's content on one line: inner whitespace and line breaks collapsed."""
    return " ".join(content.split())
