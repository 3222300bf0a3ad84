"""Rule `heading`: a chapter without a level-1 heading runs into the previous chapter in
the PDF and is missing from the table of contents.

Fires:     a chapter whose first heading is "## Ergebnisse", or that has none
Passes:    "# Ergebnisse", "# Abstract {.unnumbered}", "<h1>Ergebnisse</h1>"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config import Config
from ..document import Text
from . import Match

LEVEL_ONE = re.compile(r"^#[ \t]+\S|<h1\b", re.MULTILINE | re.IGNORECASE)
MESSAGE = "the chapter has no level-1 heading; start it with `# Titel`"


def check(text: Text, config: Config) -> Iterator[Match]:
    cells = [cell for cell in text.chapter.cells if cell.kind == "markdown"]
    if text.kind == "code" or not cells or text.origins[0][0] is not cells[0]:
        return
    if not any(LEVEL_ONE.search(cell.source) for cell in cells):
        yield Match(0, 0, MESSAGE, "")
