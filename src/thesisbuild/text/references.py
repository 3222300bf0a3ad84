"""Cross-references in the chapters as written: the labels a thesis defines (`{#fig-x}`,
`#| label: tbl-x`) and the places it refers to them (`@fig-x`), in Quarto's form and in
pandoc-crossref's and MyST's (text/syntaxes.py reads those into the same keys). The
prefixes are the ones templates/crossref.lua resolves; a citation key with one of them
is a reference, never a citation."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..sources.chapter import ChapterSource, Location
from .document import REFERENCE_KEY as KEY
from .document import Text, chapter_texts, inside
from .syntaxes import names_in, scan

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
# pandoc-crossref's `@fig:x` is a reference too (the build makes it `@fig-x`)
STARTS_AS_REFERENCE = re.compile(r"(?i:fig|tbl|eq|sec|lst)[-:]")
UNKNOWN_IN_LOG = re.compile(rf"thesisbuild: unknown cross-reference @(?P<key>{KEY})")


@dataclass(frozen=True)
class Mention:
    """A label or a reference to one, where the user wrote it."""

    key: str
    location: Location


def is_reference_key(key: str) -> bool:
    """`fig-x`, `Tbl-y`, … (a citation key without one of the prefixes is a citation)."""
    return STARTS_AS_REFERENCE.match(key) is not None


def names_of(sources: Sequence[ChapterSource]) -> dict[str, str]:
    """MyST's bare names in the chapters' prose → the model's keys (`fig-pipeline`)."""
    return names_in(
        text.text for source in sources for text in chapter_texts(source) if text.kind == "prose"
    )


def labels(sources: Sequence[ChapterSource]) -> list[Mention]:
    """Every label, in chapter order (a listing's fence line counts, its body not)."""
    names = names_of(sources)
    return [
        mention
        for source in sources
        for text in chapter_texts(source)
        for mention in _labels(text, names)
    ]


def _labels(text: Text, names: Mapping[str, str]) -> Iterator[Mention]:
    if text.kind == "code":
        patterns, excluded = [CELL_LABEL], []
    else:
        patterns = [LABEL, HTML_LABEL]
        excluded = sorted((start, start + len(body)) for start, body in text.code_blocks())
    found = [
        (match.start("key"), normal(match.group("key")))
        for pattern in patterns
        for match in pattern.finditer(text.text)
        if not inside(match.start(), excluded)
    ]
    if text.kind == "prose":
        found += [(r.start, key) for r in scan(text.text, names).rewrites for key in r.labels]
    for offset, key in sorted(found):
        yield Mention(key, text.locate(offset))


def references(
    sources: Sequence[ChapterSource], names: Mapping[str, str] | None = None
) -> list[Mention]:
    """Every `@fig-x` (`@fig:x`, `` {numref}`x` ``) in prose (not in code, math or URLs),
    in chapter order; `names` are MyST's bare names of the whole thesis."""
    names = names_of(sources) if names is None else names
    return [
        mention
        for source in sources
        for text in chapter_texts(source)
        if text.kind == "prose"
        for mention in _references(text, names)
    ]


def _references(text: Text, names: Mapping[str, str]) -> Iterator[Mention]:
    protected = text.protected_spans()
    found = [
        (match.start(), match.group("key"))
        for match in REFERENCE.finditer(text.text)
        if not inside(match.start(), protected)
    ]
    found += [(r.start, key) for r in scan(text.text, names).rewrites for key in r.references]
    for offset, key in sorted(found):
        yield Mention(key, text.locate(offset))


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
