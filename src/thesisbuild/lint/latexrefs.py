"""Rule `latex-ref`, over the whole thesis: `\\ref{x}`, `\\eqref{x}` (and `\\autoref`,
`\\cref`, `\\pageref`) in raw LaTeX with no label x in any chapter — neither `\\label{x}`,
a listing's `label={x}`, `{#x}` nor `#| label: x` — which LaTeX prints as "??".

Fires:  "Wie Gleichung \\eqref{eq:fehlt} zeigt" with no `\\label{eq:fehlt}` anywhere
Passes: "\\eqref{eq:energie}" with "$$E = mc^2 \\label{eq:energie}$$" in another chapter;
        "Listing \\ref{lst:parse}" with `\\begin{lstlisting}[label={lst:parse}]`;
        "\\ref{fig-a}" with `![A](a.png){#fig-a}`; "\\ref{die-daten}" with "## Die Daten"
        (pandoc's identifier); `\\ref{x}` in code

Not promoted by --strict: a final build's LaTeX run refuses an undefined reference at its
chapter line already, with what LaTeX printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..config.model import Config
from ..sources.chapter import ChapterSource
from ..text.document import Text, chapter_texts, inside
from ..text.references import CELL_LABEL
from .crossrefs import whole_thesis
from .finding import Finding, Severity

RULE = "latex-ref"
LATEX_REF = re.compile(r"\\(?:eq|auto|c|C|page|)ref\{(?P<keys>[^{}\n]+)\}")
LATEX_LABEL = re.compile(
    r"\\label\{(?P<a>[^{}\n]+)\}|\blabel\s*=\s*(?:\{(?P<b>[^{}\n]+)\}|(?P<c>[^,\]\s{}]+))"
    r"|\{#(?P<d>[^\s{}]+)|\bid\s*=\s*[\"'](?P<e>[^\"'\s]+)[\"']"
)
HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>[^{\n]*?)[ \t#]*(?:\{|$)", re.MULTILINE)
MESSAGE = (
    "LaTeX: undefined reference {key} (printed as ??): no chapter has \\label{{{key}}}, "
    "label={{{key}}} or {{#{key}}}"
)


def latex_ref_findings(
    chapters: Sequence[ChapterSource], config: Config, level: Severity
) -> Iterator[Finding]:
    defined = {key for chapter in whole_thesis(chapters, config) for key in labels(chapter)}
    for chapter in chapters:
        for text in chapter_texts(chapter):
            if text.kind == "code":
                continue
            code = code_spans(text)
            for match in LATEX_REF.finditer(text.text):
                if inside(match.start(), code):
                    continue
                for key in (part.strip() for part in match.group("keys").split(",")):
                    if key and key not in defined:
                        location = text.locate(match.start())
                        yield Finding(location, RULE, level, MESSAGE.format(key=key), key)


def labels(chapter: ChapterSource) -> Iterator[str]:
    for text in chapter_texts(chapter):
        if text.kind == "code":
            yield from (m.group("key") for m in CELL_LABEL.finditer(text.text))
            continue
        code = code_spans(text)
        for match in LATEX_LABEL.finditer(text.text):
            if not inside(match.start(), code):
                yield next(group for group in match.groups() if group is not None)
        for match in HEADING.finditer(text.text):
            if not inside(match.start(), code):
                yield auto_identifier(match.group("title"))


def auto_identifier(title: str) -> str:
    """pandoc's identifier of a heading without one: `## Die Daten (2024)` → die-daten-2024."""
    kept = re.sub(r"[^\w\s.-]", "", title.lower())
    return re.sub(r"^[^a-zäöüß]+", "", re.sub(r"\s+", "-", kept.strip()))


def code_spans(text: Text) -> list[tuple[int, int]]:
    """Fenced blocks and inline code: a `\\ref` shown there is an example."""
    return [span for span in text.protected_spans() if text.text[span[0]] in "`~"]
