"""Rule `heading`, its part over the chapter's outline: a section with nothing in it
(a heading followed directly by one of the same or a higher level), a level jump
(`#` → `###`, which the PDF numbers "1.0.1"), and two sibling sections with one title.

Fires:     "## Daten\\n\\n## Modell" (Daten is empty); "# A\\n\\n### B" (jump);
           "## Daten … ## Daten" under one parent (the second)
Passes:    "## Daten\\n\\n### Korpus" (a subsection is content); "## Daten" followed by a
           code cell; "## Setup" under two different chapters' sections
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...sources.chapter import ChapterSource, SourceCell
from ...text.document import Text
from ..rule import Match

HEADING_LINE = re.compile(r"(?P<marks>#{1,6})[ \t]+(?P<title>.*?)[ \t#]*(?:\{[^}]*\})?[ \t]*")
FENCE = re.compile(r"[ \t]*(```|~~~)")


@dataclass(frozen=True)
class Heading:
    cell: SourceCell
    line: int  # 0-based line in the cell
    level: int
    title: str
    empty: bool = False


def check_outline(text: Text) -> Iterator[Match]:
    """The outline's findings for the headings that stand in this Text."""
    if text.kind == "code":
        return
    offsets = {(id(cell), line): text.line_starts[i] for i, (cell, line) in enumerate(text.origins)}
    for heading, message in problems(outline(text.chapter)):
        offset = offsets.get((id(heading.cell), heading.line))
        if offset is not None:
            yield at_title(text, offset, heading, message.format(title=heading.title))


def at_title(text: Text, offset: int, heading: Heading, message: str) -> Match:
    """The finding on the heading's title as written (its marks when it has none)."""
    end = text.text.find("\n", offset)
    line = text.text[offset : end if end >= 0 else len(text.text)]
    at = line.find(heading.title, heading.level) if heading.title else -1
    if at < 0:
        return Match(offset, offset + heading.level, message, line[: heading.level])
    return Match(offset + at, offset + at + len(heading.title), message, heading.title)


EMPTY = 'section "{title}" is empty: the next heading follows directly'
JUMP = "heading level jumps from {before} to {after}: the PDF numbers the missing level 0"
TWICE = 'two sibling sections are titled "{title}": the contents cannot tell them apart'


def problems(headings: list[Heading]) -> Iterator[tuple[Heading, str]]:
    parents: list[Heading] = []
    seen: set[tuple[int, str]] = set()
    for number, heading in enumerate(headings):
        if heading.empty:
            yield heading, EMPTY
        previous = headings[number - 1].level if number else heading.level
        if heading.level > previous + 1:
            yield heading, JUMP.format(before="#" * previous, after="#" * heading.level)
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        sibling = (id(parents[-1]) if parents else 0, heading.title.casefold())
        if sibling in seen:
            yield heading, TWICE
        seen.add(sibling)
        parents.append(heading)


def outline(chapter: ChapterSource) -> list[Heading]:
    """The chapter's markdown headings in order, each knowing whether it is empty."""
    events: list[Heading | None] = []  # None: content
    for cell in chapter.cells:
        events += cell_events(cell) if cell.kind == "markdown" else [None]
    headings = []
    for number, event in enumerate(events):
        if event is not None:
            after = events[number + 1] if number + 1 < len(events) else None
            empty = after is not None and after.level <= event.level
            headings.append(Heading(event.cell, event.line, event.level, event.title, empty))
    return headings


def cell_events(cell: SourceCell) -> list[Heading | None]:
    """A markdown cell's headings and (None) its other non-blank lines, code fences out."""
    events: list[Heading | None] = []
    fenced = False
    for number, line in enumerate(cell.source.split("\n")):
        if FENCE.match(line):
            fenced = not fenced
            events.append(None)
        elif not fenced and (match := HEADING_LINE.fullmatch(line)):
            level = len(match.group("marks"))
            events.append(Heading(cell, number, level, match.group("title").strip()))
        elif line.strip():
            events.append(None)
    return events
