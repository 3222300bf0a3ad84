"""A thesis of two short chapters written into a temporary folder, for tests that build
one broken part with the real tools and read the PDF back."""

from __future__ import annotations

from pathlib import Path

import tex

YAML = 'title: "Liefern"\nauthor: "Test Person"\nexecute: never\n'
SECOND = "# Zwei\n\nEin Absatz im zweiten Kapitel.\n"
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


def tiny_png() -> bytes:
    """A valid 1×1 grey PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        [chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(b"\0\x80")), chunk(b"IEND", b"")]
    )
