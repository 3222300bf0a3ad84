"""The lint rules on small chapters: what each rule finds, where, and what it leaves alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from thesisbuild.config.model import Config, RuleSetting, TerminologyRule
from thesisbuild.lint.finding import Finding
from thesisbuild.lint.linter import lint_chapters
from thesisbuild.sources.chapter import read_chapter

TERMINOLOGY = (
    TerminologyRule("Eigennamenerkennung", ("/Entitäten-?[Ee]rkennung/",)),
    TerminologyRule("Eigennamen", ("Entitäten",)),
)
JUPYTEXT_HEADER = """---
jupyter:
  jupytext:
    text_representation:
      extension: .md
      format_name: markdown
---

"""

Lint = Callable[..., list[Finding]]
# These tests see the first wave of rules; the second is tested in test_lint_prose.py,
# test_lint_english.py and test_lint_spelling.py.
SECOND_WAVE = ("citation", "placeholder", "paragraph-break", "quotes", "english", "spelling",
               "abbreviation")  # fmt: skip
FIRST_WAVE = tuple(RuleSetting(name, "off") for name in SECOND_WAVE)


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    """`lint(text, suffix=".md")` → the findings of every rule for that chapter text."""

    def run(
        text: str,
        suffix: str = ".md",
        terminology: tuple[TerminologyRule, ...] = TERMINOLOGY,
        strict: bool = False,
    ) -> list[Finding]:
        path = tmp_path / f"kapitel{suffix}"
        path.write_text(text, encoding="utf-8")
        config = Config(root=tmp_path, title="Test", terminology=terminology, rules=FIRST_WAVE)
        return lint_chapters([read_chapter(path, path.name)], config, strict=strict)

    return run


def notebook(*cells: nbformat.NotebookNode) -> str:
    """An .ipynb file's text holding these cells."""
    book = new_notebook(cells=list(cells))
    for number, cell in enumerate(book.cells):
        cell.id = f"cell-{number}"
    return json.dumps(book, indent=1)


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


def where(finding: Finding) -> tuple[int | None, int, int]:
    return finding.location.cell, finding.location.line, finding.location.column


# --- todo -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param("Perceptrons [todo wer und wann].", "wer und wann", id="bracket"),
        pytest.param("[TODO Quelle]", "Quelle", id="bracket-uppercase"),
        pytest.param("[todo stimmt das?]", "stimmt das?", id="bracket-question-mark"),
        pytest.param(
            "[todo loss function == error signal?]",
            "loss function == error signal?",
            id="bracket-equals",
        ),
        pytest.param(
            "[todo Grafik wie <https://example.org/a]b?x=1> einfügen]",
            "Grafik wie <https://example.org/a]b?x=1> einfügen",
            id="bracket-url-with-bracket",
        ),
        pytest.param(
            "[todo siehe [1] und [Abb. 2]] danach", "siehe [1] und [Abb. 2]", id="bracket-nested"
        ),
        pytest.param("[todo erste Zeile\nzweite Zeile]", "erste Zeile zweite Zeile", id="lines"),
        pytest.param("TODO: Quelle nachtragen", "Quelle nachtragen", id="TODO-colon"),
        pytest.param("Hier fehlt TODO noch etwas", "noch etwas", id="TODO-word"),
        pytest.param("Notiz todo: Abbildung", "Abbildung", id="todo-colon"),
        pytest.param("- [ ] Abbildung einfügen", "Abbildung einfügen", id="unchecked-dash"),
        pytest.param("* [ ] Tabelle", "Tabelle", id="unchecked-star"),
        pytest.param("  - [ ] eingerückt", "eingerückt", id="unchecked-indented"),
        pytest.param("☐ Quelle prüfen", "Quelle prüfen", id="ballot-box"),
        pytest.param(
            "```python\nx = 1  # TODO: umbenennen\n```", "umbenennen", id="fenced-code-TODO"
        ),
        pytest.param("~~~\n# todo aufräumen\n~~~", "aufräumen", id="fenced-code-todo"),
    ],
)
def test_todo_fires(lint: Lint, text: str, content: str) -> None:
    findings = of_rule(lint(f"# Kapitel\n\n{text}\n"), "todo")
    assert [finding.text for finding in findings] == [content]
    assert findings[0].severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- [x] erledigt", id="checked-box"),
        pytest.param("- [X] erledigt", id="checked-box-uppercase"),
        pytest.param("☒ erledigt", id="checked-ballot-box"),
        pytest.param("Im Code: `[todo nicht]` und `TODO: nicht`.", id="inline-code"),
        pytest.param("Mathe $[todo]$ und $$TODO: x$$.", id="math"),
        pytest.param("Link <https://example.org/TODO> hier.", id="url"),
        pytest.param("Eine [todos-Liste] und Methodos ohne Doppelpunkt: todo.", id="other-words"),
        pytest.param("Ein todo ohne Doppelpunkt.", id="lowercase-without-colon"),
    ],
)
def test_todo_passes(lint: Lint, text: str) -> None:
    assert of_rule(lint(f"# Kapitel\n\n{text}\n"), "todo") == []


