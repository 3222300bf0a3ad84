"""What a LaTeX run left in build/latex/, judged without TeX: recorded log lines and
working files written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesisbuild.latex.run import announce_pass
from thesisbuild.latex.state import RUNNING_MARK, guarded, stale_cause, truncated

# As XeLaTeX wrote them with -file-line-error (build/latex/thesis.log).
STALE_DRAFT_AUX = "(latex/thesis.aux\nlatex/thesis.aux:30: Undefined control sequence.\n"
CUT_TOC = "Runaway argument?\n./thesis.tex:326: File ended while scanning use of \\contentsline.\n"
DOCUMENT_ERROR = "./thesis.tex:339: Undefined control sequence.\nl.339 Hier steht \\iffalsch\n"


@pytest.mark.parametrize(
    ("log", "cause"),
    [
        (STALE_DRAFT_AUX, "thesis.aux:30: Undefined control sequence"),
        (CUT_TOC, "a working file ends inside \\contentsline"),
        (DOCUMENT_ERROR, None),
    ],
    ids=["draft-aux-read-by-final", "toc-cut-off", "the-documents-own-error"],
)
def test_stale_cause(log: str, cause: str | None) -> None:
    assert stale_cause(log) == cause


def test_files_cut_off_mid_line_are_found(tmp_path: Path) -> None:
    (tmp_path / "thesis.aux").write_text("\\relax \n\\newlabel{eq:a}{{1.1}")
    (tmp_path / "thesis.toc").write_text("\\contentsline {chapter}{1}%\n")
    (tmp_path / "thesis.lof").write_text("")
    assert truncated(tmp_path) == [tmp_path / "thesis.aux"]


def test_an_interrupted_run_is_cleared_by_the_next(tmp_path: Path) -> None:
    latex = tmp_path / "latex"
    with pytest.raises(KeyboardInterrupt), guarded(latex) as cause:
        assert cause is None
        (latex / "thesis.aux").write_text("\\relax \n")
        raise KeyboardInterrupt
    assert (latex / RUNNING_MARK).exists()
    with guarded(latex) as cause:
        assert cause == "the last LaTeX run was interrupted"
        assert not (latex / "thesis.aux").exists()
    assert not (latex / RUNNING_MARK).exists()


def test_progress_names_latex_passes_and_the_pdf_step() -> None:
    said: list[str] = []
    for line in ("Run number 2 of rule 'xelatex'", "Run number 1 of rule 'xdvipdfmx'", "x"):
        announce_pass(line, said.append)
    assert said == ["LaTeX pass 2 (xelatex)", "PDF (xdvipdfmx)"]


# An .aux whose last line opened a \csname: TeX closes the file, then stops.
AUX_CSNAME = (
    "(latex/thesis.aux)\n./thesis.tex:264: Missing \\endcsname inserted.\nl.264 \\begin{document}\n"
)
OPEN_BRACE = (
    "Runaway argument?\n{offen \\par Zweiter Absatz. \\par \\ETC.\n"
    "! File ended while scanning use of \\textbf .\n"
)


def test_a_broken_csname_line_in_the_aux_is_stale() -> None:
    cause = stale_cause(AUX_CSNAME)
    assert cause == "thesis.aux: Missing \\endcsname inserted (right after LaTeX read it)"


def test_a_brace_the_document_left_open_is_not_stale() -> None:
    tex = "\\chapter{Einleitung}\n\n\\textbf{offen\n\nZweiter Absatz.\n"
    assert stale_cause(OPEN_BRACE, tex) is None
    assert stale_cause(OPEN_BRACE) == "a working file ends inside \\textbf"
