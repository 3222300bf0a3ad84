"""Quarto-style cross-references in the chapters as written: the labels a thesis
defines (`{#fig-x}`, `#| label: tbl-x`) and the places it refers to them (`@fig-x`).
The prefixes are the ones templates/crossref.lua resolves; a citation key with one of
them is a reference, never a citation."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..sources.chapter import ChapterSource, Location
from .document import REFERENCE_KEY as KEY
from .document import REFERENCE_PREFIX, Text, chapter_texts, inside

REFERENCE = re.compile(rf"(?<![\w.@])@(?P<key>{KEY})")
LABEL = re.compile(rf"\{{#(?P<key>{KEY})(?=[\s}}])")
# html.lua keeps a heading's id, so `<h2 id="sec-x">` (Colab, HTML habits) is a label too.
HTML_LABEL = re.compile(rf"<h[1-6]\s[^>]*?\bid\s*=\s*[\"'](?P<key>{KEY})[\"']", re.I)
CELL_LABEL = re.compile(rf"^#\|\s*(?:lst-)?label\s*:\s*[\"']?(?P<key>{KEY})[\"']?\s*$", re.M)
# A pandoc citation `@key` (a key with a reference prefix is a cross-reference).
CITATION = re.compile(r"(?<![\w.@])@(?P<key>[\w][\w:./-]*)")
# cite2c/ipypublish: `<cite data-cite="a,b">(Müller 2020)</cite>`, the build's `[@a; @b]`.
CITE2C = re.compile(
    r"<(?P<tag>cite|citet|citep)\b[^>]*\bdata-cite\s*=\s*[\"'](?P<keys>[^\"']+)[\"'][^>]*>"
    r".*?</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)
STARTS_AS_REFERENCE = re.compile(REFERENCE_PREFIX)
UNKNOWN_IN_LOG = re.compile(rf"thesisbuild: unknown cross-reference @(?P<key>{KEY})")


@dataclass(frozen=True)
class Mention:
    """A label or a reference to one, where the user wrote it."""

    key: str
    location: Location


def is_reference_key(key: str) -> bool:
    """`fig-x`, `Tbl-y`, … (a citation key without one of the prefixes is a citation)."""
    return STARTS_AS_REFERENCE.match(key) is not None


def labels(sources: Sequence[ChapterSource]) -> list[Mention]:
    """Every label, in chapter order (a listing's fence line counts, its body not)."""
    return [
        mention for source in sources for text in chapter_texts(source) for mention in _labels(text)
    ]


def _labels(text: Text) -> Iterator[Mention]:
    if text.kind == "code":
        patterns, excluded = [CELL_LABEL], []
    else:
        patterns = [LABEL, HTML_LABEL]
        excluded = sorted((start, start + len(body)) for start, body in text.code_blocks())
    matches = sorted((m for p in patterns for m in p.finditer(text.text)), key=lambda m: m.start())
    for match in matches:
        if not inside(match.start(), excluded):
            yield Mention(normal(match.group("key")), text.locate(match.start("key")))


def references(sources: Sequence[ChapterSource]) -> list[Mention]:
    """Every `@fig-x` in prose (not in code, math or URLs), in chapter order."""
    found = []
    for source in sources:
        for text in chapter_texts(source):
            if text.kind == "code":
                continue
            protected = text.protected_spans()
            for match in REFERENCE.finditer(text.text):
                if not inside(match.start(), protected):
                    found.append(Mention(match.group("key"), text.locate(match.start())))
    return found


def normal(key: str) -> str:
    """`@Fig-x` refers to `fig-x` (a capital asks for a capitalised word, as in Quarto)."""
    return key[:1].lower() + key[1:]


def unknown_in_log(pandoc_output: str) -> list[str]:
    """The keys crossref.lua reported as unknown, once each, in order."""
    return list(dict.fromkeys(UNKNOWN_IN_LOG.findall(pandoc_output)))


def reference_message(keys: Sequence[str], sources: Sequence[ChapterSource]) -> str:
    """One located line per unknown key (build/thesis.md when the text is generated)."""
    mentions = references(sources)
    lines = []
    for key in keys:
        where = next((m.location for m in mentions if m.key == key), "build/thesis.md")
        lines.append(
            f"{where}: {unknown(key)}; fix: check the spelling, or label the target with "
            f"{{#{normal(key)}}} (`#| label: {normal(key)}` in a code cell)"
        )
    return "\n".join(lines)


def unknown(key: str) -> str:
    return (
        f"unknown cross-reference @{key}: no figure, table, equation, section or listing "
        f"has the label {normal(key)}"
    )
