"""The lint rules, one module each; `registry` lists them with their default severity,
whether --fix applies and whether --strict makes their warnings errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ...config.model import Config
from ...sources.chapter import ChapterSource
from ..abbreviations import abbreviation_findings
from ..citations import citation_findings
from ..crossrefs import crossref_findings
from ..finding import Finding, Severity
from ..latexrefs import latex_ref_findings
from ..rule import Rule
from . import (
    english,
    heading,
    image,
    paragraph,
    placeholder,
    quotes,
    spelling,
    syntax,
    terminology,
    texmath,
    todo,
)

ThesisCheck = Callable[[Sequence[ChapterSource], Config, Severity], Iterator[Finding]]


def registry() -> tuple[Rule, ...]:
    """Every rule, in the order its findings are reported for one place."""
    return (
        Rule("todo", "warning", todo.check, "open todos: [todo …], TODO/todo:, unchecked boxes",
             strict=True),
        Rule("terminology", "error", terminology.check, "discouraged terms from thesis.yaml",
             fixable=True),
        Rule("math", "warning", texmath.check, "TeX math in running text outside $…$",
             fixable=True, strict=True),
        Rule("heading", "warning", heading.check,
             "no level-1 heading, numbered by hand, empty section, level jump, twin titles",
             fixable=True, strict=True),
        Rule("image", "warning", image.check, "image paths not found, or only in another case",
             fixable=True, strict=True),
        Rule("syntax", "warning", syntax.check, "Quarto/MyST markup the build cannot print",
             strict=True),
        Rule("crossref", "warning", None,
             "@fig-/@tbl-/@eq-/@sec-/@lst- labels no chapter defines, labels defined twice",
             strict=True),
        Rule("latex-ref", "warning", None,
             "\\ref{x}/\\eqref{x} in raw LaTeX with no \\label{x} or {#x} in any chapter"),
        Rule("citation", "warning", None,
             "citation keys not in the .bib; entries cited nowhere (info)", strict=True),
        Rule("placeholder", "warning", placeholder.check,
             "[figure], [Abbildung …], a colon announcing a figure that never comes",
             strict=True),
        Rule("paragraph-break", "warning", paragraph.check,
             "a paragraph cut in two: no end punctuation, next one starts in lowercase",
             fixable=True),
        Rule("quotes", "warning", quotes.check,
             "quotation marks of the other language: \"…\" or “…” in German prose",
             fixable=True),
        Rule("english", "warning", english.check,
             "English passages in a German thesis (German ones in an English thesis)"),
        Rule("spelling", "warning", spelling.check,
             "words no Hunspell dictionary knows (nor lint.words); needs hunspell-de-de/-en-us"),
        Rule("abbreviation", "warning", None,
             "abbreviations used before their definition, never defined, defined twice"),
    )  # fmt: skip


def thesis_checks() -> dict[str, ThesisCheck]:
    """The rules that read every chapter at once, by name."""
    return {
        "crossref": crossref_findings,
        "latex-ref": latex_ref_findings,
        "citation": citation_findings,
        "abbreviation": abbreviation_findings,
    }
