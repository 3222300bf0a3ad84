"""Other tools' markup without TeX: pandoc-crossref, MyST and Quarto constructs rewritten
into the one reference model, what lint finds in them (labels, references, rule
`syntax`), and the LaTeX and Word AST that syntax.lua and crossref.lua make of them."""

from __future__ import annotations

import base64
import json
import subprocess
import zipfile
from pathlib import Path

import pypandoc
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from notebook_project import png

from thesisbuild.config.model import Config, Figures
from thesisbuild.core.paths import BuildPaths
from thesisbuild.lint.linter import lint_chapters
from thesisbuild.manuscript.transform import pandoc_ready
from thesisbuild.notebook.cellopts import option_problems
from thesisbuild.notebook.execute import Execution
from thesisbuild.notebook.export import render_chapter
from thesisbuild.notebook.figures import cell_code, startup_code
from thesisbuild.notebook.outputs import render_outputs
from thesisbuild.notebook.rendering import Rendering
from thesisbuild.resources.lookup import PACKAGED
from thesisbuild.sources.chapter import ChapterSource, read_chapter
from thesisbuild.text.references import is_reference_key, labels, references
from thesisbuild.text.syntaxes import names_in, normalized

PNG = base64.b64encode(png(3, 2, (1, 2, 3))).decode()

MYST = """(sec-daten)=
# Daten

```{figure} kurve.png
:name: pipeline
:width: 50%

Die *Pipeline*, nach {cite:p}`smith`.
```

```{math}
:label: energie
E = mc^2
```

Siehe {numref}`pipeline`, {numref}`Abb. %s <pipeline>`, {ref}`sec-daten`,
{ref}`die Daten <sec-daten>` und {eq}`energie`; {cite:t}`smith` und {cite}`a,b`.
H{sub}`2`O, `` {numref}`pipeline` `` bleibt Code.
"""
CROSSREF = """# Methode {#sec:methode}

![Ablauf](a.png){#fig:ablauf}

$$ a^2 $$ {#eq:quadrat}

Siehe @fig:ablauf, [@fig:ablauf; @eq:quadrat], @Fig:ablauf und @sec:methode.
"""
ADMONITIONS = """````{warning}
Achtung, `code` und {numref}`pipeline`.

```{math}
b
```
````

:::{admonition} Eigener *Titel*
:class: dropdown
Inhalt.
:::

```markdown
```{note}
nur gezeigt
```
```
"""
QUARTO = """# Kapitel

::: {.callout-note}
## Kein Abschnitt
Text im Kasten.
:::

::: {.callout-tip title="Mit *Titel*"}
Tipp.
:::

::: {.callout-warning}
Ohne Titel.
:::

::: {#fig-paar layout-ncol=2}
![Links](a.png){#fig-paar-a}

![Rechts](b.png){#fig-paar-b}

Beide Seiten
:::

Siehe @fig-paar und @fig-paar-b.

{{< pagebreak >}}
"""


def test_pandoc_crossref_becomes_the_quarto_form() -> None:
    assert normalized(CROSSREF, {}) == (
        "# Methode {#sec-methode}\n\n![Ablauf](a.png){#fig-ablauf}\n\n$$ a^2 $$ {#eq-quadrat}\n\n"
        "Siehe @fig-ablauf, [@fig-ablauf; @eq-quadrat], @Fig-ablauf und @sec-methode.\n"
    )
    assert is_reference_key("fig:ablauf") and not is_reference_key("figueroa2020")


def test_myst_roles_targets_and_directives_become_pandoc_markdown() -> None:
    out = normalized(MYST, names_in([MYST]))
    assert out.startswith("# Daten {#sec-daten}\n")
    assert "![Die *Pipeline*, nach [@smith].](kurve.png){#fig-pipeline width=50%}" in out
    assert "$$\nE = mc^2\n$$ {#eq-energie}" in out
    assert (
        "Siehe @fig-pipeline, Abb. [-@fig-pipeline], @sec-daten,\n"
        "[die Daten](#sec-daten) und [-@eq-energie]; @smith und [@a; @b]."
    ) in out
    assert "H~2~O, `` {numref}`pipeline` `` bleibt Code." in out


