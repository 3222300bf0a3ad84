"""A frozen copy of the shipped thesis's early draft (tests/data/draft/): real writing with
its todos, terminology slips and bare math, pinned here so the author can go on writing
thesis/ without breaking a test. Lint reads the copy in place; md reads the build of
the `draft_build` fixture."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

DRAFT = Path(__file__).parent / "data" / "draft"
GRUNDLAGEN = "thesis/03-grundlagen.md"
TITLES = [
    "# Abstract {.unnumbered}",
    "# Einführung",
    "# Grundlagen",
    "# Tools",
    "# Methode",
    "# Design der Experimente",
    "# Ergebnisse der Experimente",
    "# Diskussion",
    "# Zusammenfassung",
]
# The todos the seed draft already had, all in "Grundlagen"; the other 23 are the
# "[todo … beschreiben]" placeholders of the chapters still to write.
SEED_DRAFT_TODOS = [
    "wer und wann",
    "multi layer perzeptron",
    "define Verlustfunktion is the loss function == error signal?",
    "deutsch ganz",
    "bild mit Einordnung verschiedener Bereiche",
    "referenz",
    "bild mit Deep Learning Modell mit mehreren Schichten",
    "MAYBE ADD: There are several different methods",
    "take graphic from matthias?/add graphic like this <https://towardsdatascience.com/",
    "image of ner demonstration",
    "find out whats correct",
    "find out if Abhängigkeitsanalyse is correct word",
    "links",
    "MAYBE ADD: Named entity recognition (NER) is a task",
    "image of sequential data",
    "update of hidden and cell state?",
]


@pytest.fixture(scope="module")
def findings(thesisbuild) -> list[dict[str, object]]:
    run = thesisbuild("lint", "-C", DRAFT, "--format", "json")
    assert run.code == 1, run.err  # the terminology errors
    result: list[dict[str, object]] = json.loads(run.out)
    return result


def of_rule(findings: list[dict[str, object]], rule: str) -> list[dict[str, object]]:
    return [finding for finding in findings if finding["rule"] == rule]


def test_39_todos(findings) -> None:
    todos = of_rule(findings, "todo")
    per_file = Counter(str(todo["path"]) for todo in todos)
    assert len(todos) == 39
    assert per_file == {
        "thesis/01-abstract.md": 1,
        "thesis/02-einfuehrung.md": 4,
        GRUNDLAGEN: 19,
        "thesis/04-tools.md": 3,
        "thesis/05-methode.md": 3,
        "thesis/06-design-der-experimente.md": 4,
        "thesis/07-ergebnisse-der-experimente.md": 3,
        "thesis/08-diskussion.md": 1,
        "thesis/09-zusammenfassung.md": 1,
    }
    assert all(todo["severity"] == "warning" and todo["cell"] is None for todo in todos)


def test_16_seed_draft_todos_and_23_placeholders(findings) -> None:
    todos = of_rule(findings, "todo")
    seed = [
        str(todo["text"])
        for todo in todos
        if todo["path"] == GRUNDLAGEN and not str(todo["text"]).endswith(" beschreiben")
    ]
    assert all(text.startswith(start) for text, start in zip(seed, SEED_DRAFT_TODOS, strict=True))
    assert len(todos) - len(seed) == 23


def test_multi_paragraph_todo_is_one_finding(findings) -> None:
    [maybe_add] = [t for t in of_rule(findings, "todo") if "DARPA" in str(t["text"])]
    assert (maybe_add["line"], maybe_add["column"]) == (244, 1)
    text = str(maybe_add["text"])  # a finding's text stops at 500 characters
    assert text.startswith("MAYBE ADD: Named entity recognition (NER)")
    assert len(text) == 500 and text.endswith("…")


def test_terminology_errors(findings) -> None:
    terms = of_rule(findings, "terminology")
    assert [(t["path"], t["line"], t["text"]) for t in terms] == [
        (GRUNDLAGEN, 126, "Entitäten-Erkennung"),
        (GRUNDLAGEN, 210, "Entitäten"),
        (GRUNDLAGEN, 214, "Entitäten"),
        (GRUNDLAGEN, 214, "Entitäten"),
        (GRUNDLAGEN, 216, "Entitäten"),
        (GRUNDLAGEN, 264, "Entitäten"),
    ]
    assert all(t["severity"] == "error" for t in terms)
    assert 'write "Eigennamenerkennung"' in str(terms[0]["message"])


def test_bare_math(findings) -> None:
    math = of_rule(findings, "math")
    texts = {str(m["text"]) for m in math}
    assert {"x_n", "\\hat{y}", "h_{t-1}", "c_t^{\\wedge}", "w_6"} <= texts
    assert "input_size" not in texts
    assert all(m["path"] == GRUNDLAGEN for m in math)
    # nothing from the fenced RNN code (lines 330-380)
    assert not [m for m in math if 330 <= int(str(m["line"])) <= 380]
    # each finding's line and column point at its text in the file, outside $…$
    lines = (DRAFT / GRUNDLAGEN).read_text(encoding="utf-8").splitlines()
    for m in math:
        line, start = lines[int(str(m["line"])) - 1], int(str(m["column"])) - 1
        assert line[start : start + len(str(m["text"]))] == m["text"]
        assert line.count("$", 0, start) % 2 == 0


@pytest.fixture(scope="module")
def built_draft(draft_build: Path) -> tuple[Path, str]:
    """The draft's build/ after `thesisbuild pdf` (shared with test_pdf) and its thesis.md."""
    return draft_build, (draft_build / "build" / "thesis.md").read_text(encoding="utf-8")


@pytest.mark.kernel
@pytest.mark.tex
def test_md_has_every_chapter_in_order(built_draft) -> None:
    _, markdown = built_draft
    positions = [markdown.index(f"\n{title}\n") for title in TITLES]
    assert positions == sorted(positions)
    main_matter = markdown.index("```{=latex}\n\\thesismainmatter\n```")
    assert positions[0] < main_matter < positions[1]
    assert markdown.startswith("---\ntitle: Named Entity Recognition mit schwach gelabelten")


@pytest.mark.kernel
@pytest.mark.tex
def test_md_has_the_figure(built_draft) -> None:
    root, markdown = built_draft
    assert (
        "![Schwellenwertfunktion des MP Neurons und Sigmoid-Aktivierung des Perzeptrons]"
        "(figures/thesis-03-grundlagen-md-cell1-0.png){#fig-aktivierung}"
    ) in markdown
    assert (
        root / "build" / "figures" / "thesis-03-grundlagen-md-cell1-0.png"
    ).stat().st_size > 1000
    assert "import matplotlib" not in markdown  # the cell is tagged remove-input


@pytest.mark.kernel
@pytest.mark.tex
def test_md_marks_todos_and_math(built_draft) -> None:
    _, markdown = built_draft
    assert "[todo" not in markdown
    assert markdown.count("{.todo}") + markdown.count("::: todo\n") == 39
    assert "::: todo\nMAYBE ADD: Named entity recognition (NER)" in markdown
    assert "die Ausgabe $\\hat{y}$ folgendermaßen" in markdown
    assert "candidate $c_t^{\\wedge}$ :" in markdown
    assert "def __init__(self, input_size, hidden_size, output_size):" in markdown
