"""The text on a PDF page as pdfplumber draws it: lines of glyphs with their boxes, the
characters under a highlight's quads, the line beside a note."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .remark import Anchor

SPACE_RATIO = 0.15  # a gap wider than 0.15 em is a space: XeLaTeX writes no space glyphs
NEARBY = 14.0  # points: a note's line is at most about a line's height away
Box = tuple[float, float, float, float]  # x0, top, x1, bottom: from the page's top edge


@dataclass(frozen=True)
class Glyph:
    """One character on the page, where it is drawn."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


Line = tuple[Glyph, ...]


def page_lines(page: Any) -> list[Line]:
    """The page's text lines, top to bottom, as pdfplumber groups its characters."""
    found = page.extract_text_lines(x_tolerance_ratio=SPACE_RATIO, return_chars=True)
    return [tuple(glyph(char) for char in distinct(line["chars"])) for line in found]


def distinct(chars: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each character once: pdfplumber lists a ligature (`ff`) once per letter it spells."""
    for number, char in enumerate(chars):
        if not number or char is not chars[number - 1]:
            yield char


def glyph(char: dict[str, Any]) -> Glyph:
    x0, x1, top, bottom = (float(char[key]) for key in ("x0", "x1", "top", "bottom"))
    return Glyph(str(char["text"]), x0, x1, top, bottom, float(char["size"]))


def marked(lines: Sequence[Line], boxes: Sequence[Box]) -> Anchor:
    """The characters whose centres lie in a quad, and the rest of their lines around them."""
    spans = []
    for line in lines:
        inside = [n for n, each in enumerate(line) if any(covers(box, each) for box in boxes)]
        if inside:
            spans.append((line, inside[0], inside[-1]))
    if not spans:
        return Anchor("", "")
    texts = [spelled(line, first, last) for line, first, last in spans]
    text = "\n".join(middle for _, middle, _ in texts)
    return Anchor(texts[0][0], text, texts[-1][2])


def covers(box: Box, each: Glyph) -> bool:
    x, y = (each.x0 + each.x1) / 2, (each.top + each.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def beside(lines: Sequence[Line], box: Box) -> Anchor:
    """The text line at the height of a note's middle (a sticky note in the margin)."""
    middle = (box[1] + box[3]) / 2

    def distance(line: Line) -> float:
        top, bottom = min(g.top for g in line), max(g.bottom for g in line)
        return 0.0 if top <= middle <= bottom else min(abs(top - middle), abs(bottom - middle))

    near = [line for line in lines if distance(line) <= NEARBY]
    if not near:
        return Anchor("", "")
    line = min(near, key=distance)
    return Anchor("", spelled(line, 0, len(line) - 1)[1])


def spelled(line: Line, first: int, last: int) -> tuple[str, str, str]:
    """The line's text before glyph `first`, from it to glyph `last`, and after it, with
    a space wherever the gap between two glyphs is wider than a space's share of the font."""
    pieces: list[list[str]] = [[], [], []]
    for number, each in enumerate(line):
        part = 0 if number < first else 1 if number <= last else 2
        if number and each.x0 - line[number - 1].x1 > SPACE_RATIO * line[number - 1].size:
            pieces[0 if number == first else part].append(" ")  # never inside the mark
        pieces[part].append(each.text)
    before, middle, after = ("".join(piece) for piece in pieces)
    return before, middle, after


def words(text: str) -> str:
    """Text as compared with a heading: ligatures spelled out, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
