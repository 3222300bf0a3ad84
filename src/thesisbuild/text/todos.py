"""Open todos in a chapter's text: the `[todo …]` bracket grammar, `TODO:` lines,
unchecked boxes, todos in comments and `# TODO` in code. Shared by the lint rule (one
finding each), the build (margin notes) and `stats` (counted, their text no prose)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .document import FENCE, Text, inside, without_unclosable

BRACKET_START = re.compile(r"\[todo\b", re.IGNORECASE)
BRACKETS = re.compile(r"[\[\]]")
BRACKET_TOKENS = re.compile(r"[\[\]]|<https?://")
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
# How much of a todo's text is kept: a finding shows at most 500 characters, and an
# unclosed `[todo` would otherwise carry the rest of the chapter (quadratic reports).
CONTENT_LIMIT = 2000


@dataclass(frozen=True)
class Todo:
    """One open todo: its span in the Text (marker and text) and its text, raw."""

    start: int
    end: int
    content: str
    unclosed: bool = False


def todos(text: Text) -> Iterator[Todo]:
    """Every open todo of the Text, one per marker (nested markers are one todo)."""
    if text.kind == "code":
        return comment_todos(text.text, 0)
    return prose_todos(text.text, text.protected_spans())


def prose_todos(markdown: str, protected: list[tuple[int, int]]) -> Iterator[Todo]:
    """The todos of markdown whose code, math and URLs are the protected spans."""
    brackets = list(bracket_todos(markdown, protected))
    yield from brackets
    taken = sorted((todo.start, todo.end) for todo in brackets)
    for match in LINE_MARKERS.finditer(markdown):
        if not inside(match.start(), protected) and not inside(match.start(), taken):
            yield line_todo(match)
    for fence in FENCE.finditer(without_unclosable(markdown)):
        yield from comment_todos(fence.group("body"), fence.start("body"))
    yield from in_comments(markdown, protected)


def line_todo(match: re.Match[str]) -> Todo:
    content = (match.group("rest") if match.group("word") else match.group("item")) or ""
    return Todo(match.start(), match.end(), content)


def in_comments(text: str, protected: list[tuple[int, int]]) -> Iterator[Todo]:
    """Todos inside `<!-- … -->` and `[//]: # (…)`, their text ending with the comment."""
    code = [span for span in protected if text[span[0]] in "`~"]
    for comment in COMMENT.finditer(text):
        group = next((g for g in ("html", "paren", "quote") if comment.group(g) is not None), "")
        if not group or inside(comment.start(), code):
            continue
        body, offset = comment.group(group), comment.start(group)
        inner = list(bracket_todos(body, []))
        taken = sorted((todo.start, todo.end) for todo in inner)
        inner += [
            line_todo(match)
            for match in LINE_MARKERS.finditer(body)
            if not inside(match.start(), taken)
        ]
        for todo in inner:
            yield replace(todo, start=todo.start + offset, end=todo.end + offset)


def bracket_todos(text: str, protected: list[tuple[int, int]]) -> Iterator[Todo]:
    pairs = bracket_pairs(text)
    for start_match in BRACKET_START.finditer(text):
        start = start_match.start()
        end = pairs.get(start)
        if end is None or inside(start, protected):
            continue  # inside a <URL>, or code
        content = text[start_match.end() : min(end - 1, start_match.end() + CONTENT_LIMIT)]
        if end > len(text):
            yield Todo(start, len(text), content, unclosed=True)
        else:
            yield Todo(start, end, content)


def comment_todos(code: str, offset: int) -> Iterator[Todo]:
    for match in COMMENT_MARKER.finditer(code):
        yield Todo(offset + match.start(), offset + match.end(), match.group("rest"))


def bracket_pairs(text: str) -> dict[int, int]:
    """Offset of each `[` → offset just past its `]` (len(text) + 1 when unclosed), in one
    pass over the text: nested [] count, `[` inside <http://…> do not."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    tokens = BRACKET_TOKENS
    index = 0
    while (match := tokens.search(text, index)) is not None:
        index = match.end()
        if match.group() == "[":
            opened.append(match.start())
        elif match.group() == "]":
            if opened:
                pairs[opened.pop()] = match.end()
        elif (close := text.find(">", index)) != -1:
            index = close + 1  # an autolink: its brackets are part of the URL
        else:
            tokens = BRACKETS  # no `>` after here: no more autolinks (keeps it linear)
    pairs.update((start, len(text) + 1) for start in opened)
    return pairs


def squash(content: str) -> str:
    """The todo's content on one line: inner whitespace and line breaks collapsed."""
    return " ".join(content.split())
