"""The rewrites that make the user's markdown safe for pandoc: todo markup, $…$ and
apostrophes after markup, footnote labels of their chapter's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from small_project import write_project

from thesisbuild.manuscript.transform import own_footnotes, pandoc_ready


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param("Text [todo Quelle].", "Text [Quelle]{.todo}.", id="inline-todo"),
        pytest.param(
            "[todo Zeile eins\nZeile zwei]", "[Zeile eins Zeile zwei]{.todo}", id="lines-squashed"
        ),
        pytest.param(
            "Davor.\n\n[todo Absatz eins\n\nAbsatz zwei]\n\nDanach.",
            "Davor.\n\n::: todo\nAbsatz eins\n\nAbsatz zwei\n:::\n\nDanach.",
            id="paragraphs-become-a-div",
        ),
        pytest.param(
            "Im Satz [todo eins\n\nzwei] weiter.",
            "Im Satz [eins zwei]{.todo} weiter.",
            id="paragraphs-inside-a-sentence-stay-a-span",
        ),
        pytest.param("[todo offen", "[todo offen", id="unclosed-left-as-written"),
        pytest.param(
            "Die Ausgabe \\hat{y} und x_n.", "Die Ausgabe $\\hat{y}$ und $x_n$.", id="math"
        ),
        pytest.param("[todo prüfe h_t]", "[prüfe $h_t$]{.todo}", id="math-inside-a-todo"),
        pytest.param("`x_n` und $x_n$ und `[todo x]`", "`x_n` und $x_n$ und `[todo x]`", id="code"),
        pytest.param("```\nx_n [todo x]\n```", "```\nx_n [todo x]\n```", id="fenced-code"),
        pytest.param(
            "# Zustand {#sec-h_t}\n\n![Kurve](figures/x_1.png){#fig-x_1}",
            "# Zustand {#sec-h_t}\n\n![Kurve](figures/x_1.png){#fig-x_1}",
            id="ids-and-link-targets",
        ),
        pytest.param(
            "\"Smith[@k1]'s model, x^2^'s and x<sup>2</sup>'s value\" and the cells' 'shape'",
            '"Smith[@k1]\u2019s model, x^2^\u2019s and x<sup>2</sup>\u2019s value" and the '
            "cells' 'shape'",
            id="apostrophe-after-citation-or-superscript",
        ),
        pytest.param("`a[b]'s` and > 'q'", "`a[b]'s` and > 'q'", id="apostrophe-in-code"),
    ],
)
def test_pandoc_ready(markdown: str, expected: str) -> None:
    assert pandoc_ready(markdown) == expected


def test_each_chapter_keeps_its_own_footnotes() -> None:
    markdown = "Satz.[^1] `[^1]` und [^frei]\n\n[^1]: Die Fußnote.\n"
    assert own_footnotes(markdown, "thesis-02-md") == (
        "Satz.[^thesis-02-md-1] `[^1]` und [^frei]\n\n[^thesis-02-md-1]: Die Fußnote.\n"
    )


def test_two_chapters_numbering_their_notes_alike_keep_both_texts(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    """pandoc, which reads build/thesis.md, shows each chapter's own footnote."""
    import pypandoc

    chapters = {
        f"0{number}.md": f"# {name}\n\nSatz {name}.[^1]\n\n[^1]: Fußnote aus {name}.\n"
        for number, name in ((1, "Eins"), (2, "Zwei"))
    }
    root = write_project(tmp_path / "p", chapters)
    assert thesisbuild("md", "-q", "-C", root).code == 0
    shown = pypandoc.convert_file(str(root / "build" / "thesis.md"), "plain", format="markdown")
    assert "Fußnote aus Eins." in shown and "Fußnote aus Zwei." in shown