def test_admonitions_become_callouts_their_body_stays_markdown() -> None:
    out = normalized(ADMONITIONS, {"pipeline": "fig-pipeline"})
    assert out.startswith(
        "::::: {.callout-warning}\nAchtung, `code` und @fig-pipeline.\n\n$$\nb\n$$\n:::::"
    )
    assert '::::: {.callout-note title="Eigener *Titel*"}\nInhalt.\n:::::' in out
    assert "```markdown\n```{note}\nnur gezeigt\n```\n```" in out  # an example stays


def test_code_and_math_are_left_alone() -> None:
    text = "`@fig:x` und $@fig:y$ und\n\n```\n{numref}`z` {{< pagebreak >}}\n```\n"
    assert normalized(text, {}) == text


# --- what lint sees -----------------------------------------------------------------------


def chapter(tmp_path: Path, name: str, text: str) -> ChapterSource:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_chapter(path, f"thesis/{name}")


def test_labels_and_references_of_every_syntax_are_one_model(tmp_path: Path) -> None:
    myst = chapter(tmp_path, "01-myst.md", MYST)
    crossref = chapter(tmp_path, "02-crossref.md", CROSSREF + "\nUnd {numref}`pipeline`.\n")
    found = {(m.key, str(m.location)) for m in labels([myst, crossref])}
    assert ("fig-pipeline", "thesis/01-myst.md:4:1") in found
    assert ("eq-energie", "thesis/01-myst.md:11:1") in found
    assert ("sec-daten", "thesis/01-myst.md:1:1") in found
    assert ("fig-ablauf", "thesis/02-crossref.md:3:17") in found
    refs = [(m.key, str(m.location)) for m in references([crossref, myst])]
    assert refs[:2] == [("fig-ablauf", "thesis/02-crossref.md:7:7"),
                        ("fig-ablauf", "thesis/02-crossref.md:7:21")]  # fmt: skip
    assert ("fig-pipeline", "thesis/02-crossref.md:9:5") in refs  # a name from 01-myst.md


def test_lint_resolves_across_syntaxes_and_reports_unsupported_at_their_line(
    tmp_path: Path,
) -> None:
    text = (
        MYST + "\n{numref}`fehlt`\n\n{{< video x.mp4 >}} und {abbr}`PDF`\n\n```{eval-rst}\nx\n```\n"
        "\n```{python}\nprint(1)\n```\n"
    )
    source = chapter(tmp_path, "01-myst.md", text)
    config = Config(root=tmp_path, title="T", chapters=(source.path,))
    found = [(f.rule, f.location.line, f.text) for f in lint_chapters([source], config)]
    assert ("crossref", 20, "fig-fehlt") in found
    assert [f for f in found if f[0] == "crossref"] == [("crossref", 20, "fig-fehlt")]
    syntax = [f for f in found if f[0] == "syntax"]
    assert syntax == [("syntax", 22, "{{< video x.mp4 >}}"), ("syntax", 22, "{abbr}`PDF`"),
                      ("syntax", 24, "```{eval-rst}"), ("syntax", 28, "```{python}")]  # fmt: skip


def test_lint_reads_myst_in_a_notebooks_markdown_cells(tmp_path: Path) -> None:
    book = new_notebook(cells=[new_markdown_cell("# K\n\nSiehe @fig:fehlt."),
                               new_markdown_cell("{{< include x.qmd >}}")])  # fmt: skip
    for number, cell in enumerate(book.cells):
        cell.id = f"c{number}"
    source = chapter(tmp_path, "01-k.ipynb", json.dumps(book))
    config = Config(root=tmp_path, title="T", chapters=(source.path,))
    found = [(f.rule, f.location.cell, f.location.line) for f in lint_chapters([source], config)]
    assert found == [("crossref", 1, 3), ("syntax", 2, 1)]


# --- pandoc: what syntax.lua and crossref.lua make of it ------------------------------------


