"""Rule `placeholder`: what a draft holds for a figure that is not there yet: "[figure]",
"[image …]", "[link to image …]", "[Abbildung]", and a sentence that announces a figure
or table with a colon ("lässt sich bildlich darstellen:") with nothing after it.

Fires:     "[figure]", "[Abbildung: Aufbau]", "[link to image LSTM]",
           "Das lässt sich bildlich darstellen:" followed by a paragraph, or by nothing
Passes:    "[Abbildung](abb.png)" (a link), "![Aufbau](aufbau.png)", "`[figure]`",
           "… darstellen:" followed by an image, a table, a code cell or display math
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config.model import Config
from ...text.blocks import pairs
from ...text.document import Text, inside
from ..rule import Match

BRACKET = re.compile(
    r"(?<!!)\[(?:figure|image|link to image|abbildung|bild|grafik|tabelle|table)\b[^\]\n]{0,200}\]"
    r"(?![(\[:])",
    re.IGNORECASE,
)
ANNOUNCES = re.compile(
    r"(?:bildlich|grafisch|graphisch|schematisch)\w*\s+dar\w*|veranschaulich\w*|visualisier\w*"
    r"|abgebildet|dargestellt|Abbildung|Grafik|Tabelle|\b(?:figure|table|diagram|illustrat\w*"
    r"|shown|depicted)\b",
    re.IGNORECASE,
)
SHOWS = ("image", "table", "code", "math")
BRACKET_MESSAGE = "placeholder {text}: put the figure or table here, or remove it"
ANNOUNCE_MESSAGE = (
    "the sentence announces a figure or table with a colon, but none follows; add it "
    "(image, table, code cell or display math) or end the sentence"
)


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    protected = text.protected_spans()
    for match in BRACKET.finditer(text.text):
        if not inside(match.start(), protected):
            message = BRACKET_MESSAGE.format(text=match.group(0))
            yield Match(match.start(), match.end(), message, match.group(0))
    yield from announcements(text)


def announcements(text: Text) -> Iterator[Match]:
    for block, after in pairs(text):
        body = text.text[block.start : block.end]
        if block.kind != "text" or not body.endswith(":"):
            continue
        stop = body.rfind(". ")
        sentence_start = max(stop + 2 if stop >= 0 else 0, body.rfind("\n") + 1)
        sentence = body[sentence_start:]
        if ANNOUNCES.search(sentence) and (after is None or after.kind not in SHOWS):
            start = block.start + sentence_start
            yield Match(start, block.end, ANNOUNCE_MESSAGE, sentence.strip())
