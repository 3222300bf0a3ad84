"""The PDF/A markers a validator looks at first, read with pypdf: what the build writes
for `requirements.pdfa` and what would break the standard outright. Not a full PDF/A
validation (veraPDF's thousands of rules): see the README for what is verified."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject

XMP_ID = re.compile(r"pdfaid:(part|conformance)(?:>\s*([^<\s]+)\s*<|\s*=\s*[\"']([^\"']+)[\"'])")
PRINT_FLAG = 4
HIGHEST_VERSION = (1, 7)  # PDF/A-2 and -3 are based on PDF 1.7


def pdfa_problems(reader: PdfReader, level: str) -> list[str]:
    """What keeps the PDF from being PDF/A of `level` (`2b`): empty when every marker
    is there."""
    return [
        *identification(reader, level),
        *output_intent(reader.trailer["/Root"].get_object()),
        *file_structure(reader),
        *javascript(reader),
        *unprintable_annotations(reader),
    ]


def identification(reader: PdfReader, level: str) -> Iterator[str]:
    xmp = reader.xmp_metadata
    if xmp is None:
        yield "no XMP metadata"
        return
    raw = xmp.stream.get_data().decode("utf-8", "replace")
    found = {m[1]: (m[2] or m[3]) for m in XMP_ID.finditer(raw)}
    wanted = {"part": level[0], "conformance": level[1].upper()}
    if found != wanted:
        said = f"{found.get('part', '?')}{found.get('conformance', '?')}".lower()
        yield f"XMP pdfaid says {said}, not {level}" if found else "no pdfaid in XMP"


def output_intent(catalog: Any) -> Iterator[str]:
    intents = [resolved(i) for i in resolved(catalog.get("/OutputIntents")) or []]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        yield "no PDF/A output intent"
        return
    profile = resolved(pdfa[0].get("/DestOutputProfile"))
    data = profile.get_data() if profile is not None else b""
    if data[36:40] != b"acsp" or profile.get("/N") != 3:
        yield "the output intent has no RGB ICC profile"


def file_structure(reader: PdfReader) -> Iterator[str]:
    if "/ID" not in reader.trailer:
        yield "no file identifier (trailer ID)"
    version = re.match(r"%PDF-(\d)\.(\d)", reader.pdf_header)
    if version is None or (int(version[1]), int(version[2])) > HIGHEST_VERSION:
        yield f"PDF version {reader.pdf_header[5:]} above 1.7"


def javascript(reader: PdfReader) -> Iterator[str]:
    catalog: Any = reader.trailer["/Root"].get_object()
    names = resolved(catalog.get("/Names")) or {}
    action = resolved(catalog.get("/OpenAction"))
    if "/JavaScript" in names or (hasattr(action, "get") and action.get("/S") == "/JavaScript"):
        yield "JavaScript"


def unprintable_annotations(reader: PdfReader) -> Iterator[str]:
    """Every annotation printable (flag 4), none running JavaScript."""
    hidden = 0
    for page in reader.pages:
        for annotation in (resolved(a) for a in resolved(page.get("/Annots")) or []):
            hidden += not int(annotation.get("/F", 0)) & PRINT_FLAG
            if (resolved(annotation.get("/A")) or {}).get("/S") == "/JavaScript":
                yield "a link runs JavaScript"
    if hidden:
        yield f"{hidden} annotation(s) not marked printable"


def resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value
