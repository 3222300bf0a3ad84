"""The output policy: each code cell output becomes the best static form a PDF can show,
in this order: PDF/PNG/JPEG image, SVG (converted to PDF), `text/latex`,
`text/markdown`, `text/html` (converted by pandoc's HTML reader), `text/plain`. Outputs
without a static form (plotly, bokeh, widgets) and stored errors are left out with a
warning at the cell."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from ..core.errors import BuildFailed
from . import htmlconvert, svg
from .images import MAGIC, output_images
from .rendering import Rendering, cell_place

IMAGES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
# Colab's data_table and interactive sheets are module+javascript beside a bare repr
# ("<google.colab.data_table.DataTable object>"), which is no content to print.
INTERACTIVE = re.compile(
    r"application/vnd\.(plotly|bokehjs|jupyter\.widget|vega|vegalite|holoviews"
    r"|google\.colaboratory\.module\+javascript)",
    re.I,
)
# `/tmp/ipykernel_7/2.py:3: SettingWithCopyWarning:` as warnings.showwarning writes it
PYTHON_WARNING = re.compile(r"^\S[^\n]*:\d+: \w*Warning\b", re.MULTILINE)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# a plot as image() writes it
IMAGE = re.compile(
    r"!\[(?:[^\]\\]|\\.)*\]\((?P<path>figures/[^)\s]+)\)(?:\{(?P<attributes>[^}]*)\})?"
)
BACKTICKS = re.compile(r"`{3,}")
COLONS = re.compile(r"^:{3,}", re.MULTILINE)
# An output's text past this is left out: about 120 pages printed, or a table of some
# 3,000 rows; pandoc takes seconds on that, and many minutes and gigabytes on a 43 MB table.
MAX_OUTPUT_CHARS = 500_000
IFRAME = re.compile(r"<iframe\b[^>]*>", re.IGNORECASE)
IFRAME_SOURCE = re.compile(r"\bsrc\s*=\s*[\"'](?P<src>[^\"']*)[\"']", re.IGNORECASE)
NO_STATIC_FORM_FRAME = (
    "<iframe> output{page} has no printed form (a web page); left out of the PDF. Fix: "
    "save a static image of what it shows and display that"
)
STATIC_FORMS = {*IMAGES, "image/svg+xml", "text/latex", "text/markdown", "text/html", "text/plain"}
RICH_OUTPUTS = ("display_data", "execute_result", "update_display_data")
NO_STATIC_FORM = (
    "{mime} output has no static form for a PDF; left out. Fix: save a static image in the "
    "cell (plotly: `fig.write_image(...)` with kaleido; widgets: plot with matplotlib)"
)


@dataclass(frozen=True)
class At:
    """Where an output stands: its chapter's rendering, the cell (0-based index) and its
    options, and the output's number within the cell."""

    rendering: Rendering
    index: int
    number: int
    options: dict[str, Any]

    def warn(self, message: str) -> None:
        self.rendering.warn(self.index, message)

    def place(self) -> str:
        return cell_place(self.rendering.source, self.index)


