"""Images in Markdown cells: pasted attachments are written under names unique per
chapter and cell, and image paths are resolved as Jupyter shows them (relative to the
chapter file, then to the project), copied under build/figures/ where LaTeX finds them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..core.errors import BuildFailed
from ..core.paths import inside
from ..text.document import protected_spans
from ..text.imagefiles import located_image, real_name
from ..text.syntaxes import with_figures
from . import svg
from .rendering import Rendering, cell_place

ATTACHMENT = re.compile(r"attachment:(?P<name>[^\s)\"'>]+)")
NAMED_BY_FILE = re.compile(r"!\[(?P<alt>[^\[\]]+)\]\(attachment:(?P<name>[^\s)]+)\)")
MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(?P<path><[^>]+>|[^\s)]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"'](?P<path>[^\"']+)[\"'][^>]*>", re.IGNORECASE)
DATA_URI = re.compile(
    r"data:(?P<mime>image/(?:png|jpeg|svg\+xml)|application/pdf);base64,(?P<data>[A-Za-z0-9+/=]+)"
)
REMOTE = re.compile(r"^(https?|ftp)://", re.IGNORECASE)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)
SAFE = re.compile(r"[^A-Za-z0-9_-]+")
MAGIC = (b"\x89PNG", b"\xff\xd8", b"%PDF")  # how PNG, JPEG and PDF files start
# What stands in for a missing image: a framed box with its place and path.
PLACEHOLDER = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="W" height="60" viewBox="0 0 W 60">'
    '<rect x="1" y="1" width="R" height="58" fill="none" stroke="black" stroke-width="2"/>'
    '<text x="12" y="36" font-family="sans-serif" font-size="11">TEXT</text></svg>'
)
# What LaTeX can include (SVG converted); a GIF attachment is warned about.
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg",
              "application/pdf": ".pdf"}  # fmt: skip


class MissingImage(BuildFailed):
    """No file of that name beside the chapter, in the project or build/."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class OutsideImage(BuildFailed):
    """An image path that leads out of the project: the build would print a file of
    whoever builds it (`![x](../../../../etc/passwd)`, a symbolic link out)."""


