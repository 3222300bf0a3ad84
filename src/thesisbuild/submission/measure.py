"""What a reader sees on each page, measured with pypdfium2 (PDFium, which pdfplumber
renders with): the text as lines (their glyph size, baseline and extent), images, and
thin horizontal rules (signature lines). Positions in PDF points (1/72 in) from the
page's top left. PDFium reads glyphs in C: 7 ms a page where pdfplumber's Python
interpreter of the content streams took 45."""

from __future__ import annotations

import ctypes
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as raw  # type: ignore[import-untyped]

# Chars whose baselines differ by less than this (points) share a line: superscripts
# and footnote marks stay on their line.
SAME_LINE = 2.5
# A gap wider than this share of the glyph size between two glyphs is a space; one
# wider than COLUMN_GAP sizes parts two texts (signature columns, a margin note).
WORD_GAP = 0.12
COLUMN_GAP = 2.5
SIZE_CHANGE = 0.25
HIGH_SURROGATE, LOW_SURROGATE = 0xD800, 0xDC00  # PDFium counts UTF-16 units
RULE_HEIGHT, RULE_WIDTH = 1.5, 85.0  # points: a signature line (\\rule, 0.4 pt × 3 cm and more)


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
    document = pdfium.PdfDocument(pdf)
    try:
        return [measured(number, document[number - 1]) for number in range(1, len(document) + 1)]
    finally:
        document.close()


def measured(number: int, page: Any) -> Page:
    width, height = page.get_size()
    text = page.get_textpage()
    glyphs = [glyph(text, index, height) for index in range(text.count_chars())]
    images, rules = drawn(page, height)
    chars = [g for g in glyphs if g is not None]
    return Page(number, width, height, tuple(lines(chars)), images, rules)


def glyph(text: Any, index: int, height: float) -> dict[str, Any] | None:
    """A glyph as pdfplumber describes it: text, size, advance box (from the font's
    ascent and descent, top-down) and `baseline`; None for spaces pdfium makes up."""
    code = raw.FPDFText_GetUnicode(text, index)
    if LOW_SURROGATE <= code < LOW_SURROGATE + 0x400:  # the second half of a math letter
        return None
    if HIGH_SURROGATE <= code < LOW_SURROGATE:
        low = raw.FPDFText_GetUnicode(text, index + 1) - LOW_SURROGATE
        code = 0x10000 + ((code - HIGH_SURROGATE) << 10) + low
    if raw.FPDFText_IsGenerated(text, index) or not chr(code).strip():
        return None
    left, bottom, right, top = text.get_charbox(index, loose=True)
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(text, index, x, y)
    return {"text": chr(code), "size": raw.FPDFText_GetFontSize(text, index),
            "x0": left, "x1": right, "top": height - top, "bottom": height - bottom,
            "baseline": height - y.value}  # fmt: skip


def drawn(page: Any, height: float) -> tuple[tuple[Box, ...], int]:
    """Images (also inside figures' forms), and the thin horizontal rules at least 3 cm long."""
    images, rules = [], 0
    for item in page.get_objects(max_depth=4):
        left, bottom, right, top = item.get_bounds()
        if item.type == raw.FPDF_PAGEOBJ_IMAGE:
            images.append(Box(left, height - top, right, height - bottom))
        elif item.type == raw.FPDF_PAGEOBJ_PATH:
            rules += top - bottom < RULE_HEIGHT and right - left > RULE_WIDTH
    return tuple(images), rules


def lines(chars: Sequence[dict[str, Any]]) -> Iterator[Line]:
    """Chars grouped by baseline, top to bottom."""
    ordered = sorted(chars, key=lambda c: c["baseline"])
    group: list[dict[str, Any]] = []
    for char in ordered:
        if group and char["baseline"] - group[0]["baseline"] > SAME_LINE:
            yield from columns(group)
            group = []
        group.append(char)
    if group:
        yield from columns(group)


def columns(chars: list[dict[str, Any]]) -> Iterator[Line]:
    """A baseline's chars, left to right, as the texts that stand apart on it."""
    chars = sorted(chars, key=lambda c: c["x0"])
    start = 0
    for index, (before, char) in enumerate(pairwise(chars), start=1):
        if apart(before, char):
            yield line(chars[start:index])
            start = index
    yield line(chars[start:])


def apart(before: dict[str, Any], char: dict[str, Any]) -> bool:
    """Two texts, not one: a wide gap, or a word space where the size changes by a quarter
    (a draft's \\scriptsize margin note beside the text; inline code stays with its line)."""
    gap, size = char["x0"] - before["x1"], char["size"]
    changed = abs(size - before["size"]) > SIZE_CHANGE * max(size, before["size"])
    return bool(gap > COLUMN_GAP * size or (changed and gap > WORD_GAP * size))


def line(chars: list[dict[str, Any]]) -> Line:
    sizes = Counter(round(c["size"], 2) for c in chars)
    baselines = Counter(round(c["baseline"], 2) for c in chars)
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
