"""The `[todo …]` bracket grammar, shared by the lint rule and the build (which turns
each todo into a margin note): where a todo starts and which `]` closes it."""

from __future__ import annotations

import re

BRACKET_START = re.compile(r"\[todo\b", re.IGNORECASE)
BRACKETS = re.compile(r"[\[\]]")
BRACKET_TOKENS = re.compile(r"[\[\]]|<https?://")


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
