"""Drafts always deliver: an undefined reference or an unknown citation is a warning at
the chapter line and the PDF is written; `--final` keeps both as errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_built
from tex import pdf_text, require_tex

pytestmark = [pytest.mark.tex]
CHAPTER = "thesis/01-einleitung.md"


@pytest.fixture(scope="module")
def draft(project: Callable[[str], Path], thesisbuild: Callable[..., Run]) -> tuple[Path, Run]:
    require_tex()
    root = project("undefined-refs")
    return root, thesisbuild("pdf", "-C", root)


def test_a_draft_with_undefined_references_is_written(draft: tuple[Path, Run]) -> None:
    root, result = draft
    assert result.code == 0, result.err
    text = pdf_text(root / "build" / "thesis.pdf")
    assert "Abbildung ??" in text
    assert "nochnichtda" in text


def test_the_draft_warns_at_the_chapter_lines(draft: tuple[Path, Run]) -> None:
    _, result = draft
    assert f"{CHAPTER}:5:" in result.err
    assert "warning: LaTeX: undefined reference fig-ergebnisse (printed as ??)" in result.err
    assert f"{CHAPTER}:7:" in result.err
    assert f"warning: {CHAPTER}:7:" in result.err  # a warning like the chapters' ones
    assert "citation @nochnichtda not in the bibliography" in result.err


def test_final_refuses_both(
    draft: tuple[Path, Run], thesisbuild: Callable[..., Run], tmp_path: Path
) -> None:
    root = copy_built(draft[0], tmp_path / "undefined-refs")
    pdf = root / "build" / "thesis.pdf"
    before = pdf.read_bytes()
    result = thesisbuild("pdf", "--final", "-C", root)
    assert result.code == 1
    assert f"Error: {CHAPTER}:7:" in result.err and "@nochnichtda" in result.err
    chapter = root / CHAPTER
    chapter.write_text(chapter.read_text().replace(" [@nochnichtda]", ""))
    result = thesisbuild("pdf", "--final", "-C", root)
    assert result.code == 1
    assert f"Error: {CHAPTER}:5:" in result.err
    assert "LaTeX: undefined reference fig-ergebnisse" in result.err
    assert pdf.read_bytes() == before
