"""What a reader sees on each page, measured with pdfplumber: the text as lines (their
glyph size, baseline and extent), images, and thin horizontal rules (signature lines).
Positions in PDF points (1/72 in) from the page's top left."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber

# Chars whose baselines differ by less than this (points) share a line: superscripts
# and footnote marks stay on their line.
SAME_LINE = 2.5
# A gap wider than this share of the glyph size between two glyphs is a space; one
# wider than COLUMN_GAP sizes parts two texts (signature columns, a margin note).
WORD_GAP = 0.12
COLUMN_GAP = 2.5
SIZE_CHANGE = 0.25


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Line:
    """One line of text as set: its words, extent, baseline and most common glyph size."""

    text: str
    box: Box
    baseline: float
    size: float


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, as viewers count
    width: float
    height: float
    lines: tuple[Line, ...]
    images: tuple[Box, ...]
    rules: int  # thin horizontal rules at least 3 cm long (a signature line)


def body_size(pages: Sequence[Page]) -> float:
    """The glyph size (points) most of the main matter's characters have."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def measure(pdf: Path) -> list[Page]:
    """Every page of the PDF, measured."""
    with pdfplumber.open(pdf) as document:
        return [measured(page) for page in document.pages]


def measured(page: Any) -> Page:
    height = float(page.height)
    chars = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    images = tuple(Box(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images)
    return Page(
        page.page_number, float(page.width), height, tuple(lines(chars, height)), images,
        sum(1 for r in (*page.rects, *page.lines) if r["height"] < 1.5 and r["width"] > 85),
    )  # fmt: skip


def lines(chars: Sequence[dict[str, Any]], height: float) -> Iterator[Line]:
    """Chars grouped by baseline, top to bottom."""
    ordered = sorted(chars, key=lambda c: height - c["matrix"][5])
    group: list[dict[str, Any]] = []
    for char in ordered:
        if group and (height - char["matrix"][5]) - (height - group[0]["matrix"][5]) > SAME_LINE:
            yield from columns(group, height)
            group = []
        group.append(char)
    if group:
        yield from columns(group, height)


def columns(chars: list[dict[str, Any]], height: float) -> Iterator[Line]:
    """A baseline's chars, left to right, as the texts that stand apart on it."""
    chars = sorted(chars, key=lambda c: c["x0"])
    start = 0
    for index, (before, char) in enumerate(pairwise(chars), start=1):
        if apart(before, char):
            yield line(chars[start:index], height)
            start = index
    yield line(chars[start:], height)


def apart(before: dict[str, Any], char: dict[str, Any]) -> bool:
    """Two texts, not one: a wide gap, or a word space where the size changes by a quarter
    (a draft's \\scriptsize margin note beside the text; inline code stays with its line)."""
    gap, size = char["x0"] - before["x1"], char["size"]
    changed = abs(size - before["size"]) > SIZE_CHANGE * max(size, before["size"])
    return bool(gap > COLUMN_GAP * size or (changed and gap > WORD_GAP * size))


def line(chars: list[dict[str, Any]], height: float) -> Line:
    sizes = Counter(round(c["size"], 2) for c in chars)
    baselines = Counter(round(height - c["matrix"][5], 2) for c in chars)
    box = Box(
        min(c["x0"] for c in chars), min(c["top"] for c in chars),
        max(c["x1"] for c in chars), max(c["bottom"] for c in chars),
    )  # fmt: skip
    return Line(words(chars), box, baselines.most_common(1)[0][0], sizes.most_common(1)[0][0])


def words(chars: Sequence[dict[str, Any]]) -> str:
    """The line's text, a space where the gap between two glyphs is a word space."""
    text = str(chars[0]["text"])
    for before, char in pairwise(chars):
        gap = char["x0"] - before["x1"]
        text += (" " if gap > WORD_GAP * char["size"] else "") + char["text"]
    return text
