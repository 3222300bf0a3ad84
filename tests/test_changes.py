"""changes/: two pandoc documents compared (pandoc reads the markdown; no TeX): words in
paragraphs, headings, list items, cells and footnotes; whole marks for what word marks
would break; deleted labels and todos retired; the counts of the summary; the block LaTeX
failed in found back in the .tex."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pypandoc

from thesisbuild.builder.diffdocx import tracked_everywhere
from thesisbuild.builder.diffpdf import failing_block
from thesisbuild.changes.document import chapter_end, chapter_marker, marked_document
from thesisbuild.changes.marks import Mark, Marking
from thesisbuild.latex.log import LatexProblem
from thesisbuild.latex.run import LatexFailed

MARKING = Marking(Mark("insertion", "Ada", "2026-11-20T10:00:00Z"),
                  Mark("deletion", "Ada", "2026-11-20T10:00:00Z"))  # fmt: skip


PANDOC = pypandoc.get_pandoc_path()


def document(*chapters: str, keys: str = "") -> dict[str, Any]:
    """The chapters as the build marks them (keys: one letter per chapter, default by place)."""
    names = keys or "".join(str(n) for n in range(len(chapters)))
    pairs = zip(names, chapters, strict=True)
    text = "".join(chapter_marker(key) + body + chapter_end() for key, body in pairs)
    done = subprocess.run([PANDOC, "-f", "markdown", "-t", "json"],
                          input=text, capture_output=True, text=True, check=True)  # fmt: skip
    return dict(json.loads(done.stdout))


def as_markdown(doc: dict[str, Any]) -> str:
    argv = [PANDOC, "-f", "json", "-t", "markdown", "--wrap=none"]
    done = subprocess.run(argv, input=json.dumps(doc), capture_output=True, text=True, check=True)
    return done.stdout.replace(' author="Ada" date="2026-11-20T10:00:00Z"', "")


def compare(old: str, new: str) -> tuple[str, Any]:
    marked, changes = marked_document(document(old), document(new), MARKING)
    return as_markdown(marked), changes


def test_words_within_paragraphs_headings_items_cells_and_footnotes() -> None:
    old = ("# Alt\n\nDer *alte* Satz bleibt.[^1]\n\n- eins\n- zwei\n\n| a | b |\n|---|---|\n"
           "| 1 | 2 |\n\n[^1]: Eine kurze Fußnote.\n")  # fmt: skip
    new = ("# Alt und neu\n\nDer *neue* Satz bleibt.[^1]\n\n- eins\n- drei\n- vier\n\n"
           "| a | b |\n|---|---|\n| 1 | 3 |\n\n[^1]: Eine lange Fußnote.\n")  # fmt: skip
    text, [changes] = compare(old, new)
    assert "# Alt[ und neu]{.insertion}" in text
    assert "*[alte]{.deletion}[neue]{.insertion}*" in text
    assert "[zwei]{.deletion}\n  [drei]{.insertion}" in text  # one word: the item whole
    assert "[vier]{.insertion}" in text
    assert "[2]{.deletion}" in text and "[3]{.insertion}" in text  # the cell, same table
    assert "[kurze]{.deletion}[lange]{.insertion}" in text
    assert (changes.status, changes.words_added, changes.words_removed) == ("changed", 7, 4)


def test_whole_marks_where_words_would_break() -> None:
    old = "Rechnung $a^2$ und \\textbf{fett} hier.\n\n| a |\n|---|\n| 1 |\n"
    new = "Rechnung $a^3$ und \\textit{fett} hier.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    text, _ = compare(old, new)
    assert "[Rechnung $a^2$ und `\\textbf{fett}`{=tex} hier.]{.deletion}" in text  # raw TeX
    assert "[Rechnung $a^3$ und `\\textit{fett}`{=tex} hier.]{.insertion}" in text
    assert "[1]{.deletion}" in text and "[2]{.insertion}" in text  # another shape: whole


def test_deleted_material_gives_up_labels_numbers_and_todos() -> None:
    old = "# Weg {#sec-weg}\n\n$$ x $$ {#eq-weg}\n\n[offen]{.todo}\n\n# Bleibt\n\nText.\n"
    new = "# Bleibt\n\nText.\n"
    marked, [changes] = marked_document(document(old), document(new), MARKING)
    text = as_markdown(marked)
    assert "sec-weg" not in text and "eq-weg" not in text
    assert "# [Weg]{.deletion} {.unnumbered .unlisted}" in text
    assert "[\\[todo offen\\]]{.deletion}" in text and ".todo" not in text
    assert changes.todos_closed == ("offen",) and changes.todos_opened == ()


def test_summary_counts_chapters_figures_tables_citations() -> None:
    same = "# Gleich\n\nText.\n"
    old = "# K\n\nSiehe [@a; @b].\n\n![Alt](figures/x.png){#fig-x}\n"
    new = ("# K\n\nSiehe [@a; @c] und @fig-y.\n\n![Neu](figures/y.png){#fig-y}\n\n"
           "| a |\n|---|\n| 1 |\n")  # fmt: skip
    _, changes = marked_document(document(old, same), document(new, same), MARKING)
    chapter, unchanged = changes
    assert unchanged.status == "unchanged"
    assert chapter.citations_added == ("c",) and chapter.citations_removed == ("b",)
    assert (chapter.figures_added, chapter.figures_removed) == (1, 1)
    assert (chapter.tables_added, chapter.tables_removed) == (1, 0)


def test_added_and_removed_chapters() -> None:
    old = document("# A\n\nx\n", "# B\n\ny\n", keys="AB")
    _, changes = marked_document(old, document("# B\n\ny\n", "# C\n\nz\n", keys="BC"), MARKING)
    statuses = [(c.title, c.status) for c in changes]
    assert statuses == [("A", "removed"), ("B", "unchanged"), ("C", "added")]


def test_code_blocks_become_tracked_lines_in_word() -> None:
    marked, _ = marked_document(document("```\nalt\n```\n"), document("```\nneu\n```\n"), MARKING)
    text = as_markdown(tracked_everywhere(marked))
    assert "[`alt`]{.deletion}" in text and "[`neu`]{.insertion}" in text


def test_the_block_latex_failed_in_is_found_by_its_comment(tmp_path: Path) -> None:
    tex = tmp_path / "thesis.tex"
    tex.write_text("% thesisdiff 00000000000a\n\n\\chapter{A}\n\n% thesisdiff 0123456789ab\n"
                   "Erste Zeile\nzweite \\kaputt\n\nDanach.\n", encoding="utf-8")  # fmt: skip

    def failed(line: int) -> LatexFailed:
        return LatexFailed("x", (LatexProblem("error", "Undefined control sequence", line),))

    assert failing_block(tex, failed(7)) == "0123456789ab"  # in a word-marked paragraph
    assert failing_block(tex, failed(3)) == "00000000000a"  # in a word-marked heading
    assert failing_block(tex, failed(9)) is None


def test_figures_tables_and_formulas_keep_the_new_numbers() -> None:
    old = ("![Bild A](a.png){#fig-a}\n\n$$ E = mc^2 $$ {#eq-e}\n\n| a |\n|---|\n| 1 |\n\n"
           ": Alt {#tbl-t}\n")  # fmt: skip
    new = ("![Bild A neu](a.png){#fig-a}\n\n$$ E = mc^3 $$ {#eq-e}\n\n| a | b |\n|---|---|\n"
           "| 1 | 2 |\n\n: Neu {#tbl-t}\n")  # fmt: skip
    text, _ = compare(old, new)
    assert "Bild A[ neu]{.insertion}](a.png){#fig-a}" in text  # the same image: caption
    assert "[$$ E = mc^2 $$ ]{.deletion}" in text  # the old formula without its label
    assert "[$$ E = mc^3 $$ {#eq-e}]{.insertion}" in text  # crossref.lua numbers it
    assert "\\addtocounter{table}{-1}" in text and "[Alt]{.deletion}" in text
    assert text.count("#tbl-t") == 1
