"""The second wave of prose rules, each on what fires and what passes, as .md and .ipynb
chapters: paragraph-break, quotes, placeholder, heading's outline, abbreviation, citation."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_chapters import FORMS, found, lint_file, lint_text

from thesisbuild.lint.fix import fix_file

BREAK = "# K\n\nEin Perzeptron ist\n\nentweder 1 oder 0.\n"


@pytest.mark.parametrize("suffix", FORMS)
def test_paragraph_break_fires_and_fix_joins(tmp_path: Path, suffix: str) -> None:
    findings = [f for f in lint_text(tmp_path, BREAK, suffix) if f.rule == "paragraph-break"]
    assert [f.text for f in findings] == ["\n\n"]
    assert all(change.applied for change in fix_file(tmp_path / f"kapitel{suffix}", findings))
    assert found(lint_file(tmp_path, suffix), "paragraph-break") == []
    assert "Ein Perzeptron ist entweder 1 oder 0." in (tmp_path / f"kapitel{suffix}").read_text()


@pytest.mark.parametrize("suffix", FORMS)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Es gilt:\n\nfolgendes.", id="colon"),
        pytest.param("Ein Satz.\n\nneuer Absatz.", id="punctuation"),
        pytest.param("$$y = f(x)$$\n\nwobei f die Aktivierung ist.", id="wobei-after-math"),
        pytest.param("Die Schritte\n\n- erstens", id="list"),
        pytest.param("Der Code\n\n```python\nprint(1)\n```\n\nnach dem Code.", id="code"),
        pytest.param("Die Abbildung\n\n![A](a.png)", id="image"),
        pytest.param("Ein Abschnitt\n\n## unten", id="heading"),
        pytest.param("y = Ausgabe\n\nx_n = Eingabe", id="formula-symbols"),
    ],
)
def test_paragraph_break_passes(tmp_path: Path, suffix: str, text: str) -> None:
    assert found(lint_text(tmp_path, f"# K\n\n{text}\n", suffix), "paragraph-break") == []


def test_paragraph_break_passes_between_two_cells(tmp_path: Path) -> None:
    """The author split them: a percent script's cell marker is no gap to join."""
    text = "# %% [markdown]\n# # K\n#\n# Ein Perzeptron ist\n\n# %% [markdown]\n# entweder 1.\n"
    chapter = tmp_path / "kapitel.py"
    chapter.write_text(text, encoding="utf-8")
    assert found(lint_file(tmp_path, ".py"), "paragraph-break") == []


@pytest.mark.parametrize("suffix", FORMS)
def test_quotes_fire_once_per_pair_and_fix(tmp_path: Path, suffix: str) -> None:
    text = '# K\n\nDas "Fine-Tuning" und das “Pre-Training” und „richtig“.\n'
    findings = [f for f in lint_text(tmp_path, text, suffix) if f.rule == "quotes"]
    assert [f.replacement for f in findings] == ["„Fine-Tuning“", "„Pre-Training“"]
    assert all(change.applied for change in fix_file(tmp_path / f"kapitel{suffix}", findings))
    assert found(lint_file(tmp_path, suffix), "quotes") == []


@pytest.mark.parametrize("suffix", FORMS)
def test_quotes_pass_in_code_math_urls_and_attributes(tmp_path: Path, suffix: str) -> None:
    text = (
        '# K\n\nDer Aufruf `print("x")` und $"a"$ und <a href="x">y</a> und\n'
        '![A](a.png){#fig-a fig-alt="b"} und „richtig“.\n\n```python\nprint("hallo")\n```\n'
    )
    assert found(lint_text(tmp_path, text, suffix), "quotes") == []


def test_quotes_in_an_english_thesis(tmp_path: Path) -> None:
    text = '# K\n\nThe „gold“ labels and the "silver" ones.\n'
    assert found(lint_text(tmp_path, text, language="en"), "quotes") == ["„gold“"]


@pytest.mark.parametrize("suffix", FORMS)
def test_placeholders_fire(tmp_path: Path, suffix: str) -> None:
    text = (
        "# K\n\n[figure]\n\n[Abbildung: Aufbau]\n\n[link to image LSTM]\n\n"
        "Die Funktion lässt sich bildlich darstellen:\n\nDer nächste Schritt.\n"
    )
    assert found(lint_text(tmp_path, text, suffix), "placeholder") == [
        "[figure]",
        "[Abbildung: Aufbau]",
        "[link to image LSTM]",
        "Die Funktion lässt sich bildlich darstellen:",
    ]


