"""Pure logic behind drafts that always deliver: which part of build/thesis.tex is set
aside, what a .bib check leaves out, where a LaTeX error outside thesis.tex is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thesisbuild.config.model import Config, LatexPackage
from thesisbuild.config.reader import load
from thesisbuild.core.errors import ConfigError
from thesisbuild.core.paths import BuildPaths
from thesisbuild.latex import bibliography
from thesisbuild.latex.bibliography import clean_bibliography
from thesisbuild.latex.fallback import fallback_for, has_glyph, missing_glyph_fix
from thesisbuild.latex.log import parse_log
from thesisbuild.latex.rescue import escape, span_to_box
from thesisbuild.sources.chapter import read_chapter
from thesisbuild.text.sourcemap import find_command

TEX_TEXT = """\\thesismainmatter

\\chapter{Eins}\\label{eins}

Gut.

\\chapter{Zwei}\\label{zwei}

Erster Absatz.

\\begin{tabulr}{ll}
a & b \\\\
\\end{tabulr}

Letzter Absatz.


%% --------------------------------------------------------------------
\\addchap{Eidesstattliche Erklärung}"""
TEX = TEX_TEXT.splitlines()


def test_the_paragraph_is_set_aside_first_then_its_chapter() -> None:
    tabulr = TEX.index("\\begin{tabulr}{ll}")
    paragraph = span_to_box(TEX, tabulr + 1, [])
    assert paragraph == (tabulr, tabulr + 2)
    chapter = span_to_box(TEX, TEX.index("Letzter Absatz.") + 1, [paragraph])
    assert chapter == (TEX.index("Erster Absatz."), TEX.index("%% " + "-" * 68) - 1)
    assert span_to_box(TEX, len(TEX), [paragraph, chapter]) is None


def test_nothing_outside_a_chapter_is_set_aside() -> None:
    assert span_to_box(TEX, 1, []) is None


def test_box_text_is_escaped_for_latex() -> None:
    assert escape("a_b {x} 50% \\foo") == "a\\_b \\{x\\} 50\\% \\textbackslash{}foo"


def test_error_in_a_file_of_an_earlier_pass_names_it() -> None:
    log = "./latex/thesis.toc:3: Undefined control sequence.\nl.3 ...{1}Kapitel \\meinbefehl }\n"
    [problem] = parse_log(log)
    assert problem.tex_line is None
    assert (problem.file, problem.file_line) == ("build/latex/thesis.toc", 3)
    assert "remove build/latex/" in problem.fix


def test_bib_check_keeps_good_entries_line_for_line(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@book{a, title={A}, year={2020}}\n"
        "@misc{b, title={B},\n  year = o.J.}\n"
        "@misc{c, title={C}, year = 20.21}\n"
        "@misc{d, title={D, year={2019}}\n"
        "@misc{e, title={E}, year={2022}}\n",
        encoding="utf-8",
    )
    config = Config(root=tmp_path, title="T", bibliography=bib)
    paths = BuildPaths.of(tmp_path)
    checked = clean_bibliography(config, paths.bibliography, paths.bibliography_memo)
    assert checked is not None
    assert [(p.line, p.key) for p in checked.problems] == [(4, "c"), (5, "d")]
    assert "fix: write year = {20.21} or remove the field" in checked.problems[0].message
    lines = checked.path.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 7 and lines[0].startswith("@book{a") and lines[5].startswith("@misc{e")
    assert lines[2].strip() == "}" and lines[3] == lines[4] == ""


def test_an_unchanged_bib_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a, title={A}, year={2020}}\n@misc{d, title={D, year={2019}}\n")
    config = Config(root=tmp_path, title="T", bibliography=bib)
    paths = BuildPaths.of(tmp_path)
    first = clean_bibliography(config, paths.bibliography, paths.bibliography_memo)
    with monkeypatch.context() as patch:  # the memo answers: pandoc is not asked
        patch.setattr(bibliography, "pandoc_problem", None)
        assert clean_bibliography(config, paths.bibliography, paths.bibliography_memo) == first
    for damage in ("{", '{"key": 1}', "[]"):  # a damaged memo is checked again
        paths.bibliography_memo.write_text(damage)
        assert clean_bibliography(config, paths.bibliography, paths.bibliography_memo) == first
    memo = json.loads(paths.bibliography_memo.read_text())
    paths.bibliography_memo.write_text(json.dumps({**memo, "warnings": "abc"}))  # its shape
    assert clean_bibliography(config, paths.bibliography, paths.bibliography_memo) == first
    paths.bibliography.write_text("changed")  # so is a memo whose file was changed
    assert clean_bibliography(config, paths.bibliography, paths.bibliography_memo) == first
    bib.write_text("@book{a, title={A}, year={2020}}\n")  # and a changed .bib
    again = clean_bibliography(config, paths.bibliography, paths.bibliography_memo)
    assert again is not None and again.problems == ()


def test_error_context_without_words_is_found_by_its_command(tmp_path: Path) -> None:
    chapter = tmp_path / "02-x.md"
    chapter.write_text("# X\n\nText.\n\n\\begin{figure}\n\\incudegraphics{a.png}\n\\end{figure}\n")
    source = read_chapter(chapter, "thesis/02-x.md", tmp_path / "cache")
    assert str(find_command([source], "\\incudegraphics")) == "thesis/02-x.md:6:1"


def test_latex_packages_are_names_or_names_with_options(tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_text(
        "title: T\nlatex:\n  packages: [siunitx, {name: tikz-cd, options: arrows}]\n"
        "  preamble: '\\newcommand{\\R}{x}'\n",
        encoding="utf-8",
    )
    latex = load(tmp_path).latex
    assert latex.packages == (LatexPackage("siunitx"), LatexPackage("tikz-cd", "arrows"))
    assert latex.preamble == "\\newcommand{\\R}{x}"
    (tmp_path / "thesis.yaml").write_text(
        "title: T\nlatex:\n  packages: [{options: arrows}]\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"thesis.yaml:3: latex.packages\[0\]: needs a name"):
        load(tmp_path)


@pytest.mark.skipif(not has_glyph("Symbola", "✅"), reason="fonts-symbola not installed")
def test_fallback_covers_symbols_the_fonts_lack_and_leaves_the_rest() -> None:
    fallback = fallback_for("Text ä ✅ ★ 漢", {"main": None, "sans": None, "mono": None})
    fonts = dict(fallback.glyphs)
    assert fonts["✅"] == "Symbola" and fonts["★"] == "DejaVu Sans"
    assert "ä" not in fonts and "漢" not in fonts  # every font has ä; no font has 漢
    assert '\\newunicodechar{✅}{\\thesisglyph{"2705}{\\thesisfallbackII}}' in fallback.preamble()


def test_missing_glyph_fix_names_the_layout_key_of_the_font() -> None:
    fonts = {"main": None, "sans": None, "mono": None}
    assert "layout.mono_font" in missing_glyph_fix("DejaVu Sans Mono Bold", fonts)
    assert "layout.sans_font" in missing_glyph_fix("FreeSans", fonts)
    assert "layout.main_font" in missing_glyph_fix("FreeSerif Bold", fonts)
