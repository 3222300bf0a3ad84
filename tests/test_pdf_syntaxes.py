"""Integration: one English thesis with a chapter per syntax family -- Quarto (.md),
MyST / Jupyter Book (.md) and pandoc-crossref in a notebook whose cells plot with
matplotlib -- built once as a draft, its PDF read back: reference numbers, box titles,
sub-captions, nothing printed literally, the figures' resolution and width on the page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from small_project import thesis, tiny_png
from tex import pdf_text, poppler, require_tex

pytestmark = [pytest.mark.tex, pytest.mark.kernel]

YAML = 'title: "Syntaxes"\nauthor: "Test Person"\nlanguage: en\n'
QUARTO = """# Quarto {#sec-quarto}

::: {.callout-note}
## Box heading
Inside the note.
:::

::: {.callout-warning}
Untitled warning.
:::

::: {#fig-pair layout-ncol=2}
![Left side](a.png){#fig-pair-a}

![Right side](b.png){#fig-pair-b}

Both sides
:::

Quarto sees @fig-pair and @fig-pair-b.

{{< pagebreak >}}

After the break {{< video intro.mp4 >}}.
"""
MYST = """(sec-myst)=
# MyST

```{figure} a.png
:name: pipeline

The pipeline
```

```{math}
:label: energy
E = mc^2
```

````{important}
Mind {numref}`pipeline` and {eq}`energy`.
````

:::{admonition} Own title
Own body.
:::

MyST sees {ref}`sec-myst` and {numref}`Fig. %s <pipeline>`.
"""
PLOT = """#| label: fig-plot
#| fig-cap: "A line"
#| fig-width: 3
#| fig-height: 2
import matplotlib.pyplot as plt
plt.plot([0, 1], [0, 1])
plt.show()"""
TWO = """#| label: fig-two
#| fig-cap: "Two lines"
#| fig-subcap: ["Rising", "Falling"]
#| layout-ncol: 2
for k in (1, -1):
    plt.figure()
    plt.plot([0, k])
    plt.show()"""


def crossref_notebook() -> str:
    cells = [
        new_markdown_cell("# Crossref {#sec:crossref}\n\n![Flow](a.png){#fig:flow}"),
        new_markdown_cell("$$ a^2 $$ {#eq:square}\n\nSee @fig:flow, @eq:square and @sec:crossref."),
        new_code_cell(PLOT),
        new_code_cell(TWO),
        new_markdown_cell("Plots @fig-plot, @fig-two and @fig-two-b."),
    ]
    book = new_notebook(cells=cells)
    book.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    for number, cell in enumerate(book.cells):
        cell.id = f"cell-{number}"
    return json.dumps(book)


@pytest.fixture(scope="module")
def build(
    tmp_path_factory: pytest.TempPathFactory, thesisbuild: Callable[..., Run]
) -> tuple[Path, Run]:
    require_tex()
    notebook = crossref_notebook()
    chapters = {"01-quarto.md": QUARTO, "02-myst.md": MYST, "03-crossref.ipynb": notebook}
    root = thesis(tmp_path_factory.mktemp("syntaxes"), YAML, chapters)
    for name in ("a.png", "b.png"):
        (root / "thesis" / name).write_bytes(tiny_png())
    run = thesisbuild("pdf", "-C", root)
    assert run.code == 0, run.err
    return root / "build" / "thesis.pdf", run


@pytest.fixture(scope="module")
def text(build: tuple[Path, Run]) -> str:
    return pdf_text(build[0], joined=True)


def test_every_syntax_refers_by_number(text: str) -> None:
    assert "Quarto sees Figure 1.1 and Figure 1.1b." in text
    assert "MyST sees Chapter 2 and Fig. 2.1." in text
    assert "Mind Figure 2.1 and (2.1)." in text
    assert "See Figure 3.1, Equation (3.1) and Chapter 3." in text
    assert "Plots Figure 3.2, Figure 3.3 and Figure 3.3b." in text


def test_boxes_have_their_titles_and_number_no_section(text: str) -> None:
    assert "Box heading Inside the note." in text
    assert "Warning Untitled warning." in text
    assert "Important Mind" in text and "Own title Own body." in text
    assert "1.1 Box heading" not in text


def test_nothing_prints_as_written(text: str) -> None:
    for literal in ("{{<", "{numref}", "{eq}", ":::", "@fig", "fig:", "?", "```"):
        assert literal not in text.replace("{{< video intro.mp4 >}}", "")


def test_sub_captions_and_the_page_break(build: tuple[Path, Run], text: str) -> None:
    assert "(a) Left side (b) Right side Figure 1.1: Both sides" in text
    assert "(a) Rising (b) Falling Figure 3.3: Two lines" in text
    first = pdf_text(build[0], first=1, last=99)
    pages = first.split("\f")
    quarto = next(n for n, page in enumerate(pages) if "Quarto sees" in page)
    assert "After the break" in pages[quarto + 1]


def test_an_unsupported_construct_is_a_located_warning(build: tuple[Path, Run]) -> None:
    said = build[1].out + build[1].err
    assert "thesis/01-quarto.md:24:17: " in said and "{{< video intro.mp4 >}}" in said
    assert "not found" not in said  # no reference taken for a citation


def test_plots_are_print_quality_and_as_wide_as_asked(build: tuple[Path, Run]) -> None:
    rows = [line.split() for line in poppler("pdfimages", "-list", build[0]).splitlines()[2:]]
    plots = [(int(row[3]), int(row[12])) for row in rows if row[2] == "image" and int(row[3]) > 100]
    assert len(plots) == 3 and all(ppi >= 300 for _, ppi in plots)
    width, ppi = plots[0]  # `#| fig-width: 3`
    assert abs(width / ppi - 3) < 0.15