@pytest.mark.parametrize("suffix", FORMS)
@pytest.mark.parametrize(
    "after",
    ["![Aufbau](aufbau.png)", "| a | b |\n|---|---|\n| 1 | 2 |", "$$y = x$$",
     "```python\nplot()\n```"],
    ids=["image", "table", "math", "code-cell"],
)  # fmt: skip
def test_an_announced_figure_that_follows_passes(tmp_path: Path, suffix: str, after: str) -> None:
    text = (
        "# K\n\nSiehe [Abbildung](abb.png) und `[figure]`.\n\n"
        f"Das lässt sich bildlich darstellen:\n\n{after}\n"
    )
    assert found(lint_text(tmp_path, text, suffix), "placeholder") == []


@pytest.mark.parametrize("suffix", FORMS)
def test_heading_outline_fires(tmp_path: Path, suffix: str) -> None:
    text = "# K\n\n## Daten\n\n## Modell\n\nText.\n\n#### Tief\n\nText.\n\n## Modell\n\nMehr.\n"
    messages = [f.message for f in lint_text(tmp_path, text, suffix) if f.rule == "heading"]
    assert len(messages) == 3
    assert "Daten" in messages[0] and "empty" in messages[0]
    assert "jumps from ## to ####" in messages[1]
    assert "sibling" in messages[2] and "Modell" in messages[2]


@pytest.mark.parametrize("suffix", FORMS)
def test_heading_outline_passes(tmp_path: Path, suffix: str) -> None:
    text = (
        "# K\n\n## Daten\n\n### Korpus\n\nText.\n\n## Setup\n\n```python\nx = 1\n```\n\n"
        "## Modell\n\n### Setup\n\nText.\n"
    )
    assert found(lint_text(tmp_path, text, suffix), "heading") == []


@pytest.mark.parametrize("suffix", FORMS)
def test_abbreviations(tmp_path: Path, suffix: str) -> None:
    text = (
        "# K\n\nDas LSTM vor seiner Definition. Long Short-Term Memory (LSTM) dann.\n\n"
        "Named Entity Recognition (NER) und NER, `GPU` im Code, CoNLL-2003, Kapitel IV,\n"
        "[todo MAYBE ADD mehr] und das RNN aus thesis.yaml. Das BERT-Modell.\n\n"
        "Noch einmal Named Entity Recognition (NER).\n"
    )
    findings = [f for f in lint_text(tmp_path, text, suffix, abbreviations=(("RNN", "R"),))
                if f.rule == "abbreviation"]  # fmt: skip
    assert [f.text for f in findings] == ["LSTM", "BERT", "NER"]
    assert "before" in findings[0].message
    assert "never defined" in findings[1].message
    assert "twice" in findings[2].message


@pytest.mark.parametrize("suffix", FORMS)
def test_citations(tmp_path: Path, suffix: str) -> None:
    bib = tmp_path / "quellen.bib"
    bib.write_text(
        "@comment{x,\n}\n@article{da, title={A}}\n\n@misc{unbenutzt,\n  title={B}}\n", "utf-8"
    )
    text = (
        "# K\n\nWie [@da, S. 3] und @da. zeigen, aber [@fehlt; @da]. Siehe @fig-a, mail@da.org,\n"
        "`@fehlt2`.\n"
    )
    findings = lint_text(tmp_path, text, suffix, bibliography=bib, chapters=())
    cited = [(f.text, f.severity) for f in findings if f.rule == "citation"]
    assert cited == [("@fehlt", "warning"), ("unbenutzt", "info")]
    strict = lint_text(tmp_path, text, suffix, strict=True, bibliography=bib)
    assert [f.severity for f in strict if f.rule == "citation" and f.text == "@fehlt"] == ["error"]
    unused = next(f for f in findings if f.text == "unbenutzt")
    assert (unused.location.path, unused.location.line) == ("quellen.bib", 5)


@pytest.mark.parametrize("suffix", FORMS)
def test_latex_refs_without_a_label(tmp_path: Path, suffix: str) -> None:
    text = (
        "# K\n\n## Die Daten\n\n$$E = m c^2 \\label{eq:energie}$$\n\n"
        "Wie \\eqref{eq:energie}, \\ref{lst:parse}, \\ref{fig-a}, \\ref{die-daten} und "
        "\\eqref{eq:fehlt}, aber `\\ref{gezeigt}`.\n\n![A](a.png){#fig-a}\n\n"
        "\\begin{lstlisting}[language=Python, label={lst:parse}]\nx = 1\n\\end{lstlisting}\n"
    )
    findings = [f for f in lint_text(tmp_path, text, suffix, strict=True) if f.rule == "latex-ref"]
    assert [(f.text, f.severity) for f in findings] == [("eq:fehlt", "warning")]
    assert "LaTeX: undefined reference eq:fehlt (printed as ??)" in findings[0].message
