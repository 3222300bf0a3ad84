"""Rule `paragraph-break`: a paragraph cut in two, as text copied from a PDF arrives where
the source had a page or column break ("… ist" / "entweder 1 oder 0 sein kann."). The
PDF would print two paragraphs; --fix joins them with a space.

Fires:     "Ein Perzeptron ist\\n\\nentweder 1 oder 0." → "Ein Perzeptron ist entweder …"
Passes:    "y = Ausgabe\\n\\nx_n = Eingabe" (a formula's symbols), "Es gilt:\\n\\nfolgendes",
           "… Satz.\\n\\nneuer Absatz" (ends with punctuation),
           "$$y = f(x)$$\\n\\nwobei f …" (display math), a list, code cell, image or
           heading after the first paragraph, "Abbildung\\n\\n`code`", two cells (the
           author split them; the text between them is no paragraph gap of the file)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config.model import Config
from ...text.blocks import Block, pairs
from ...text.counts import merged
from ...text.document import Text, inside
from ...text.todos import todos
from ..rule import Match

TERMINAL = '.!?:;…"“”»«)]}>|*_`$'
STARTS_LOWER = re.compile(r"[a-zäöüß]")
MESSAGE = (
    "a paragraph ends without punctuation and the next starts in lowercase: one paragraph "
    "cut in two (a page break of the source it was copied from?); join them"
)


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    notes = merged([(todo.start, todo.end) for todo in todos(text)])
    for block, after in pairs(text):
        if after is None or inside(block.end, notes) or inside(after.start, notes):
            continue  # a [todo …] over two paragraphs is the author's note
        if is_break(text.text, block, after) and same_cell(text, block, after):
            yield joined(text, block, after)


def is_break(markdown: str, block: Block, after: Block) -> bool:
    if block.kind != "text" or after.kind != "text":
        return False
    last = markdown[block.end - 1]
    if last in TERMINAL or STARTS_LOWER.match(markdown[after.start]) is None:
        return False
    # "y = Ausgabe" / "x_n = Eingabe": the symbols of a formula, one per line
    return "=" not in markdown[block.start : block.end] + markdown[after.start : after.end]


def same_cell(text: Text, block: Block, after: Block) -> bool:
    return text.cell_at(block.end) is text.cell_at(after.start)


def joined(text: Text, block: Block, after: Block) -> Match:
    """The gap, replaced by a space."""
    return Match(block.end, after.start, MESSAGE, text.text[block.end : after.start], " ")
