"""A small thesis as a Jupyter or Colab user writes it, built in code so every stored
output is readable here: a Colab DataFrame, plotly, SVG, an error, pasted images, raw
cells, HTML in Markdown, images beside the chapter, a chapter saved with a BOM."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

ANSI_RED = "\x1b[0;31m"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
    '<rect width="120" height="60" fill="#2a6"/></svg>'
)
COLAB_TABLE = """<div id="df-1"><div class="colab-df-container">
<style scoped>.dataframe tbody tr th { vertical-align: top; }</style>
<table border="1" class="dataframe"><thead><tr><th></th><th>Modell</th><th>F1</th></tr></thead>
<tbody>{rows}</tbody></table>
<button class="colab-df-convert" onclick="convertToInteractive('df-1')">
<svg xmlns="http://www.w3.org/2000/svg" height="24px"><path d="M120-120v-720h720"/></svg>
</button>
<script>const buttonEl = document.querySelector('#df-1 button.colab-df-convert');</script>
</div></div>"""
EMBEDDED = '<p>Eingebettet:</p><img src="data:image/png;base64,{}">'
THESIS_YAML = """title: "Notebooks aus Jupyter und Colab"
author: "Erika Musterfrau"
execute: never
bibliography: bibliography.bib
chapters: [thesis/01-ausgaben.ipynb, thesis/02-bilder.ipynb, thesis/03-html.md, thesis/04-bom.md]
appendix: [anhang/01-ausgaben.ipynb]
"""
BIBLIOGRAPHY = """@book{smith2020, author = {Smith, Anna}, title = {Named Entities}, year = {2020},
  publisher = {Beispiel}}
@book{doe2019, author = {Doe, John}, title = {Weak Labels}, year = {2019},
  publisher = {Beispiel}}
"""
HTML_CHAPTER = """<h1>HTML Kapitel</h1>

<h2>Abschnitt aus Colab</h2>

Ein <b>fetter</b> Satz<br>mit&nbsp;Umbruch, zitiert <cite data-cite="smith2020">(Smith)</cite>
und laut <citet data-cite="doe2019">Doe</citet> belegt.

<center>Zentrierter Satz</center>

<iframe src="https://www.youtube.com/embed/x"></iframe>

<ul><li>Punkt eins</li><li>Punkt zwei</li></ul>

<img src="bilder/html-bild.png" width="40%">

![Vektorgrafik neben dem Kapitel](bilder/logo.svg)

![Bild neben dem Kapitel](bilder/plot.png)

