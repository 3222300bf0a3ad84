"""What a build says, said once and plainly: a refused read, a full disk, a damaged .aux
cleared like the other stale working files. Small projects written here, built with the
real pandoc and TeX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from processes import require_tex
from small_project import SECOND, intro, pdf_text, write_project

pytestmark = [pytest.mark.tex]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    require_tex(("latexmk", "xelatex", "pdftotext"))
    return write_project(tmp_path / "p", {"01-intro.md": intro(""), "02-zwei.md": SECOND})


def test_an_aux_with_a_broken_csname_line_is_cleared_once(
    root: Path, thesisbuild: Callable[..., Run]
) -> None:
    assert thesisbuild("pdf", "-q", "-C", root).code == 0
    aux = root / "build" / "latex" / "thesis.aux"
    aux.write_text(aux.read_text(encoding="utf-8") + "\\csname r@kaputt\n", encoding="utf-8")
    (root / "thesis" / "02-zwei.md").write_text(SECOND + "\nNeu geschrieben.\n")
    run = thesisbuild("pdf", "-C", root)
    assert run.code == 0, run.err
    assert "thesis.aux: Missing \\endcsname inserted (right after LaTeX read it)" in run.err
    assert "cleared LaTeX's working files, running it again" in run.err
    assert "Neu geschrieben." in pdf_text(root)
