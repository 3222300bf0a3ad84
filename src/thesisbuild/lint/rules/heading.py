"""Rule `heading`: a chapter without a level-1 heading runs into the previous chapter in
the PDF and is missing from the table of contents; a heading numbered by hand (a Colab
and Word habit) prints twice numbered, "1.2 1.2 Daten".

Fires:     a chapter whose first heading is "## Ergebnisse", or that has none;
           "## 1.2 Daten", "# 3. Methode" (--fix removes the number); an empty section,
           a level jump, two sibling sections with one title (see outline.py)
Passes:    "# Ergebnisse", "# Abstract {.unnumbered}", "<h1>Ergebnisse</h1>", "## 3D-Modelle"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config.model import Config
from ...text.document import Text, inside
from ..rule import Match
from .outline import check_outline

LEVEL_ONE = re.compile(r"^#[ \t]+\S|<h1\b", re.MULTILINE | re.IGNORECASE)
MESSAGE = "the chapter has no level-1 heading; start it with `# Titel`"
NUMBERED = re.compile(r"^#{1,6}[ \t]+(?P<number>\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)(?=\S)", re.M)
NUMBERED_MESSAGE = "heading numbered by hand; the build numbers headings: remove {number!r}"


def check(text: Text, config: Config) -> Iterator[Match]:
    yield from numbered(text)
    yield from check_outline(text)
    cells = [cell for cell in text.chapter.cells if cell.kind == "markdown"]
    if text.kind == "code" or not cells or text.origins[0][0] is not cells[0]:
        return
    if not any(LEVEL_ONE.search(cell.source) for cell in cells):
        yield Match(0, 0, MESSAGE, "")


def numbered(text: Text) -> Iterator[Match]:
    if text.kind == "code":
        return
    code = sorted((start, start + len(body)) for start, body in text.code_blocks())
    for match in NUMBERED.finditer(text.text):
        start, end = match.span("number")
        if not inside(start, code):
            number = match.group("number").strip()
            yield Match(start, end, NUMBERED_MESSAGE.format(number=number), match["number"], "")
