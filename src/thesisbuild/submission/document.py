"""What the PDF says about itself, read with pypdf: page sizes and labels, the outline,
the fonts and whether each is embedded, the document properties (Info and XMP). A file
that is no readable PDF is refused here, before anything is measured."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject

from ..core.errors import UnreadableInput
from .pdfa import pdfa_problems, resolved

# pypdf logs what it repairs or refuses; the check says it in one sentence instead.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)
SUBSET = re.compile(r"^[A-Z]{6}\+")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass(frozen=True)
class Properties:
    """Title, author and language as the Info dictionary, the catalog and XMP give them
    (None: not there; `xmp` False: the PDF has no XMP metadata)."""

    title: str | None
    author: str | None
    language: str | None
    xmp: bool
    xmp_title: str | None = None
    xmp_author: str | None = None
    xmp_language: str | None = None


@dataclass(frozen=True)
class Document:
    sizes: tuple[tuple[float, float], ...]  # width, height of every page (points)
    labels: tuple[str, ...]  # the page numbers the PDF prints ("i", "1", …)
    outline: tuple[tuple[str, int], ...]  # top-level bookmarks: title, 0-based page
    unembedded: tuple[str, ...]  # fonts without their font file
    properties: Properties
    pdfa: tuple[str, ...] = ()  # what keeps it from the PDF/A asked for (none asked: empty)


def read_document(pdf: Path, pdfa: str | None = None) -> Document:
    """The PDF's own account (with the PDF/A problems when `pdfa` names a level);
    UnreadableInput (exit 2) for a file that is none."""
    reader = opened(pdf)
    try:
        return Document(
            tuple((float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages),
            tuple(reader.page_labels),
            tuple(outline(reader)),
            tuple(sorted(set(unembedded(reader)))),
            properties(reader),
            tuple(pdfa_problems(reader, pdfa)) if pdfa else (),
        )
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnreadableInput(f"{pdf}: damaged PDF ({error}).") from None


def opened(pdf: Path) -> PdfReader:
    if not pdf.is_file():
        raise UnreadableInput(f"{pdf}: not found; build it with `thesisbuild pdf --final`.")
    try:
        reader = PdfReader(pdf)
        encrypted = reader.is_encrypted
        if not encrypted and not reader.pages:
            raise UnreadableInput(f"{pdf}: the PDF has no pages.")
    except (PdfReadError, ValueError, OSError) as error:
        raise UnreadableInput(f"{pdf}: not a readable PDF ({error}).") from None
    if encrypted:
        raise UnreadableInput(f"{pdf}: encrypted; check the unencrypted PDF the build wrote.")
    return reader


def outline(reader: PdfReader) -> Iterator[tuple[str, int]]:
    for item in reader.outline:
        if not isinstance(item, list):
            page = reader.get_destination_page_number(item)
            if page is not None:
                yield str(item.title), page


def unembedded(reader: PdfReader) -> Iterator[str]:
    """Fonts of every page and of the forms it draws (figures) that lack a font file."""
    for page in reader.pages:
        yield from fonts_without_file(page.get("/Resources"), set())


def fonts_without_file(resources: Any, seen: set[int]) -> Iterator[str]:
    resources = resolved(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (resolved(resources.get("/Font")) or {}).values():
        font = resolved(font)
        if not embedded(font):
            yield SUBSET.sub("", str(font.get("/BaseFont", "?")).lstrip("/"))
    for form in (resolved(resources.get("/XObject")) or {}).values():
        form = resolved(form)
        if form.get("/Subtype") == "/Form":
            yield from fonts_without_file(form.get("/Resources"), seen)


def embedded(font: Any) -> bool:
    """Type 3 fonts are drawings inside the PDF; a composite font's file is its
    descendant's."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = resolved(resolved(font["/DescendantFonts"])[0])
    descriptor = resolved(font.get("/FontDescriptor")) or {}
    return any(name in descriptor for name in FONT_FILES)


def properties(reader: PdfReader) -> Properties:
    info: Any = reader.metadata or {}
    language = resolved(reader.trailer["/Root"]).get("/Lang")
    xmp = reader.xmp_metadata
    found = Properties(text(info.get("/Title")), text(info.get("/Author")), text(language), False)
    if xmp is None:
        return found
    titles, creators, languages = xmp.dc_title or {}, xmp.dc_creator or [], xmp.dc_language or []
    return Properties(
        found.title, found.author, found.language, True,
        text(titles.get("x-default") or next(iter(titles.values()), None)),
        ", ".join(creators) or None, next(iter(languages), None),
    )  # fmt: skip


def text(value: Any) -> str | None:
    return None if value is None else str(value)