def test_todo_one_finding_per_marker(lint: Lint) -> None:
    text = "# Kapitel\n\n[todo a] und [todo b [c]] und [todo TODO: d].\n\nTODO: e\n"
    findings = of_rule(lint(text), "todo")
    assert [(f.location.line, f.location.column, f.text) for f in findings] == [
        (3, 1, "a"),
        (3, 14, "b [c]"),
        (3, 31, "TODO: d"),
        (5, 1, "e"),
    ]


def test_todo_message_shows_the_content(lint: Lint) -> None:
    [finding] = lint("# Kapitel\n\n[todo Quelle ergänzen]\n")
    assert finding.message == "open todo: Quelle ergänzen"


def test_unclosed_todo_is_reported_once(lint: Lint) -> None:
    findings = of_rule(lint("# Kapitel\n\n[todo nie geschlossen\n\nWeiter.\n"), "todo")
    assert len(findings) == 1
    assert "unclosed" in findings[0].message
    assert findings[0].text == "nie geschlossen Weiter."


MULTI_PARAGRAPH = "[todo MAYBE ADD: erster Absatz.\n\n\nZweiter Absatz.\n\n\nDritter Absatz.]\n"


@pytest.mark.parametrize(
    ("header", "first_line"),
    [
        pytest.param("", 3, id="plain-markdown"),
        pytest.param(JUPYTEXT_HEADER, 11, id="jupytext-markdown"),
    ],
)
def test_multi_paragraph_todo_split_into_cells_by_jupytext(
    lint: Lint, header: str, first_line: int
) -> None:
    """Two blank lines make jupytext start a new cell; the todo still counts once."""
    text = f"{header}# Kapitel\n\n{MULTI_PARAGRAPH}\nDanach.\n"
    [finding] = of_rule(lint(text), "todo")
    assert where(finding) == (None, first_line, 1)
    assert finding.text == "MAYBE ADD: erster Absatz. Zweiter Absatz. Dritter Absatz."


def test_todo_across_notebook_cells(lint: Lint) -> None:
    text = notebook(
        new_markdown_cell("# Kapitel\n\n[todo erster Absatz"),
        new_markdown_cell("zweiter Absatz]"),
    )
    [finding] = lint(text, suffix=".ipynb")
    assert where(finding) == (1, 3, 1)
    assert finding.text == "erster Absatz zweiter Absatz"


def test_todo_in_code_cells(lint: Lint) -> None:
    percent = "# %% [markdown]\n# # Kapitel\n\n# %%\nx = 1\ny = 2  # TODO: prüfen\n"
    ipynb = notebook(new_markdown_cell("# Kapitel"), new_code_cell("x = 1\n# todo: prüfen"))
    [in_percent] = lint(percent, suffix=".py")
    [in_ipynb] = lint(ipynb, suffix=".ipynb")
    assert (where(in_percent), in_percent.text) == ((None, 6, 8), "prüfen")
    assert (where(in_ipynb), in_ipynb.text) == ((2, 2, 1), "prüfen")


def test_strict_makes_todos_errors(lint: Lint) -> None:
    [finding] = lint("# Kapitel\n\n[todo Quelle]\n", strict=True)
    assert finding.severity == "error"


# --- terminology --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term", "preferred"),
    [
        pytest.param("Die Entitäten im Text.", "Entitäten", "Eigennamen", id="plain"),
        pytest.param("ENTITÄTEN und", "ENTITÄTEN", "Eigennamen", id="case-insensitive"),
        pytest.param("Die [Entitäten](x.md) hier.", "Entitäten", "Eigennamen", id="link-text"),
        pytest.param(
            "Die Entitäten-Erkennung.", "Entitäten-Erkennung", "Eigennamenerkennung", id="regex"
        ),
        pytest.param(
            "Die Entitätenerkennung.", "Entitätenerkennung", "Eigennamenerkennung", id="regex-2"
        ),
    ],
)
def test_terminology_fires(lint: Lint, text: str, term: str, preferred: str) -> None:
    [finding] = of_rule(lint(f"# Kapitel\n\n{text}\n"), "terminology")
    assert (finding.text, finding.replacement, finding.severity) == (term, preferred, "error")
    assert f'"{preferred}"' in finding.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Die Entitätenliste und Subentitäten.", id="part-of-a-word"),
        pytest.param("Im Code `Entitäten`.", id="inline-code"),
        pytest.param("Mathe $Entitäten$ und $$\\text{Entitäten}$$.", id="math"),
        pytest.param("Siehe <https://de.wikipedia.org/wiki/Entitäten>.", id="url-in-brackets"),
        pytest.param("Siehe https://example.org/Entitäten heute.", id="bare-url"),
        pytest.param("Ein [Link](kapitel/Entitäten.md).", id="link-target"),
        pytest.param("```\nEntitäten = 1\n```", id="fenced-code"),
    ],
)
def test_terminology_passes(lint: Lint, text: str) -> None:
    assert of_rule(lint(f"# Kapitel\n\n{text}\n"), "terminology") == []


