"""What a chapter asks for but the PDF cannot do is a warning at its file, cell and (in a
text chapter) line, never dropped without a word: `#|` options the build cannot use, an
<iframe>, an output form no PDF shows, an output image outside the project, a broken
SVG. Chapters (.md and .ipynb) written here, exported with the real jupytext, nbconvert
and pandoc."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run
from small_project import KERNEL_HEADER as HEADER
from small_project import SECOND, YAML, pdf_text, write_project
from tex import require_tex

OPTIONS = (
    HEADER
    + """# Einleitung

Text.

```python
#| echo: flase
#| fgi-cap: "Ein Bild"
#| fig-cap: "offen
x = 1
```

```python
#| label: fig-x
#| fig-cap "ohne Doppelpunkt"
y = 2
```
"""
)


def code(source: str, *outputs: dict[str, Any]) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "source": source,
            "outputs": list(outputs)}  # fmt: skip


def shown(data: dict[str, str]) -> dict[str, Any]:
    return {"output_type": "display_data", "metadata": {}, "data": data}


def notebook(*cells: dict[str, Any]) -> str:
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    heading = {"cell_type": "markdown", "metadata": {}, "source": "# Zwei\n\nErster Absatz."}
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": kernel},
                       "cells": [heading, *cells]})  # fmt: skip


IFRAME = shown({
    "text/html": '<iframe width="400" src="https://example.org/karte"></iframe>',
    "text/plain": "<IPython.lib.display.IFrame at 0x7f00>",
})  # fmt: skip
GIF = shown({"image/gif": "R0lGODlhAQABAAAAACw=", "text/plain": "<IPython.core.display.Image>"})
PASSWD = shown({"text/html": '<p>Bild:</p><img src="file:///etc/passwd">'})


def test_what_a_chapter_asks_for_in_vain_is_a_located_warning(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    chapters = {
        "01-intro.md": OPTIONS,
        "02-zwei.ipynb": notebook(
            code("#| echo: vielleicht\nIFrame()", IFRAME), code("gif()", GIF)
        ),
    }
    root = write_project(tmp_path / "p", chapters)
    run = thesisbuild("md", "-C", root)
    assert run.code == 0, run.err
    warnings = [line for line in run.err.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: thesis/01-intro.md:14: cell 2: cell option echo: flase is neither true nor "
        "false; ignored",
        "warning: thesis/01-intro.md:15: cell 2: unknown cell option 'fgi-cap'; ignored (known: "
        "echo, error, eval, fig-cap, fig-dpi, fig-height, fig-subcap, fig-width, include, "
        "label, layout-ncol, lst-cap, lst-label, out-width, output, tbl-cap, warning)",
        'warning: thesis/01-intro.md:16: cell 2: cell option fig-cap: "offen is no valid YAML '
        "value; taken as text as written",
        "warning: thesis/01-intro.md:22: cell 3: cell option line '#| fig-cap \"ohne "
        "Doppelpunkt\"' is not `#| key: value`; it and the lines after it are taken as code",
        "warning: thesis/02-zwei.ipynb:cell 2: cell option echo: vielleicht is neither true "
        "nor false; ignored",
        "warning: thesis/02-zwei.ipynb:cell 2: <iframe> output (https://example.org/karte) has "
        "no printed form (a web page); left out of the PDF. Fix: save a static image of what "
        "it shows and display that",
        "warning: thesis/02-zwei.ipynb:cell 3: image/gif output has no form a PDF can show; its "
        "text form is printed instead",
    ]
    manuscript = (root / "build" / "thesis.md").read_text(encoding="utf-8")
    assert "IPython.lib.display.IFrame" not in manuscript


def test_a_broken_svg_is_reported_at_its_line(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    chapter = "# Einleitung\n\nErster Absatz.\n\nZweiter Absatz.\n\n![Grafik](kaputt.svg)\n"
    root = write_project(tmp_path / "p", {"01-intro.md": chapter})
    (root / "thesis" / "kaputt.svg").write_text("<svg><kaputt", encoding="utf-8")
    run = thesisbuild("md", "-C", root)
    assert run.code == 1
    assert "Error: thesis/01-intro.md:7: cell 1: " in run.err and "not a readable SVG" in run.err


@pytest.mark.tex
def test_an_output_image_outside_the_project_is_left_out_with_a_warning(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    require_tex(("latexmk", "xelatex", "pdftotext"))
    chapters = {"01-intro.ipynb": notebook(code("show()", PASSWD)), "02-zwei.md": SECOND}
    root = write_project(tmp_path / "p", chapters, YAML)
    run = thesisbuild("pdf", "-C", root)
    assert run.code == 0, run.err
    expected = "warning: thesis/01-intro.ipynb:cell 2: output image file:///etc/passwd is no "
    assert expected + "file of the project; left out" in run.err
    text = pdf_text(root)
    assert "Bild:" in text and "Erster Absatz." in text and "konnte nicht gesetzt" not in text
