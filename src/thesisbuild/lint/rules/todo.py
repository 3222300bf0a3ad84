"""Rule `todo`: every open marker, one finding each, its text being the todo's content.

Fires:     "Perceptrons [todo wer und wann]."  → "wer und wann"
Fires:     "- [ ] Abbildung einfügen", "☐ Quelle", "TODO: Quelle", "# todo: refactor"
Fires:     "<!-- TODO: Quelle -->" → "Quelle", "[//]: # (TODO: Quelle)" → "Quelle"
Passes:    "- [x] erledigt", "☒ erledigt", "`[todo]` in inline code"
"""

from __future__ import annotations

from collections.abc import Iterator

from ...config.model import Config
from ...text.document import Text
from ...text.todos import CONTENT_LIMIT, squash, todos
from ..rule import Match

MESSAGE = "open todo: {}"
MESSAGE_TEXT_LIMIT = 80
TEXT_LIMIT = 500


def check(text: Text, config: Config) -> Iterator[Match]:
    for todo in todos(text):
        if todo.unclosed:
            yield Match(todo.start, todo.end, "unclosed [todo: add the closing ]",
                        limited(todo.content))  # fmt: skip
        else:
            yield found(todo.start, todo.end, todo.content)


def found(start: int, end: int, content: str) -> Match:
    text = limited(content)
    shown = text if len(text) <= MESSAGE_TEXT_LIMIT else text[: MESSAGE_TEXT_LIMIT - 1] + "…"
    return Match(start, end, MESSAGE.format(shown) if text else "open todo", text)


def limited(content: str) -> str:
    """A finding's text: at most TEXT_LIMIT characters (its line and column say where the
    whole todo is), so a report stays linear in the chapter's size."""
    text = squash(content[:CONTENT_LIMIT])  # a comment's rest of line may be long too
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