def test_terminology_never_in_code_cells(lint: Lint) -> None:
    percent = '# %% [markdown]\n# # Kapitel\n\n# %%\nname = "Entitäten"  # Entitäten\n'
    ipynb = notebook(new_markdown_cell("# Kapitel"), new_code_cell("Entitäten = 1"))
    assert of_rule(lint(percent, suffix=".py"), "terminology") == []
    assert of_rule(lint(ipynb, suffix=".ipynb"), "terminology") == []


def test_terminology_overlapping_matches_longer_wins(lint: Lint) -> None:
    rules = (
        TerminologyRule("A", ("foo bar",)),
        TerminologyRule("B", ("bar baz qux",)),
        TerminologyRule("C", ("qux",)),
    )
    findings = lint("# Kapitel\n\nfoo bar baz qux und foo bar.\n", terminology=rules)
    assert [(f.location.column, f.text, f.replacement) for f in findings] == [
        (5, "bar baz qux", "B"),
        (21, "foo bar", "A"),
    ]


def test_terminology_regex_and_plain_form_at_the_same_place(lint: Lint) -> None:
    [finding] = lint("# Kapitel\n\nDie Entitäten-Erkennung.\n")
    assert finding.text == "Entitäten-Erkennung"


def test_no_terminology_rules_no_findings(lint: Lint) -> None:
    assert lint("# Kapitel\n\nDie Entitäten.\n", terminology=()) == []


# --- math ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    [
        pytest.param("\\hat{y}", id="hat"),
        pytest.param("x_n", id="subscript"),
        pytest.param("h_{t-1}", id="braced-subscript"),
        pytest.param("c_t^{\\wedge}", id="sub-and-superscript"),
    ],
)
def test_math_fires(lint: Lint, term: str) -> None:
    [finding] = lint(f"# Kapitel\n\nDie Ausgabe {term} folgendermaßen.\n")
    assert (finding.rule, finding.text, finding.replacement) == ("math", term, f"${term}$")
    assert (finding.location.line, finding.location.column) == (3, 13)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mit $x_n$ und $\\hat{y}$.", id="inline-math"),
        pytest.param("$$h_{t-1} = c_t^{\\wedge}$$", id="display-math"),
        pytest.param("Der Parameter `input_size`.", id="inline-code"),
        pytest.param("Die Variablen input_size und hidden_size.", id="snake-case"),
        pytest.param("Ein snake_case_name hier.", id="snake-case-long"),
        pytest.param("Siehe <https://example.org/x_n> und https://a.org/h_t.", id="urls"),
        pytest.param("Ein [Link](kapitel/x_n.md).", id="link-target"),
        pytest.param("```\nx_n = \\hat{y}\n```", id="fenced-code"),
        pytest.param("Ein Umbruch \\newline{} hier.", id="line-break-command"),
        pytest.param("## Zustand {#sec-h_t}", id="heading-id"),
        pytest.param("![Kurve](a.png){#fig-x_1 width=50%}", id="figure-attributes"),
        pytest.param(
            "\\begin{lstlisting}[caption={parse}]\ndef f(x_n): return \\hat{y}\n\\end{lstlisting}",
            id="raw-environment",
        ),
        pytest.param("\\begin{tabular}{ll}\na & b\n\\end{tabluar}", id="misspelt-end"),
    ],
)
def test_math_passes(lint: Lint, text: str) -> None:
    assert of_rule(lint(f"# Kapitel\n\n{text}\n"), "math") == []


def test_math_never_in_code_cells(lint: Lint) -> None:
    ipynb = notebook(new_markdown_cell("# Kapitel"), new_code_cell("x_n = h_t"))
    assert lint(ipynb, suffix=".ipynb") == []


# --- locations ----------------------------------------------------------------------------


def test_locations_in_jupytext_markdown(lint: Lint) -> None:
    text = f"{JUPYTEXT_HEADER}# Kapitel\n\nZeile mit x_n.\n\n```python\nx = 1\n```\n\nEntitäten.\n"
    findings = lint(text)
    assert [(f.rule, where(f)) for f in findings] == [
        ("math", (None, 11, 11)),
        ("terminology", (None, 17, 1)),
    ]


