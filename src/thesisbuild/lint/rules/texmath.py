"""Rule `math`: TeX math written in running text without $…$ (pandoc passes `\\hat{y}` to
LaTeX raw, which stops with "Missing $ inserted", and prints `x_n` literally). --fix wraps it.

Fires:     "die Ausgabe \\hat{y} folgendermaßen", "x_n = Eingabe", "h_{t-1}", "c_t^{\\wedge}"
Passes:    "$x_n$", "`input_size`", "snake_case_names", "<https://a.org/x_n>", "\\ref{fig-a}",
           "\\begin{lstlisting} x_n \\end{lstlisting}" (raw LaTeX is the author's own)
"""

from __future__ import annotations

from collections.abc import Iterator

from ...config.model import Config
from ...text.document import Text
from ...text.math import bare_math
from ..rule import Match


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    for start, end in bare_math(text.text, text.protected_spans()):
        term = text.text[start:end]
        yield Match(start, end, f"TeX math outside $…$: write ${term}$", term, f"${term}$")
