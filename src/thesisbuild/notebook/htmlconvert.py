"""HTML (a DataFrame, a raw HTML cell) → pandoc markdown through pandoc's HTML reader and
templates/html.lua: tables become real tables, styles, scripts and buttons vanish.
Results are cached by content under build/.cache/html/, so a rebuild runs no pandoc."""

from __future__ import annotations

import hashlib
import re

from ..core.files import write_text_atomically
from ..core.proc import run
from .rendering import Rendering

# Colab's table buttons ("convert to interactive") hold inline SVG icons, no content.
BUTTON = re.compile(r"<button\b.*?</button\s*>", re.IGNORECASE | re.DOTALL)
# Plain pandoc markdown: nothing raw or HTML-specific survives into the manuscript.
WRITER = "markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans-raw_attribute"


def to_markdown(html: str, rendering: Rendering, caption: object = None) -> str:
    """The HTML as markdown, through the chapter's html.lua; `caption` goes on its first
    table; embedded images stay data: URIs for images.output_images."""
    html = BUTTON.sub("", html)
    metadata = ["-M", "embedded-images=keep"]
    metadata += [] if caption is None else ["-M", f"table-caption={caption}"]
    lua = rendering.html_filter
    parts = [html, *metadata, str(lua), lua.read_text(encoding="utf-8", errors="replace")]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    folder = rendering.paths.html_cache
    cached = folder / f"{key}.md"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    source, written = folder / f"{key}.html", folder / f"{key}.tmp"
    write_text_atomically(source, html)
    import pypandoc

    argv = [pypandoc.get_pandoc_path(), "-f", "html", "-t", WRITER, "--lua-filter", str(lua)]
    run([*argv, *metadata, "-o", str(written), str(source)])
    written.replace(cached)
    return cached.read_text(encoding="utf-8")
