"""Cross-references without TeX: crossref.lua through real pandoc (the LaTeX it writes),
the labels and references found in chapters, and lint's `crossref` rule."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pypandoc
import pytest
from conftest import Run

from thesisbuild.manuscript.assemble import cites_something
from thesisbuild.resources.lookup import PACKAGED
from thesisbuild.sources.chapter import ChapterSource, read_chapter
from thesisbuild.text.math import wrap_bare_math
from thesisbuild.text.references import is_reference_key, labels, references

FILTER = PACKAGED / "crossref.lua"
DOCUMENT = r"""
# Einleitung {#sec-intro}

## Ohne Nummer {#sec-ohne .unnumbered}

![Ein *Punkt*](punkt.png){#fig-punkt}

$$ a^2 $$ {#eq-a}

Siehe @fig-punkt, @Fig-punkt, [-@eq-a], [Abb. @fig-punkt], [@fig-punkt; @eq-a],
[@fig-punkt; @smith], @sec-ohne, @sec-anhang und @fig-fehlt.

```{=latex}
\thesisappendix
```

# Daten {#sec-anhang}
"""


def latex(markdown: str, *options: str) -> tuple[str, str]:
    """(LaTeX body, pandoc's warnings) of markdown through crossref.lua, then citeproc."""
    argv = [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "latex", "--top-level-division",
            "chapter", "--lua-filter", str(FILTER), "--citeproc", *options]  # fmt: skip
    done = subprocess.run(argv, input=markdown, capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split()), done.stderr


@pytest.fixture(scope="module")
def german() -> tuple[str, str]:
    return latex(DOCUMENT, "-M", "lang=de-DE")


def test_labels_reach_latex(german: tuple[str, str]) -> None:
    tex, _ = german
    assert "\\caption{Ein \\emph{Punkt}}\\label{fig-punkt}" in tex
    assert "\\[ a^2 \\label{eq-a}\\]" in tex


def test_references_become_linked_numbers(german: tuple[str, str]) -> None:
    tex, _ = german
    figure = "\\hyperref[fig-punkt]{Abbildung~\\ref*{fig-punkt}}"
    assert f"Siehe {figure}, {figure}, \\hyperref[eq-a]{{(\\ref*{{eq-a}})}}," in tex
    assert "\\hyperref[fig-punkt]{Abb.~\\ref*{fig-punkt}}" in tex
    assert f"{figure}, \\hyperref[eq-a]{{Gleichung~(\\ref*{{eq-a}})}}" in tex


def test_sections_chapters_and_appendix_get_their_words(german: tuple[str, str]) -> None:
    tex, _ = german
    assert "\\hyperref[sec-ohne]{Ohne Nummer}" in tex  # unnumbered: its title
    assert "\\hyperref[sec-anhang]{Anhang~\\ref*{sec-anhang}}" in tex


def test_unknown_label_is_bold_and_warned(german: tuple[str, str]) -> None:
    tex, warnings = german
    assert "\\textbf{?@fig-fehlt}" in tex
    assert "thesisbuild: unknown cross-reference @fig-fehlt" in warnings
    assert "@fig-punkt" not in warnings


def test_a_citation_beside_a_reference_stays_a_citation(german: tuple[str, str]) -> None:
    tex, warnings = german
    assert "\\hyperref[fig-punkt]{Abbildung~\\ref*{fig-punkt}} (\\textbf{smith?})" in tex
    assert "citation smith not found" in warnings
    assert "citation fig-" not in warnings and "citation sec-" not in warnings


def test_english_words() -> None:
    tex, _ = latex(DOCUMENT, "-M", "lang=en")
    assert "\\hyperref[fig-punkt]{Figure~\\ref*{fig-punkt}}" in tex
    assert "\\hyperref[eq-a]{Equation~(\\ref*{eq-a})}" in tex
    assert "\\hyperref[sec-anhang]{Appendix~\\ref*{sec-anhang}}" in tex


def test_a_labelled_image_without_caption_is_still_a_numbered_figure() -> None:
    tex, warnings = latex("![](kurve.png){#fig-kurve}\n\nSiehe @fig-kurve.\n")
    assert "\\caption{}\\label{fig-kurve}" in tex and "unknown" not in warnings
    assert "\\hyperref[fig-kurve]{Abbildung~\\ref*{fig-kurve}}" in tex


def test_listing_caption_and_metadata() -> None:
    markdown = (
        '```{#lst-a .python lst-cap="Ein *Gruß* wie @eq-b"}\nprint(1)\n```\n\nSiehe @lst-a.\n'
    )
    markdown += "\n$$ b $$ {#eq-b}\n"
    tex, _ = latex(markdown, "-s", "--template", str(FILTER.parent / "thesis.latex"))
    assert (
        "\\thesislisting{Ein \\emph{Gruß} wie \\hyperref[eq-b]{Gleichung~(\\ref*{eq-b})}}{lst-a}"
        in tex
    )
    assert "\\hyperref[lst-a]{Listing~\\ref*{lst-a}}" in tex
    assert "listname={Verzeichnis der Listings}" in tex and "\\listofcodelistings" in tex


@pytest.mark.parametrize(
    ("markdown", "math"),
    [
        ("Nur Text, 5 $ und 3 €.\n", False),
        ("Eine Formel $a^2$.\n", True),
        ("```{=latex}\n\\begin{equation} x \\end{equation}\n```\n", True),
        ("Inline `\\(x\\)`{=latex}.\n", True),
    ],
    ids=["text", "math", "raw-equation", "raw-inline"],
)
def test_unicode_math_only_for_a_text_with_math(markdown: str, math: bool) -> None:
    """unicode-math's code is a third of a small thesis' LaTeX pass: loaded for math only."""
    tex, _ = latex(markdown, "-s", "--template", str(FILTER.parent / "thesis.latex"))
    assert ("\\usepackage{unicode-math}" in tex) is math
    assert ("\\setmathfont" in tex) is math
    assert ("\\usepackage{fontspec}" in tex) is not math


# --- labels and references in the chapters as written -----------------------------------


def chapter(tmp_path: Path, text: str) -> ChapterSource:
    path = tmp_path / "01-kapitel.md"
    path.write_text(text, encoding="utf-8")
    return read_chapter(path, "thesis/01-kapitel.md")


def test_labels_and_references_are_found_where_written(tmp_path: Path) -> None:
    source = chapter(
        tmp_path,
        "# K {#sec-k}\n\nSiehe @fig-a und [-@Tbl-b], `@fig-code`, $@eq-math$, "
        "mail@fig-x.de.\n\n```python\n#| label: fig-a\nx = 1  # @fig-kommentar\n```\n\n"
        "```markdown\n![nur gezeigt](x.png){#fig-gezeigt}\n```\n",
    )
    found = [(m.key, str(m.location)) for m in labels([source])]
    assert found == [("sec-k", "thesis/01-kapitel.md:1:7"), ("fig-a", "thesis/01-kapitel.md:6:11")]
    refs = [(m.key, str(m.location)) for m in references([source])]
    assert refs == [("fig-a", "thesis/01-kapitel.md:3:7"), ("Tbl-b", "thesis/01-kapitel.md:3:20")]


def test_an_html_heading_id_is_a_label_as_the_build_resolves_it(tmp_path: Path) -> None:
    source = chapter(tmp_path, "# K\n\n<h2 class=\"x\" ID='sec-html'>Ergebnisse</h2>\n")
    assert [(m.key, str(m.location)) for m in labels([source])] == [
        ("sec-html", "thesis/01-kapitel.md:3:19")
    ]


def test_an_underscore_in_a_reference_is_no_math() -> None:
    assert wrap_bare_math("Siehe @eq-x_1 und [-@fig-a_b], aber c_t.") == (
        "Siehe @eq-x_1 und [-@fig-a_b], aber $c_t$."
    )


def test_reference_keys_are_not_citations() -> None:
    assert is_reference_key("fig-a") and is_reference_key("Eq-b")
    assert not is_reference_key("figueroa2020") and not is_reference_key("smith")
    assert not cites_something("Siehe @fig-a und [-@tbl-b].")
    assert cites_something("Siehe @fig-a und [@smith].")


# --- lint -------------------------------------------------------------------------------


@pytest.fixture
def thesis(project: Callable[[str], Path]) -> Path:
    return project("crossref-de")


def test_lint_passes_a_thesis_whose_references_resolve(
    thesis: Path, thesisbuild: Callable[..., Run]
) -> None:
    result = thesisbuild("lint", "--strict", "-C", thesis)
    assert (result.code, result.out) == (0, "")


def test_lint_reports_unknown_and_duplicate_labels(
    thesis: Path, thesisbuild: Callable[..., Run]
) -> None:
    (thesis / "02-schluss.md").write_text(
        "# Schluss\n\nSiehe @fig-fehlt.\n\n$$ b $$ {#eq-energie}\n", encoding="utf-8"
    )
    result = thesisbuild("lint", "-C", thesis, thesis / "02-schluss.md")
    assert result.code == 1
    assert result.out.splitlines() == [
        "02-schluss.md:3:7: warning [crossref] unknown cross-reference @fig-fehlt: no figure, "
        "table, equation, section or listing has the label fig-fehlt",
        "02-schluss.md:5:11: error [crossref] label eq-energie is defined twice (first at "
        "01-einleitung.md:25:6); references cannot tell them apart: rename one",
    ]
    strict = thesisbuild("lint", "--strict", "--format", "json", "-C", thesis)
    assert strict.out.count('"severity": "error"') == 2