def test_locations_in_percent_script(lint: Lint) -> None:
    """Markdown lines are `# `-comments in the file: columns count the prefix."""
    text = "# %% [markdown]\n# # Kapitel\n#\n# Die Entitäten und x_n.\n"
    findings = lint(text, suffix=".py")
    assert [(f.rule, where(f)) for f in findings] == [
        ("terminology", (None, 4, 7)),
        ("math", (None, 4, 21)),
    ]


def test_locations_in_notebook_are_cell_and_line_within_cell(lint: Lint) -> None:
    text = notebook(
        new_markdown_cell("# Kapitel\n\nErster Absatz."),
        new_code_cell("x = 1"),
        new_markdown_cell("Zeile eins.\nZeile zwei mit Entitäten."),
    )
    [finding] = lint(text, suffix=".ipynb")
    assert where(finding) == (3, 2, 16)


RAW_LATEX = """# Methode

\\begin{lstlisting}[language=Python]
h_t = lstm(x_t, h_{t-1})
\\end{lstlisting}

\\begin{center}
\\includegraphics{x_1.png}
\\end{center}

Hier ist x_n bar.
"""


def test_raw_latex_environments_are_never_math(lint: Lint) -> None:
    found = of_rule(lint(RAW_LATEX), "math")
    assert [(finding.text, finding.location.line) for finding in found] == [("x_n", 11)]


def test_fix_leaves_raw_latex_as_written(tmp_path: Path, thesisbuild) -> None:
    chapter = tmp_path / "thesis" / "01-methode.md"
    chapter.parent.mkdir()
    chapter.write_text(RAW_LATEX, encoding="utf-8")
    (tmp_path / "thesis.yaml").write_text("title: T\n", encoding="utf-8")
    thesisbuild("lint", "--fix", "-C", tmp_path)
    assert chapter.read_text(encoding="utf-8") == RAW_LATEX.replace("x_n bar", "$x_n$ bar")


@pytest.mark.parametrize(
    "comment",
    ["<!-- TODO: Quelle nachtragen -->", "<!--\nTODO: Quelle nachtragen\n-->",
     "[//]: # (TODO: Quelle nachtragen)", '[//]: # "TODO: Quelle nachtragen"',
     "<!-- [todo Quelle nachtragen] -->"],
    ids=["html", "html-multiline", "markdown-paren", "markdown-quote", "html-bracket"],
)  # fmt: skip
def test_todos_in_comments_have_their_exact_text(lint: Lint, comment: str) -> None:
    found = of_rule(lint(f"# Kapitel\n\n{comment}\n"), "todo")
    assert [finding.text for finding in found] == ["Quelle nachtragen"]


def test_a_chapter_without_level_one_heading_is_a_warning(lint: Lint) -> None:
    found = of_rule(lint("## Nur Abschnitt\n\nText.\n"), "heading")
    assert [(f.location.line, f.severity) for f in found] == [(1, "warning")]
    assert of_rule(lint("<h1>Colab-Titel</h1>\n\nText.\n"), "heading") == []
    assert of_rule(lint("# Abstract {.unnumbered}\n\nText.\n"), "heading") == []


@pytest.mark.parametrize("suffix", [".md", ".ipynb"])
def test_a_heading_numbered_by_hand_is_found_and_fixed(
    tmp_path: Path, thesisbuild, suffix: str
) -> None:
    text = "# 1. Einleitung\n\n## 1.2 Daten\n\nText.\n\n## 3D-Modelle\n\n```\n# 2 kein Titel\n```\n"
    if suffix == ".ipynb":
        text = nbformat.writes(
            nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
        )
    chapter = tmp_path / "thesis" / f"01{suffix}"
    chapter.parent.mkdir()
    chapter.write_text(text, encoding="utf-8")
    (tmp_path / "thesis.yaml").write_text("title: T\n", encoding="utf-8")
    run = thesisbuild("lint", "-C", tmp_path)
    place = "01.md:" if suffix == ".md" else "01.ipynb:cell 1:"
    assert run.out.splitlines() == [
        f"thesis/{place}1:3: warning [heading] heading numbered by hand; the build numbers "
        "headings: remove '1.'",
        f"thesis/{place}3:4: warning [heading] heading numbered by hand; the build numbers "
        "headings: remove '1.2'",
    ]
    run = thesisbuild("lint", "--fix", "-C", tmp_path)
    assert "2 fix(es) written" in run.err and run.out == ""
    fixed = chapter.read_text(encoding="utf-8")
    assert "# Einleitung" in fixed and "## Daten" in fixed and "# 2 kein Titel" in fixed


def test_html_tags_and_attributes_are_never_math(lint: Lint) -> None:
    text = '# T\n\n<img src="bilder/fig_1.png" width="50%">\n\n<div class="x_y">a_b</div>\n'
    assert [finding.text for finding in of_rule(lint(text), "math")] == ["a_b"]
