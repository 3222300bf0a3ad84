"""TeX Live and poppler for the tests that build real PDFs: one CI-aware check that the
tools are there, and one way to read a PDF back as a reader sees it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TEX_TOOLS = ("xelatex", "latexmk", "pdftotext")


def require_tex(tools: tuple[str, ...] = TEX_TOOLS) -> None:
    """Skip without TeX on a developer machine; under CI a missing tool is a failure."""
    absent = [tool for tool in tools if shutil.which(tool) is None]
    if absent and os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {', '.join(absent)}: `make test` should have installed them")
    if absent:
        pytest.skip(f"not installed: {', '.join(absent)}")


def poppler(*argv: str | Path) -> str:
    """What a poppler tool (pdftotext, pdfinfo, pdffonts, pdfimages) prints."""
    done = subprocess.run([str(arg) for arg in argv], capture_output=True, text=True, check=True)
    return done.stdout


def pdf_text(
    pdf: Path,
    *,
    layout: bool = False,
    joined: bool = False,
    first: int | None = None,
    last: int | None = None,
) -> str:
    """The PDF's text (pdftotext): `layout` keeps columns, `joined` makes every run of
    whitespace one space, so a sentence wrapped across lines or pages reads as one."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    text = poppler("pdftotext", *(["-layout"] if layout else []), *pages, pdf, "-")
    return " ".join(text.split()) if joined else text
