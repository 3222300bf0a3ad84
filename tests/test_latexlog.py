"""LaTeX's log explained at the chapter line, from recorded runs (tests/data/latex-logs/):
the parser and the chapter lookup need no TeX. test_pdf.py keeps one real failing build."""

from __future__ import annotations

from pathlib import Path

from thesisbuild.latex.log import parse_log
from thesisbuild.latex.run import chapter_first, describe, place_of
from thesisbuild.sources.chapter import ChapterSource, read_chapter

LOGS = Path(__file__).parent / "data" / "latex-logs"
NO_FONTS: dict[str, str | None] = {"main": None, "sans": None, "mono": None}


def recorded(name: str) -> tuple[str, list[str], list[ChapterSource]]:
    """(build/latex/thesis.log, build/thesis.tex's lines if recorded, the chapters)."""
    root = LOGS / name
    log = (root / "build" / "latex" / "thesis.log").read_text(encoding="utf-8")
    tex_file = root / "build" / "thesis.tex"
    tex = tex_file.read_text(encoding="utf-8").splitlines() if tex_file.exists() else []
    chapters = sorted((root / "thesis").iterdir())
    return log, tex, [read_chapter(path, f"thesis/{path.name}") for path in chapters]


def explained(name: str) -> str:
    log, tex, sources = recorded(name)
    [problem] = parse_log(log)
    return describe(problem, place_of(problem, chapter_first(sources, problem, tex)), NO_FONTS)


def test_an_error_is_looked_up_in_its_own_chapter_first() -> None:
    """The words LaTeX was reading ("Hier steht") stand in an earlier chapter too."""
    assert explained("two-chapters").startswith(
        "thesis/01-kapitel.md:5:1: LaTeX: Undefined control sequence. near “Hier steht \\iffalsch”"
    )


def test_a_missing_glyph_is_located_at_its_character() -> None:
    assert explained("missing-glyph").startswith(
        "thesis/01-kapitel.md:3:5: LaTeX: missing character 漢 (U+6F22) in font FreeSerif"
    )
