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

from ...config.model import Config
from ...text.document import Text, inside
from ...text.todos import BRACKET_START, bracket_pairs, squash
from ..rule import Match

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
TEXT_LIMIT = 500


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
    pairs = bracket_pairs(text)
    for start_match in BRACKET_START.finditer(text):
        start = start_match.start()
        end = pairs.get(start)
        if end is None or inside(start, protected):
            continue  # inside a <URL>, or code
        content = text[start_match.end() : min(end - 1, start_match.end() + 4 * TEXT_LIMIT)]
        if end > len(text):
            yield Match(start, len(text), "unclosed [todo: add the closing ]", limited(content))
        else:
            yield found(start, end, content)


def comment_todos(code: str, offset: int) -> Iterator[Match]:
    for match in COMMENT_MARKER.finditer(code):
        yield found(offset + match.start(), offset + match.end(), match.group("rest"))


def found(start: int, end: int, content: str) -> Match:
    text = limited(content)
    shown = text if len(text) <= MESSAGE_TEXT_LIMIT else text[: MESSAGE_TEXT_LIMIT - 1] + "…"
    return Match(start, end, MESSAGE.format(shown) if text else "open todo", text)


def limited(content: str) -> str:
    """A finding's text: at most TEXT_LIMIT characters (its line and column say where the
    whole todo is), so a report stays linear in the chapter's size."""
    text = squash(content[: 4 * TEXT_LIMIT])  # a comment's rest of line may be long too
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
