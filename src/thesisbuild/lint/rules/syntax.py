"""Rule `syntax`: markup of Quarto, MyST or Jupyter Book that the build does not turn into
what the author meant; it would print as written (a role, a shortcode) or as a code block
(a directive). The supported ones are rewritten by text/syntaxes.py and pass.

Fires:  "{{< video intro.mp4 >}}", "{abbr}`PDF (Portable Document Format)`",
        "```{eval-rst}", "(target)=" before a paragraph
Passes: "{{< pagebreak >}}", "{numref}`fig-x`", "{cite:t}`smith`", "```{note}",
        "::: {.callout-tip}", "@fig:x", and any of them inside code
"""

from __future__ import annotations

from collections.abc import Iterator

from ...config.model import Config
from ...text.document import Text
from ...text.syntaxes import scan
from ..rule import Match


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    for construct in scan(text.text, {}).unsupported:
        end = construct.start + len(construct.text)
        yield Match(construct.start, end, construct.message, construct.text)