![Entferntes Logo](https://example.org/logo.png) und <img src="https://example.org/b.png">

Unbekannt: <cite data-cite="fehlt2020">(Fehlt)</cite>
"""


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid one-colour PNG, so each image in the PDF is told apart by its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def code(source: str, *outputs: Any) -> Any:
    return new_code_cell(source, outputs=list(outputs), execution_count=1)


def result(data: dict[str, Any]) -> Any:
    return new_output("execute_result", data=data, execution_count=1)


def colab_table(count: int) -> str:
    return COLAB_TABLE.replace("{rows}", table_rows(count))


def table_rows(count: int) -> str:
    rows = [("BiLSTM-CRF", "0.871"), ("BERT base", "0.912")]
    rows += [(f"Lauf {n}", f"0.{n:03d}") for n in range(count - 2)]
    return "".join(
        f"<tr><th>{i}</th><td>{m}</td><td>{f}</td></tr>" for i, (m, f) in enumerate(rows)
    )


def wide_table() -> str:
    """14 columns of numbers and a column of long sentences: wider than any page."""
    head = "".join(f"<th>spalte_{n}</th>" for n in range(14)) + "<th>Satz</th>"
    sentence = "Ein langer Satz aus dem Korpus, der in keine Tabellenzeile passt. " * 2
    cells = "".join(f"<td>0.{n:06d}</td>" for n in range(13)) + "<td>LETZTE</td>"
    row = f"<tr>{cells}<td>{sentence}SATZENDE</td></tr>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{row}</tbody></table>"


def outputs_chapter() -> Any:
    plotly = {
        "application/vnd.plotly.v1+json": {"data": [], "layout": {}},
        "text/html": "<div id='p1'></div><script>Plotly.newPlot('p1', [])</script>",
    }
    return new_notebook(cells=[
        new_markdown_cell("# Ausgaben"),
        code('#| fig-cap: "Kurve"\nplot', result({"image/png": b64(png(39, 25, (9, 9, 9)))})),
        code('#| tbl-cap: "F1 je Modell"\n#| label: tbl-f1\ndf',
             result({"text/html": colab_table(2),
                     "text/plain": "  Modell F1\n0 BiLSTM-CRF 0.871"})),
        code("fig.show()", new_output("display_data", data=plotly)),
        code('#| fig-cap: "Grafik [SVG] aus Zelle"\n#| label: fig-svg\nsvg',
             new_output("display_data", data={"image/svg+xml": SVG})),
        code("print(text)", new_output("stream", name="stdout",
             text="vorher\n````\n# Kein Kapitel\n```\nnachher\n")),
        code("1/0", new_output("error", ename="ZeroDivisionError", evalue="division by zero",
             traceback=[f"{ANSI_RED}ZeroDivisionError{ANSI_RED}: division by zero"])),
        code("broken", new_output("display_data", data={"image/png": "not base64 at all!"})),
        code("sympy", result({"text/latex": "$\\alpha^{2}_{LATEXOUT}$", "text/plain": "a"})),
        code('#| tbl-cap: "Alle Läufe"\nlange', result({"text/html": colab_table(90)})),
        code("HTML(img)", result({"text/html": EMBEDDED.format(b64(png(45, 31, (5, 99, 5))))})),
        code("#| error: true\nraise", new_output("error", ename="ValueError", evalue="gewollt",
             traceback=[f"{ANSI_RED}ValueError{ANSI_RED}: gewollt"])),
        code("breit", result({"text/html": wide_table()})),
        code("HTML(datei)", result({"text/html": '<img src="bilder/aus-html.png">'})),
        code("Markdown(fehlt)", result({"text/markdown": "Fehlt: ![x](bilder/fehlt.png)"})),
        new_markdown_cell("Siehe @tbl-f1 und @fig-svg."),
    ], metadata={"kernelspec": {"name": "python3", "language": "python",
                                "display_name": "Python 3"}})  # fmt: skip


def attached(source: str, name: str, data: bytes) -> Any:
    cell = new_markdown_cell(source)
    cell.attachments = {name: {"image/png": b64(data)}}
    return cell


LATEX = {"raw_mimetype": "text/latex"}
BROKEN = "data:image/png;base64,AAAA"


def gif_cell() -> Any:
    cell = new_markdown_cell("Animiert: ![Animation](attachment:anim.gif)")
    cell.attachments = {"anim.gif": {"image/gif": b64(b"GIF89a")}}
    return cell


def images_chapter() -> Any:
    return new_notebook(cells=[
        new_markdown_cell("# Bilder"),
        attached("Erstes: ![](attachment:image.png)", "image.png", png(31, 17, (200, 0, 0))),
        attached("Zweites: ![](attachment:image.png)", "image.png", png(33, 19, (0, 0, 200))),
        attached("Drittes: ![](attachment:bild%201.png)", "bild 1.png", png(35, 21, (0, 150, 0))),
        new_raw_cell("\\begin{center}ROHLATEX\\end{center}", metadata=LATEX),
        new_raw_cell("- Rohpunkt eins\n- Rohpunkt zwei"),
        new_markdown_cell("## Nach dem Rohtext"),
        new_markdown_cell(EMBEDDED.format(b64(png(47, 33, (99, 5, 5))))),
        gif_cell(),
        new_markdown_cell(f'Kaputt: <img src="{BROKEN}"> und ![x]({BROKEN})'),
        new_raw_cell("<p><b>ROHHTML</b> fett</p>", metadata={"raw_mimetype": "text/html"}),
    ])  # fmt: skip


def appendix_chapter() -> Any:
    figure = result({"image/png": b64(png(37, 23, (120, 120, 0))), "text/plain": "<Figure>"})
    return new_notebook(cells=[new_markdown_cell("# Anhang Ausgaben"), code("plot", figure)])


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def make_project(root: Path) -> Path:
    """Write the project; return its root."""
    write(root / "thesis.yaml", THESIS_YAML)
    write(root / "bibliography.bib", BIBLIOGRAPHY)
    for name, notebook in (("thesis/01-ausgaben.ipynb", outputs_chapter()),
                           ("thesis/02-bilder.ipynb", images_chapter()),
                           ("anhang/01-ausgaben.ipynb", appendix_chapter())):  # fmt: skip
        write(root / name, json.dumps(nbformat.from_dict(notebook), indent=1))
    write(root / "thesis/03-html.md", HTML_CHAPTER)
    write(root / "thesis/04-bom.md", "\ufeff# Kapitel mit BOM\n\nText nach dem BOM.\n".encode())
    write(root / "thesis/bilder/plot.png", png(41, 27, (0, 120, 120)))
    write(root / "thesis/bilder/html-bild.png", png(43, 29, (120, 0, 120)))
    write(root / "thesis/bilder/aus-html.png", png(49, 35, (60, 60, 200)))
    write(root / "thesis/bilder/logo.svg", SVG.replace("#2a6", "#a26"))
    return root
