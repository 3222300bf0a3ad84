"""TeX math written in running text without $…$: pandoc passes `\\hat{y}` to LaTeX raw,
which stops with "Missing $ inserted", and prints `x_n` literally. The lint rule reports
it, `--fix` and the build wrap it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .document import inside, protected_spans

# Commands that belong in running text: raw LaTeX on purpose, never math.
TEXT_COMMANDS = (
    r"ref|eqref|pageref|autoref|label|cite\w*|url|href|emph|text\w+|footnote\w*|index|"
    r"newline|linebreak|pagebreak|newpage|clearpage|noindent|[hv]space\*?|todo|enquote|"
    r"begin|end"  # a raw environment, even one whose \end is misspelt
)
SCRIPT = r"(?:\{[^{}\n]{1,16}\}|[A-Za-z0-9])"
# Not next to a `$`: wrapped, `$a$\hat{y}` would become `$a$$\hat{y}$`, display math.
BARE_MATH = re.compile(
    rf"(?<![\w\\$])[A-Za-z]{{1,3}}_{SCRIPT}(?:\^{SCRIPT})?(?![\w{{$])"
    rf"|(?<!\$)\\(?!(?:{TEXT_COMMANDS})\b)[A-Za-z]+(?:\{{[^{{}}\n]*\}})+"
    rf"(?:[_^]{SCRIPT})*(?!\$)"
)


def bare_math(markdown: str, protected: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of bare math; touching ones are one span (`\\hat{y}\\hat{y}` → one `$…$`,
    not `$\\hat{y}$$\\hat{y}$`, which reads as display math)."""
    spans = [m.span() for m in BARE_MATH.finditer(markdown) if not inside(m.start(), protected)]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            start = merged.pop()[0]
        merged.append((start, end))
    yield from merged


def wrap_bare_math(markdown: str) -> str:
    """Put $…$ around bare TeX math, as --fix would, for a build of unfixed text."""
    pieces = []
    last = 0
    for start, end in bare_math(markdown, protected_spans(markdown)):
        pieces.append(markdown[last:start])
        pieces.append(f"${markdown[start:end]}$")
        last = end
    pieces.append(markdown[last:])
    return "".join(pieces)
