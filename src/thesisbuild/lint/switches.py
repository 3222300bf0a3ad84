"""Inline switches: `<!-- thesisbuild: disable=english -->` … `<!-- thesisbuild:
enable=english -->` silence rules over a passage, `disable-next-line` over the next line;
without `=RULE` every rule. Written in markdown cells (jupytext files and .ipynb too), so
the author keeps an exception next to the text it excuses, as with `# noqa`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..sources.chapter import ChapterSource, Location
from ..text.document import Text, chapter_texts, inside
from .finding import Finding

SWITCH = re.compile(
    r"<!--\s*thesisbuild:\s*(?P<action>disable-next-line|disable|enable)\b"
    r"(?:\s*=\s*(?P<rules>[\w\s,-]*?))?\s*-->"
)
Place = tuple[int, int, int]  # (cell or 0, line, column), as findings sort
Rules = frozenset[str] | None  # None: every rule


@dataclass(frozen=True)
class Switch:
    """One switch comment: where it stands, what it names, and what it does."""

    where: Place
    rules: Rules
    action: str
    location: Location


def place(location: Location) -> Place:
    return (location.cell or 0, location.line, location.column)


def switches(chapter: ChapterSource) -> list[Switch]:
    """The chapter's switches in file order (not those shown inside code blocks)."""
    if not any("thesisbuild:" in cell.source for cell in chapter.cells):
        return []  # most chapters: no second pass over the text
    return sorted(
        (
            found
            for text in chapter_texts(chapter)
            if text.kind == "prose"
            for found in in_text(text)
        ),
        key=lambda switch: switch.where,
    )


def in_text(text: Text) -> Iterator[Switch]:
    code = sorted((start, start + len(body)) for start, body in text.code_blocks())
    for match in SWITCH.finditer(text.text):
        if inside(match.start(), code):
            continue
        names = match.group("rules")
        rules = frozenset(filter(None, re.split(r"[\s,]+", names))) if names else None
        end = text.locate(match.end())
        action = match.group("action")
        where = place(end) if action == "disable-next-line" else place(text.locate(match.start()))
        yield Switch(where, rules or None, action, text.locate(match.start()))


def silenced(finding: Finding, found: Iterable[Switch]) -> bool:
    """Whether the switches before the finding turn its rule off at its place: the last
    disable/enable naming it, or a disable-next-line on the line above."""
    here = place(finding.location)
    applying = [
        switch
        for switch in found
        if switch.where <= here and (switch.rules is None or finding.rule in switch.rules)
    ]
    above = (here[0], here[1] - 1)
    if any(s.action == "disable-next-line" and s.where[:2] == above for s in applying):
        return True
    actions = [switch.action for switch in applying if switch.action != "disable-next-line"]
    return bool(actions) and actions[-1] == "disable"


def unknown_names(found: Iterable[Switch], known: set[str]) -> Iterator[Finding]:
    """A switch that names no rule would silently silence nothing: say so."""
    for switch in found:
        for name in sorted((switch.rules or frozenset()) - known):
            message = f"unknown rule {name!r} in a thesisbuild switch (lint --list-rules)"
            yield Finding(switch.location, "switch", "warning", message, name)
