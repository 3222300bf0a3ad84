"""Rule `math`: TeX math written in running text without $…$ (pandoc passes `\\hat{y}` to
LaTeX raw, which stops with "Missing $ inserted", and prints `x_n` literally). --fix wraps it.

Fires:     "die Ausgabe \\hat{y} folgendermaßen", "x_n = Eingabe", "h_{t-1}", "c_t^{\\wedge}"
Passes:    "$x_n$", "`input_size`", "snake_case_names", "<https://a.org/x_n>", "\\ref{fig-a}",
           "\\begin{lstlisting} x_n \\end{lstlisting}" (raw LaTeX is the author's own)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config import Config
from ..document import Text, inside, protected_spans
from . import Match

# Commands that belong in running text: raw LaTeX on purpose, never math.
TEXT_COMMANDS = (
    r"ref|eqref|pageref|autoref|label|cite\w*|url|href|emph|text\w+|footnote\w*|index|"
    r"newline|linebreak|pagebreak|newpage|clearpage|noindent|[hv]space\*?|todo|enquote|"
    r"begin|end"
)
SCRIPT = r"(?:\{[^{}\n]{1,16}\}|[A-Za-z0-9])"
BARE_MATH = re.compile(
    rf"(?<![\w\\$])[A-Za-z]{{1,3}}_{SCRIPT}(?:\^{SCRIPT})?(?![\w{{])"
    rf"|\\(?!(?:{TEXT_COMMANDS})\b)[A-Za-z]+(?:\{{[^{{}}\n]*\}})+"
    rf"(?:[_^]{SCRIPT})*"
)


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    protected = text.protected_spans()
    for match in BARE_MATH.finditer(text.text):
        if inside(match.start(), protected):
            continue
        term = match.group(0)
        yield Match(
            match.start(),
            match.end(),
            f"TeX math outside $…$: write ${term}$",
            term,
            f"${term}$",
        )


def wrap_bare_math(markdown: str) -> str:
    """Put $…$ around bare TeX math, as --fix would, for a build of unfixed text."""
    protected = protected_spans(markdown)
    pieces = []
    last = 0
    for match in BARE_MATH.finditer(markdown):
        if inside(match.start(), protected):
            continue
        pieces.append(markdown[last : match.start()])
        pieces.append(f"${match.group(0)}$")
        last = match.end()
    pieces.append(markdown[last:])
    return "".join(pieces)
