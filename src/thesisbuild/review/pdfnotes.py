"""A PDF's annotations (pypdf) and the text each is on (pdfplumber): the characters under
a highlight's quads, the text line beside a note in the margin."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ..core.errors import UnreadableInput
from ..resources.strings import strings
from .pagetext import Box, Line, beside, marked, page_lines, spelled, words
from .remark import Remark

# Marks on text; a highlight without a note still says something about the text.
MARKUPS = {
    "/Highlight": "highlighted",
    "/Underline": "underlined",
    "/StrikeOut": "struck out",
    "/Squiggly": "marked",
}
# Notes on a place: read when they say something.
NOTES = ("/Text", "/FreeText", "/Ink")
OURS = "thesisbuild"  # hyperref.latex writes pdfcreator "LaTeX via pandoc (thesisbuild)"
# pypdf and pdfminer raise these, not only their own errors, on a damaged file.
DAMAGED = (PyPdfError, PdfminerException, ValueError, KeyError, TypeError, IndexError)
# The strings (templates/strings/*.yaml) that title a page the build makes, not a chapter.
GENERATED = (
    "contents",
    "list-of-figures",
    "list-of-tables",
    "list-of-listings",
    "list-of-abbreviations",
    "bibliography",
    "declaration",
    "ai-tools",
    "sperrvermerk",
    "open-todos",
    "not-typeset-list",
)


@dataclass(frozen=True)
class Annotation:
    """One annotation as the PDF stores it; `page` counts from 0."""

    kind: str
    author: str
    note: str
    page: int
    boxes: tuple[Box, ...]


def open_pdf(path: Path) -> PdfReader:
    """The PDF, or one sentence why it cannot be read (damaged, encrypted)."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableInput(
                f"{path}: the PDF is encrypted; save a copy without a password and give that."
            )
        len(reader.pages)  # reads the page tree: a damaged file fails here, not later
    except DAMAGED as error:
        raise UnreadableInput(f"{path}: not a readable PDF ({error}).") from None
    return reader


def generated_headings(root: Path, language: str) -> frozenset[str]:
    """The titles of the pages the build makes, in the thesis' language."""
    table = strings(root, language)
    return frozenset(words(table[key]) for key in GENERATED if key in table)


def made_by_thesisbuild(reader: PdfReader) -> bool:
    """Whether the PDF's Creator or Producer names thesisbuild (annotating viewers keep it)."""
    return any(OURS in info(reader, key) for key in ("/Creator", "/Producer"))


def info(reader: PdfReader, key: str) -> str:
    """An entry of the PDF's document information (/Creator, /Producer), or ""."""
    metadata = reader.metadata
    return "" if metadata is None else str(metadata.get(key, ""))


def read_remarks(path: Path, reader: PdfReader, headings: frozenset[str]) -> list[Remark]:
    """Every annotation with the text it is on and what its page holds. `headings`: the
    titles of the pages the build makes (Inhaltsverzeichnis, Offene Punkte, …)."""
    try:
        found = list(page_annotations(reader))
        if not found:
            return []
        outline = outline_pages(reader)
        with pdfplumber.open(path, password="") as pdf:
            lines = cache(lambda index: page_lines(pdf.pages[index]))
            return [remark(one, lines, outline, headings) for one in found]
    except DAMAGED as error:
        raise UnreadableInput(f"{path}: not a readable PDF ({error}).") from None


def page_annotations(reader: PdfReader) -> Iterator[Annotation]:
    for index, page in enumerate(reader.pages):
        top = float(page.mediabox.top)
        for ref in page.get("/Annots") or []:
            found = annotation(ref.get_object(), index, top)
            if found is not None:
                yield found


def annotation(annot: Any, page: int, top: float) -> Annotation | None:
    """A markup or a note that says something; popups, links and widgets are not remarks."""
    kind, note, author = (entry(annot, key) for key in ("/Subtype", "/Contents", "/T"))
    rect = numbers(annot, "/Rect") or [0.0] * 4
    if kind in MARKUPS:
        values = numbers(annot, "/QuadPoints") or corners(rect)
        return Annotation(kind, author, note, page, quads(values, top))
    if kind in NOTES and note:
        return Annotation(kind, author, note, page, quads(corners(rect), top))
    return None


def entry(annot: Any, key: str) -> str:
    """A text entry; `annot[key]` (not `.get`) resolves an indirect object."""
    return str(annot[key]).strip() if key in annot else ""


def numbers(annot: Any, key: str) -> list[float]:
    """A number array (/Rect, /QuadPoints), each number resolved if indirect."""
    return [float(item.get_object()) for item in annot[key]] if key in annot else []


def corners(rect: Sequence[float]) -> list[float]:
    x0, y0, x1, y1 = rect
    return [x0, y1, x1, y1, x0, y0, x1, y0]


def quads(values: Sequence[float], top: float) -> tuple[Box, ...]:
    """QuadPoints (8 numbers per quad, corners in any order) as boxes from the top edge."""
    boxes = []
    for start in range(0, len(values) - 7, 8):
        xs, ys = values[start : start + 8 : 2], values[start + 1 : start + 8 : 2]
        boxes.append((min(xs), top - max(ys), max(xs), top - min(ys)))
    return tuple(boxes)


def outline_pages(reader: PdfReader) -> dict[int, str]:
    """Page (from 0) → the title of the first top-level bookmark on it."""
    pages: dict[int, str] = {}
    for item in reader.outline:
        if not isinstance(item, list):
            number = reader.get_destination_page_number(item)
            if number is not None:
                pages.setdefault(number, " ".join(str(item.title).split()))
    return pages


def remark(
    one: Annotation,
    lines: Callable[[int], list[Line]],
    outline: dict[int, str],
    headings: frozenset[str],
) -> Remark:
    page_text = lines(one.page)
    if one.kind in MARKUPS:
        anchor = marked(page_text, one.boxes)
        note = one.note or MARKUPS[one.kind]
    else:
        anchor, note = beside(page_text, one.boxes[0]), one.note
    on, generated = section(one.page, lines, outline, headings)
    return Remark(one.author, note, anchor.marked, anchor, one.page + 1, on, generated)


def section(
    page: int,
    lines: Callable[[int], list[Line]],
    outline: dict[int, str],
    headings: frozenset[str],
) -> tuple[str, bool]:
    """What the page holds, and whether the build made it: the nearest page at or before
    it that starts a generated part (its first line is one of `headings`) or holds a
    bookmark; before all of them, the title page."""
    for index in range(page, -1, -1):
        found = lines(index)
        first = words(spelled(found[0], 0, len(found[0]) - 1)[1]) if found else ""
        if first in headings:
            return first, True
        if index in outline:
            return outline[index], outline[index] in headings
    return "title page", True