def pandoc(markdown: str, to: str, lang: str) -> str:
    filters = [f"--lua-filter={PACKAGED / name}" for name in ("syntax.lua", "crossref.lua")]
    argv = [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", to, "-M", f"lang={lang}",
            "--top-level-division", "chapter", *filters]  # fmt: skip
    done = subprocess.run(argv, input=markdown, capture_output=True, text=True, check=True)
    assert "unknown cross-reference" not in done.stderr
    return " ".join(done.stdout.split())


@pytest.mark.parametrize(("lang", "figure"), [("de", "Abbildung"), ("en", "Figure")])
def test_every_syntax_reaches_latex_as_linked_numbers(lang: str, figure: str) -> None:
    chapters = (QUARTO, MYST, CROSSREF)
    names = names_in(chapters)
    tex = pandoc("\n\n".join(pandoc_ready(text, names) for text in chapters), "latex", lang)
    for label in ("fig-paar", "fig-paar-b", "fig-pipeline", "fig-ablauf"):
        assert f"\\hyperref[{label}]{{{figure}~\\ref*{{{label}}}}}" in tex
    assert "\\hyperref[eq-energie]{(\\ref*{eq-energie})}" in tex
    assert "\\hyperref[sec-daten]{die Daten}" in tex
    assert "\\begin{subfigure}" in tex and "\\caption{Rechts}\\label{fig-paar-b}" in tex
    assert "\\caption{Beide Seiten}\\label{fig-paar}" in tex
    assert "\\newpage" in tex and "{{<" not in tex and tex.count("numref") == 1
    assert "\\section{Kein Abschnitt}" not in tex
    assert "\\begin{thesiscallout}{blue!70!black}{Kein Abschnitt} Text im Kasten." in tex
    assert "\\begin{thesiscallout}{green!50!black}{Mit \\emph{Titel}}" in tex


def test_callouts_get_the_languages_word_when_untitled() -> None:
    strings = "strings:\n  callout-warning: Warnung\n"
    tex = pandoc(f"---\n{strings}---\n\n" + QUARTO, "latex", "de")
    assert "\\begin{thesiscallout}{orange!90!black}{Warnung} Ohne Titel." in tex


def test_word_gets_the_numbers_and_box_titles() -> None:
    native = pandoc(pandoc_ready(QUARTO), "native", "de")
    assert 'Strong [ Str "Kein" , Space , Str "Abschnitt" ]' in native
    assert 'Str "Abbildung\\160\\&1.1"' in native
    assert 'Str "(b)" , Space , Str "Rechts"' in native  # a subfigure: no number of its own
    assert 'Str "Abbildung\\160\\&1.1b"' in native and "1.2" not in native
    assert "Header 2" not in native


# --- figures: kernel settings, cell options, a cell's several plots -----------------------


@pytest.fixture
def rendering(tmp_path: Path) -> Rendering:
    path = tmp_path / "01-kapitel.ipynb"
    path.write_text(json.dumps(new_notebook(cells=[new_code_cell("x")])), encoding="utf-8")
    lua = PACKAGED / "html.lua"
    return Rendering(
        read_chapter(path, "thesis/01-kapitel.ipynb"), "k", BuildPaths.of(tmp_path), lua
    )


def test_print_quality_is_the_default_and_a_cell_sets_its_own_size() -> None:
    default = startup_code(Figures())
    assert "figure_formats = ['png']" in default
    assert "('figure.figsize', (6.0, 4.0)), ('figure.dpi', 300)" in default
    assert "{" not in default  # IPython would expand it in a magic's line
    assert "['pdf']" in startup_code(Figures(format="pdf"))
    assert cell_code({"fig-cap": "x"}, Figures()) is None
    around = cell_code({"fig-width": 3, "fig-dpi": 600}, Figures())
    assert around is not None
    assert "('figure.figsize', (3.0, 4.0)), ('figure.dpi', 600)" in around[0]
    assert around[1] == default  # the project's settings again after the cell


def test_figure_options_are_checked() -> None:
    source = "#| fig-width: breit\n#| fig-height: 2.5\n#| layout-ncol: 0\n#| fig-subcap: [a, b]\nx"
    assert option_problems(source) == [
        (0, "cell option fig-width: breit is no positive number; ignored"),
        (2, "cell option layout-ncol: 0 is no positive number; ignored"),
    ]


