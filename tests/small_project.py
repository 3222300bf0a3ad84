"""A thesis of two short chapters written into a temporary folder, for tests that build
one broken part with the real tools and read the PDF back."""

from __future__ import annotations

from pathlib import Path

import tex

YAML = 'title: "Liefern"\nauthor: "Test Person"\nexecute: never\n'
SECOND = "# Zwei\n\nEin Absatz im zweiten Kapitel.\n"
# The front matter jupytext writes for a markdown chapter that runs on the python3 kernel.
KERNEL_HEADER = """---
jupyter:
  kernelspec:
    name: python3
    display_name: Python 3
    language: python
---

"""
# A PNG signature and header start, then no image: libpng aborts XeTeX while reading it.
BROKEN_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00kaputt" * 60


def thesis(root: Path, yaml: str, chapters: dict[str, str]) -> Path:
    """A project at root: thesis.yaml and the chapter files of thesis/."""
    (root / "thesis").mkdir(parents=True, exist_ok=True)
    (root / "thesis.yaml").write_text(yaml, encoding="utf-8")
    for name, text in chapters.items():
        (root / "thesis" / name).write_text(text, encoding="utf-8")
    return root


def write_project(root: Path, chapters: dict[str, str], yaml: str = YAML) -> Path:
    return thesis(root, yaml, chapters)


def pdf_text(root: Path) -> str:
    return tex.pdf_text(root / "build" / "thesis.pdf", joined=True)


def intro(middle: str) -> str:
    return f"# Einleitung\n\nErster guter Absatz.\n\n{middle}\n\nZweiter guter Absatz.\n"


def tiny_png(title: str = "") -> bytes:
    """A valid 1×1 grey PNG (with a tEXt chunk Title: title, when given)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    text = [chunk(b"tEXt", b"Title\0" + title.encode("latin-1"))] if title else []
    pixels = chunk(b"IDAT", zlib.compress(b"\0\x80"))
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        [chunk(b"IHDR", header), *text, pixels, chunk(b"IEND", b"")]
    )


def tiny_pdf(text: str = "") -> bytes:
    """A valid one-page PDF, a grey square (and `text` in Helvetica, when given), with the
    page content and cross-reference table xdvipdfmx needs to take it as an image."""
    content = b"0.5 g 0 0 72 72 re f" + (b" 0 g BT /F1 6 Tf 2 30 Td (%s) Tj ET" % text.encode())
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        font,
    ]
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return bytes(data + b"startxref\n%d\n%%%%EOF\n" % table)