def render_outputs(notebook: Any, rendering: Rendering) -> None:
    """Replace every code cell's outputs by one markdown output in the chosen forms."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or not cell.get("outputs"):
            continue
        options = dict(cell.metadata.get("thesisbuild", {}))
        blocks = [
            block
            for number, output in enumerate(cell.outputs)
            if (block := render_one(output, At(rendering, index, number, options)))
        ]
        blocks = subfigures(blocks, options, At(rendering, index, 0, options))
        cell.outputs = [markdown_output("\n\n".join(blocks))] if blocks else []


def markdown_output(text: str) -> Any:
    import nbformat

    return nbformat.v4.new_output("display_data", data={"text/markdown": text})


def render_one(output: Any, at: At) -> str:
    kind = output.get("output_type")
    if kind == "stream" and hidden_warning(output, at):
        at.rendering.note(at.index, "a Python warning printed to stderr left out (`#| "
                          "warning: true` or thesis.yaml `warnings: show` prints it)")  # fmt: skip
        return ""
    if kind == "stream":
        return printed(capped(str(output.get("text", "")), "printed", at))
    if kind == "error":
        return stored_error(output, at)
    if kind not in RICH_OUTPUTS:
        at.warn(f"output of unknown type {kind!r} left out (a notebook output is one of "
                "stream, display_data, execute_result, error)")  # fmt: skip
        return ""
    data = dict(output.get("data", {}))
    texts = [mime for mime in data if mime.startswith("text/")]
    return rich({**data, **{mime: capped(text_of(data[mime]), mime, at) for mime in texts}}, at)


def hidden_warning(output: Any, at: At) -> bool:
    """A stderr output that holds a Python warning, when warnings are hidden (the cell's
    `#| warning:` option, else thesis.yaml `warnings`)."""
    shown = at.options.get("warning", at.rendering.show_warnings)
    text = text_of(output.get("text", ""))
    return output.get("name") == "stderr" and not shown and bool(PYTHON_WARNING.search(text))


def capped(text: str, kind: str, at: At) -> str:
    """The text, or its first MAX_OUTPUT_CHARS (up to a line end) and a `…` line, with a
    warning at the cell."""
    if len(text) <= MAX_OUTPUT_CHARS:
        return text
    at.warn(
        f"{kind} output is {len(text):,} characters, more than the {MAX_OUTPUT_CHARS:,} an "
        "output may have; only its beginning goes into the PDF. Fix: show a summary (`df.head()`, "
        "a plot) and save the full output to a file"
    )
    return beginning(text, kind)


def beginning(text: str, kind: str) -> str:
    """Up to MAX_OUTPUT_CHARS; a table is cut after a row and closed, as pandoc reads an
    unclosed one as loose paragraphs."""
    if kind == "text/html" and (row := text.rfind("</tr>", 0, MAX_OUTPUT_CHARS)) > 0:
        return text[: row + len("</tr>")] + "</table><p>…</p>"
    cut = text.rfind("\n", 0, MAX_OUTPUT_CHARS)
    return text[: cut if cut > 0 else MAX_OUTPUT_CHARS] + "\n…\n"


def stored_error(output: Any, at: At) -> str:
    if at.options.get("error") is True:
        return printed("\n".join(output.get("traceback", [])))
    at.warn(
        f"stored error {output.get('ename', '')}: {output.get('evalue', '')} left out of "
        "the PDF. Fix: run the cell again, or add `#| error: true` to print the traceback"
    )
    return ""


def rich(data: dict[str, Any], at: At) -> str:
    """The first form of the policy that the output has."""
    for mime, extension in IMAGES.items():
        if mime in data:
            return image(decode(data[mime], at), extension, at)
    if "image/svg+xml" in data:
        pdf = svg.to_pdf(text_of(data["image/svg+xml"]).encode(), at.rendering.paths.svg_cache)
        if pdf is None:
            at.warn("SVG output rsvg-convert cannot read; left out")
        return image(pdf or b"", ".pdf", at)
    interactive = next((mime for mime in data if INTERACTIVE.match(mime)), None)
    if interactive:
        at.warn(NO_STATIC_FORM.format(mime=interactive))
        return ""
    return textual(data, at)


def textual(data: dict[str, Any], at: At) -> str:
    if "text/latex" in data:
        return fenced(text_of(data["text/latex"]), "{=latex}")
    if "text/markdown" in data:
        return kept(output_images(text_of(data["text/markdown"]), at.index, at.rendering))
    if "text/html" in data:
        html = text_of(data["text/html"])
        frame = framed(html, at)
        converted = html_table(html, at)
        if converted.strip():
            return kept(output_images(converted, at.index, at.rendering))
        if frame:  # not IFrame's repr, "<IPython.lib.display.IFrame at 0x7f…>"
            return ""
        if "text/plain" not in data:
            at.warn(NO_STATIC_FORM.format(mime="text/html (only scripts)"))
    if "text/plain" in data:
        unprinted = sorted(mime for mime in data if mime not in STATIC_FORMS)
        if unprinted:  # an IPython Image(format="gif"), JSON, a library's own type
            at.warn(f"{', '.join(unprinted)} output has no form a PDF can show; its text form "
                    "is printed instead")  # fmt: skip
        return printed(text_of(data["text/plain"]))
    if data and "text/html" not in data:  # e.g. only application/javascript
        at.warn(NO_STATIC_FORM.format(mime=", ".join(sorted(data))))
    return ""


def framed(html: str, at: At) -> bool:
    """An <iframe> (IPython's IFrame, YouTubeVideo, a map) shows a web page, which a PDF
    cannot: say so, at the cell."""
    frame = IFRAME.search(html)
    if frame is None:
        return False
    source = IFRAME_SOURCE.search(frame.group(0))
    page = f" ({source.group('src')})" if source else ""
    at.warn(NO_STATIC_FORM_FRAME.format(page=page))
    return True


def html_table(html: str, at: At) -> str:
    """The HTML as markdown; `#| tbl-cap` captions its table (with a `tbl-` label the
    template's div does, for crossref.lua)."""
    labelled = str(at.options.get("label", "")).startswith("tbl-")
    caption = None if labelled else at.options.get("tbl-cap")
    try:
        return htmlconvert.to_markdown(html, at.rendering, caption)
    except BuildFailed as error:  # a limit of core/proc.py: name the output's cell
        raise BuildFailed(f"{at.place()}: its text/html output: {error.message}") from None


def decode(data: Any, at: At) -> bytes:
    """The image's bytes; broken data (not base64, not an image) is a warning."""
    try:
        decoded = base64.b64decode("".join(text_of(data).split()), validate=True)
    except (binascii.Error, ValueError):
        decoded = b""
    if not decoded.startswith(MAGIC):
        at.warn("image output is not valid base64 image data; left out")
        return b""
    return decoded


def image(data: bytes, extension: str, at: At) -> str:
    if not data:
        return ""
    name = f"figures/{at.rendering.key}-cell{at.index}-{at.number}{extension}"
    at.rendering.figures[name] = data
    caption = escape_brackets(str(at.options.get("fig-cap", "")))
    label = str(at.options.get("label", ""))
    attributes = [f"#{label}"] if label and not label.startswith("tbl-") else []
    attributes += width(at.options)
    return f"![{caption}]({name})" + (f"{{{' '.join(attributes)}}}" if attributes else "")


def width(options: dict[str, Any]) -> list[str]:
    """`#| out-width` as written, else `#| fig-width` in inches (syntax.lua caps it at the
    text width)."""
    if "out-width" in options:
        return [f'width="{options["out-width"]}"']
    size = options.get("fig-width")
    if isinstance(size, int | float) and not isinstance(size, bool) and size > 0:
        return [f"width={float(size):g}in"]
    return []


def subfigures(blocks: list[str], options: dict[str, Any], at: At) -> list[str]:
    """A labelled cell's several plots: one figure of subfigures (a), (b), … labelled
    `fig-x-a`, `fig-x-b`, captioned by `#| fig-subcap`, `layout-ncol` side by side."""
    images = [block for block in blocks if IMAGE.fullmatch(block)]
    label = str(options.get("label", ""))
    wanted = "fig-subcap" in options or "layout-ncol" in options
    if len(images) < 2 or not label.startswith("fig-"):
        if wanted:
            at.warn("fig-subcap and layout-ncol need two or more plots and `#| label: fig-…`; "
                    "ignored")  # fmt: skip
        return blocks
    captions = options.get("fig-subcap") or []
    captions = captions if isinstance(captions, list) else [captions]
    parts = [subfigure(block, label, n, captions) for n, block in enumerate(images)]
    caption = escape_brackets(str(options.get("fig-cap", "")))
    columns = options.get("layout-ncol", len(images))
    div = "\n\n".join([f"::: {{#{label} layout-ncol={columns}}}", *parts, caption, ":::"])
    return [block for block in blocks if block not in images] + [div]


def subfigure(block: str, label: str, number: int, captions: list[Any]) -> str:
    match = IMAGE.fullmatch(block)
    assert match is not None
    caption = escape_brackets(str(captions[number])) if number < len(captions) else ""
    others = (match.group("attributes") or "").split()[1:]  # after the cell's label
    attributes = [f"#{label}-{chr(ord('a') + number)}", *others]
    return f"![{caption}]({match.group('path')}){{{' '.join(attributes)}}}"


def escape_brackets(text: str) -> str:
    """Brackets pandoc would read as the end of the caption get a backslash; balanced
    ones (a citation `[@key]`) stay."""
    depth, out = 0, []
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                out.append("\\")
            depth = max(depth - 1, 0)
        out.append(char)
    if depth:
        return text.replace("[", "\\[").replace("]", "\\]")
    return "".join(out)


def text_of(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def printed(text: str) -> str:
    """Printed text in a fence longer than any backtick run inside it."""
    body = ANSI.sub("", text).strip("\n")
    if not body.strip():
        return ""
    return fenced(body, "{.output}")


def fenced(body: str, info: str) -> str:
    longest = max((len(run) for run in BACKTICKS.findall(body)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence} {info}\n{body.strip(chr(10))}\n{fence}"


def kept(markdown: str) -> str:
    """Markdown from an output, in a `.output` div that the build's text rewrites skip."""
    longest = max((len(run) for run in COLONS.findall(markdown)), default=2)
    colons = ":" * max(3, longest + 1)
    return f"{colons} {{.output}}\n{markdown.strip(chr(10))}\n{colons}"