def resolve_images(notebook: Any, rendering: Rendering) -> None:
    """Rewrite every Markdown cell's attachments and image paths in place."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            cell.source = resolve_cell(cell, index, rendering)


def resolve_cell(cell: Any, index: int, rendering: Rendering) -> str:
    cell.source = with_figures(str(cell.source))  # a MyST figure's image is an image
    cell.source = outside_code(NAMED_BY_FILE, str(cell.source),
                               lambda m, at: uncaptioned(m, at, index, rendering))  # fmt: skip
    text = attachments(cell, index, rendering)
    for pattern in (MARKDOWN_IMAGE, HTML_IMAGE):
        text = outside_code(pattern, text, lambda m, at: placeholder(m, at, index, rendering))
    return text


Replace = Callable[[re.Match[str], int], str]


def outside_code(pattern: re.Pattern[str], text: str, replace: Replace) -> str:
    """Replace each match outside code by `replace(match, its 0-based line)`."""
    code = [span for span in protected_spans(text) if text[span[0]] in "`~"]
    pieces, last = [], 0
    for match in pattern.finditer(text):
        if any(low <= match.start() < high for low, high in code):
            continue
        line = text[: match.start()].count("\n")
        pieces += [text[last : match.start()], replace(match, line)]
        last = match.end()
    return "".join([*pieces, text[last:]])


def resolved(match: re.Match[str], line: int, index: int, rendering: Rendering) -> str:
    """The image with its path resolved; a remote image (LaTeX cannot fetch it) becomes
    a link, with a warning."""
    path, markdown = match.group("path"), match.re is MARKDOWN_IMAGE
    url = path.strip("<>")
    if REMOTE.match(url):
        rendering.warn(index, f"remote image {url} is printed as a link; save it beside "
                       "the chapter and use that path to print it", line)  # fmt: skip
        return match.group(0)[1:] if markdown else f'<a href="{url}">{url}</a>'
    new = "" if url.startswith("attachment:") else image_path(path, index, line, rendering)
    start, end = match.span("path")
    whole = match.group(0)
    if not new:  # an attachment or embedded image that could not be written (warned)
        return whole[1 : start - match.start()] + "#" if markdown else ""
    new = f"<{new}>" if markdown and " " in new else new
    return whole[: start - match.start()] + new + whole[end - match.start() :]


def uncaptioned(match: re.Match[str], line: int, index: int, rendering: Rendering) -> str:
    """Jupyter and Colab paste `![image.png](attachment:image.png)`: the file name is no
    caption, so the image is printed without one (no "Figure 2.1: image.png" in the list
    of figures) and a warning says how to caption it."""
    alt, name = match.group("alt"), match.group("name")
    if alt.strip() not in (name, unquote(name)):
        return match.group(0)
    rendering.warn(index, f"pasted image {alt!r} has its file name as caption; printed "
                   f"without one. Fix: write the caption, ![Caption](attachment:{name})",
                   line)  # fmt: skip
    return f"![](attachment:{name})"


def attachments(cell: Any, index: int, rendering: Rendering) -> str:
    """`attachment:image.png` → the file written for this chapter, cell and name."""
    stored = cell.get("attachments") or {}

    def written(match: re.Match[str]) -> str:
        name = unquote(match.group("name"))
        bundle = stored.get(name) or stored.get(match.group("name"))
        if not bundle:
            rendering.warn(index, f"attachment {name!r} is not stored in the cell; left out")
            return match.group(0)
        return attachment_file(name, dict(bundle), index, rendering) or match.group(0)

    text = ATTACHMENT.sub(written, str(cell.source))
    cell.pop("attachments", None)  # written here; nbconvert would extract them again
    return text


def attachment_file(name: str, bundle: dict[str, Any], index: int, rendering: Rendering) -> str:
    mime = next((m for m in EXTENSIONS if m in bundle), None)
    if mime is None:
        rendering.warn(index, f"attachment {name!r} is no image a PDF can show; left out")
        return ""
    value = bundle[mime]
    try:
        data = value.encode() if mime == "image/svg+xml" else base64.b64decode("".join(value))
    except (binascii.Error, ValueError):
        rendering.warn(index, f"attachment {name!r} is not valid base64; left out")
        return ""
    stem = SAFE.sub("-", Path(name).stem).strip("-") or "image"
    target = f"figures/{rendering.key}-cell{index}-{stem}{EXTENSIONS[mime]}"
    if mime == "image/svg+xml":
        data, target = svg.to_pdf(data, rendering.paths.svg_cache) or b"", target[:-4] + ".pdf"
    rendering.figures[target] = data
    return target


def image_path(path: str, index: int, line: int, rendering: Rendering) -> str:
    """A local image path as LaTeX in build/ finds it; a path in another case than the
    file's is a warning, a missing image stops (a cell's: see `placeholder`)."""
    bare = unquote(path.strip("<>"))
    if DATA_URI.match(bare):
        return embedded_images(bare, index, rendering)
    if (EXTERNAL.match(bare) and not bare.startswith("/")) or bare in rendering.figures:
        return bare
    source = rendering.source
    place = source.locate(source.cells[index], line, 0).at_cell()
    root = rendering.paths.root
    found, other_case = located_image(bare, (source.path.parent, root, rendering.paths.build))
    # `..`, absolute, a link out; an outside path that does not exist is refused too,
    # so the message tells nothing about the builder's files
    if not inside(root, found or source.path.parent / bare):
        raise OutsideImage(
            f"{place}: image outside the project: {bare} (a build reads only the "
            "project's own files). Fix: copy the image into the project and use that path."
        )
    if found is None and bare.startswith("figures/"):
        return bare  # one the build writes (an output's figure)
    if found is None:
        raise MissingImage(f"image not found: {bare} (looked beside the chapter, in the "
                           "project folder and in build/). Fix the path, relative to the "
                           "chapter file", bare)  # fmt: skip
    if other_case:
        rendering.warn(index, f"image {bare} found as {real_name(bare, found)} (the name "
                       "differs in case; Linux and CI find only the exact name). Fix: "
                       "`thesisbuild lint --fix`", line)  # fmt: skip
    if found.suffix.lower() == ".svg":
        return svg_figure(found, index, line, rendering)
    # Copied under build/figures/: LaTeX's read policy refuses `../` and absolute paths.
    target = f"figures/{rendering.key}-cell{index}-{SAFE.sub('-', found.stem)}{found.suffix}"
    rendering.figures[target] = found.read_bytes()
    return target


def placeholder(match: re.Match[str], line: int, index: int, rendering: Rendering) -> str:
    """The image resolved; a missing one is a warning and a box naming its path and its
    place stands in for it (caption and label kept): a draft is never stopped by one
    image, and --final refuses it (lint's `image` rule)."""
    try:
        return resolved(match, line, index, rendering)
    except MissingImage as error:
        rendering.warn(index, f"{error.message}; a box stands in its place", line)
        start, end = match.span("path")
        box = placeholder_file(error.path, cell_place(rendering.source, index, line), rendering)
        whole = match.group(0)
        return whole[: start - match.start()] + box + whole[end - match.start() :]


def placeholder_file(path: str, place: str, rendering: Rendering) -> str:
    said = html.escape(f"{place}: image not found: {path}")
    width = max(240, 7 * len(said) + 24)  # about 6 points a character at 11 points
    drawing = (
        PLACEHOLDER.replace("W", str(width)).replace("R", str(width - 2)).replace("TEXT", said)
    ).encode()
    data = svg.to_pdf(drawing, rendering.paths.svg_cache) or b""
    target = f"figures/missing-{hashlib.sha256(drawing).hexdigest()[:12]}.pdf"
    rendering.figures[target] = data
    return target


def svg_figure(found: Path, index: int, line: int, rendering: Rendering) -> str:
    data = svg.to_pdf(found.read_bytes(), rendering.paths.svg_cache)
    if data is None:
        place = cell_place(rendering.source, index, line)
        raise BuildFailed(f"{place}: {found}: not a readable SVG.")
    target = f"figures/{rendering.key}-cell{index}-{SAFE.sub('-', found.stem)}.pdf"
    rendering.figures[target] = data
    return target


def embedded_images(markdown: str, index: int, rendering: Rendering) -> str:
    """Images embedded as `data:` URIs (in HTML outputs, `<img>` tags) → figure files,
    named by their content; LaTeX cannot read a data URI."""
    return DATA_URI.sub(lambda match: embedded(match, index, rendering), markdown)


def embedded(match: re.Match[str], index: int, rendering: Rendering) -> str:
    mime = match.group("mime")
    try:
        data = base64.b64decode(match.group("data"), validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if not data.startswith(MAGIC) and mime != "image/svg+xml":
        rendering.warn(index, f"an embedded {mime} image is not valid base64 image data; left out")
        return ""
    if mime == "image/svg+xml":
        data, mime = svg.to_pdf(data, rendering.paths.svg_cache) or b"", "application/pdf"
    digest = hashlib.sha256(data).hexdigest()[:12]
    target = f"figures/{rendering.key}-cell{index}-{digest}{EXTENSIONS[mime]}"
    rendering.figures[target] = data
    return target


def output_images(markdown: str, index: int, rendering: Rendering) -> str:
    """Images in an output's markdown (a converted HTML or a Markdown display), resolved
    like a cell's; a missing one is a warning and printed as a link, one by a URL or
    path LaTeX would look for outside the project (`file:///etc/passwd`) a warning
    and left out."""

    def replace(match: re.Match[str], line: int) -> str:
        url = unquote(match.group("path").strip("<>"))
        if EXTERNAL.match(url) and not REMOTE.match(url) and not DATA_URI.match(url):
            rendering.warn(index, f"output image {url} is no file of the project; left out")
            return ""
        try:
            return resolved(match, 0, index, rendering)
        except OutsideImage:
            rendering.warn(
                index, f"output image {match.group('path')} is outside the project; left out"
            )
            return ""
        except BuildFailed:
            rendering.warn(
                index, f"output image {match.group('path')} not found; printed as a link"
            )
            return match.group(0)[1:]

    return outside_code(MARKDOWN_IMAGE, markdown, replace)