def test_a_labelled_cells_plots_are_subfigures_with_their_own_labels(
    rendering: Rendering,
) -> None:
    plots = [new_output("display_data", data={"image/png": PNG}) for _ in range(2)]
    options = {"label": "fig-zwei", "fig-cap": "Beide", "fig-subcap": ["Links", "Rechts"],
               "layout-ncol": 2, "fig-width": 3}  # fmt: skip
    book = new_notebook(cells=[new_code_cell("plot()", metadata={"thesisbuild": options})])
    book.cells[0].outputs = [new_output("stream", text="fertig\n"), *plots]
    render_outputs(book, rendering)
    assert book.cells[0].outputs[0]["data"]["text/markdown"] == (
        "``` {.output}\nfertig\n```\n\n::: {#fig-zwei layout-ncol=2}\n\n"
        "![Links](figures/k-cell0-1.png){#fig-zwei-a width=3in}\n\n"
        "![Rechts](figures/k-cell0-2.png){#fig-zwei-b width=3in}\n\nBeide\n\n:::"
    )
    assert rendering.warnings == []


def test_subcaptions_without_a_label_are_a_warning(rendering: Rendering) -> None:
    book = new_notebook(
        cells=[new_code_cell("plot()", metadata={"thesisbuild": {"fig-subcap": ["a"]}})]
    )
    book.cells[0].outputs = [new_output("display_data", data={"image/png": PNG})]
    render_outputs(book, rendering)
    assert "fig-subcap and layout-ncol need two or more plots" in rendering.warnings[0]


def test_a_width_in_inches_is_capped_at_the_line_and_a_page_break_reaches_word(
    tmp_path: Path,
) -> None:
    tex = pandoc("![A](a.png){#fig-a width=3in}\n", "latex", "en")
    assert "\\includegraphics[width=\\dimexpr\\thesiscapped{3in}\\relax" in tex
    assert "\\label{fig-a}" in tex
    docx = tmp_path / "x.docx"
    filters = [f"--lua-filter={PACKAGED / 'syntax.lua'}"]
    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-o", str(docx), *filters],
                   input=pandoc_ready("Eins\n\n{{< pagebreak >}}\n\nZwei\n"), text=True,
                   check=True)  # fmt: skip
    with zipfile.ZipFile(docx) as archive:
        assert '<w:br w:type="page"/>' in archive.read("word/document.xml").decode()


def test_a_final_lint_finds_nothing_in_every_syntax(tmp_path: Path) -> None:
    """--final lints with --strict: every reference of every syntax resolves, none is
    taken for a citation."""
    for image in ("a.png", "b.png"):  # the chapters' figures, so that only syntax is judged
        (tmp_path / image).write_bytes(b"\x89PNG\r\n\x1a\n")
    sources = [
        chapter(tmp_path, "01-quarto.md", QUARTO),
        chapter(tmp_path, "02-myst.md", MYST),
        chapter(tmp_path, "03-crossref.md", CROSSREF),
    ]
    config = Config(root=tmp_path, title="T", chapters=tuple(s.path for s in sources))
    assert lint_chapters(sources, config, strict=True) == []


def test_a_stored_figure_says_its_size_options_wait_for_a_run(tmp_path: Path) -> None:
    cell = new_code_cell("#| fig-dpi: 600\n#| fig-width: 3\nplot()", execution_count=1)
    cell.outputs = [new_output("display_data", data={"image/png": PNG})]
    book = new_notebook(cells=[new_markdown_cell("# K"), cell])
    for number, each in enumerate(book.cells):
        each.id = f"c{number}"
    source = chapter(tmp_path, "01-k.ipynb", json.dumps(book))
    rendered = render_chapter(source, Execution("never"), BuildPaths.of(tmp_path))
    assert [w for w in rendered.warnings if "fig-dpi" in w] == [
        "thesis/01-k.ipynb:cell 2: fig-dpi takes effect when the build runs the code "
        "(`execute: always` or `--rerun`); the figure stored in the notebook is printed as saved"
    ]
    assert "{width=3in}" in rendered.markdown  # the width on the page still follows
