"""Chapter preview: `thesisbuild pdf CHAPTER…` builds only those chapters into
build/preview.pdf, numbered as in the thesis, never touching build/thesis.pdf."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_built
from tex import pdf_text as text_of
from tex import poppler, require_tex

pytestmark = [pytest.mark.tex, pytest.mark.kernel]
METHODE = "thesis/03-methode.md"
Previews = tuple[Path, Run, Run, bytes, str]


@pytest.fixture(scope="module")
def previews(project: Callable[[str], Path], thesisbuild: Callable[..., Run]) -> Previews:
    """A preview before any full build, the full build, then the preview again."""
    require_tex()
    root = project("preview")
    before = thesisbuild("pdf", "-C", root, root / METHODE)
    first_text = text_of(root / "build" / "preview.pdf")
    assert thesisbuild("pdf", "-q", "-C", root).code == 0
    full = (root / "build" / "thesis.pdf").read_bytes()
    after = thesisbuild("pdf", "-C", root, root / METHODE)
    return root, before, after, full, first_text


def test_without_a_full_build_references_to_other_chapters_are_warnings(
    previews: Previews,
) -> None:
    _, before, _, _, first_text = previews
    assert before.code == 0, before.err
    assert f"{METHODE}:3:" in before.err and "undefined reference eq:energie" in before.err
    assert "Gleichung (??)" in first_text


def test_the_preview_has_only_its_chapter_numbered_as_in_the_thesis(
    previews: Previews,
) -> None:
    root, _, after, _, _ = previews
    assert after.code == 0, after.err
    assert after.out.strip().splitlines()[-1] == "build/preview.pdf"
    text = text_of(root / "build" / "preview.pdf")
    assert "2 Methode" in text
    assert "Einleitung" not in text and "Zusammenfassung" not in text
    assert "Inhaltsverzeichnis" not in text and "Erklärung" not in text
    assert text.lstrip().startswith("2 Methode")  # no title page before the chapter
    images = poppler("pdfimages", "-list", root / "build" / "preview.pdf")
    assert len(images.splitlines()) > 2  # the figure, found from build/preview/


def test_references_resolve_from_the_last_full_build(
    previews: Previews,
) -> None:
    root, _, after, _, _ = previews
    assert "undefined reference" not in after.err
    assert "Gleichung (1.1)" in text_of(root / "build" / "preview.pdf")


def test_the_full_pdf_is_left_alone(previews: Previews) -> None:
    root, _, _, full, _ = previews
    assert (root / "build" / "thesis.pdf").read_bytes() == full


def test_a_file_that_is_no_chapter_is_a_usage_error(
    previews: Previews, thesisbuild: Callable[..., Run], tmp_path: Path
) -> None:
    root = copy_built(previews[0], tmp_path / "preview")
    stray = root / "notizen.md"
    stray.write_text("# Notizen\n")
    result = thesisbuild("pdf", "-C", root, stray)
    assert result.code == 2
    assert "not a chapter of thesis.yaml" in result.err


def test_a_previewed_draft_with_a_latex_error_delivers_the_marked_box(
    project: Callable[[str], Path], thesisbuild: Callable[..., Run]
) -> None:
    """The preview is a target of the one pipeline: a draft's rescue applies to it too."""
    require_tex()
    root = project("latex-error")
    chapter = root / "thesis" / "01-kapitel.md"
    result = thesisbuild("pdf", "-C", root, chapter)
    assert result.code == 1
    assert "thesis/01-kapitel.md:5" in result.err and "set aside" in result.err
    text = " ".join(text_of(root / "build" / "preview.pdf").split())
    assert "Erster Absatz ohne Fehler." in text
    assert "Dieser Abschnitt konnte nicht gesetzt werden: thesis/01-kapitel.md:5" in text
    assert not (root / "build" / "thesis.pdf").exists()
