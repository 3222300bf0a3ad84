"""Rule `abbreviation`, over the whole thesis in chapter order: an abbreviation used
before the text defines it, used but defined neither in the text ("Long Form (ABBR)")
nor in thesis.yaml's `abbreviations`, or defined twice in the text.

Fires:  "Das NER-Modell …" with no "Named Entity Recognition (NER)" and no `NER:` in
        thesis.yaml (at the first use); "LSTM …" before "Long Short-Term Memory (LSTM)";
        "Long Short-Term Memory (LSTM)" a second time
Passes: "Named Entity Recognition (NER) … NER", "[todo MAYBE ADD …]" (the author's note),
        NER in thesis.yaml, `NER` in code, $NER$, "CoNLL-2003" (no abbreviation: lowercase
        inside), "Kapitel IV" (a numeral)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..config.model import Config
from ..sources.chapter import ChapterSource, Location
from ..text.document import inside, texts
from ..text.todos import todos
from .crossrefs import whole_thesis
from .finding import Finding, Severity

RULE = "abbreviation"
USE = re.compile(r"(?<![\w@#])(?P<abbr>[A-ZÄÖÜ]{2,}[0-9]*)s?(?!\w)")
DEFINITION = re.compile(r"(?P<long>(?:[\w-]+[ \t]+){1,8}?)\((?P<abbr>[A-ZÄÖÜ][\w-]*?)s?\)")
NUMERAL = re.compile(r"[IVXLCDM]+")


@dataclass(frozen=True)
class Mention:
    abbr: str
    location: Location
    defines: bool


def abbreviation_findings(
    chapters: Sequence[ChapterSource], config: Config, level: Severity
) -> Iterator[Finding]:
    linted = {chapter.display for chapter in chapters}
    listed = {short for short, _ in config.abbreviations}
    mentions = [m for c in whole_thesis(chapters, config) for m in chapter_mentions(c)]
    defined = {m.abbr for m in mentions if m.defines}
    first: dict[str, Mention] = {}
    for mention in mentions:
        earlier = first.setdefault(mention.abbr, mention)
        message = problem(mention, earlier, defined | listed, listed)
        if message and mention.location.path in linted:
            yield Finding(mention.location, RULE, level, message, mention.abbr)


def problem(mention: Mention, first: Mention, defined: set[str], listed: set[str]) -> str:
    abbr = mention.abbr
    if mention.defines:
        return (
            f"{abbr} is defined twice (first at {first.location})"
            if first.defines and (first is not mention)
            else ""
        )
    if first is not mention:
        return ""
    if abbr not in defined:
        return (
            f'{abbr} is never defined: write the long form once, "Long Form ({abbr})", '
            f"or add it to thesis.yaml abbreviations"
        )
    if abbr not in listed:
        return f"{abbr} is used before the text defines it: define it at its first use"
    return ""


def chapter_mentions(chapter: ChapterSource) -> Iterator[Mention]:
    """Definitions "Long Form (ABBR)" and uses, in the chapter's order."""
    for text in texts(chapter):
        if text.kind == "code":
            continue
        protected = sorted([*text.protected_spans(), *((t.start, t.end) for t in todos(text))])
        protected = merged(protected)
        found: list[tuple[int, str, bool]] = []
        definitions = set()
        for match in DEFINITION.finditer(text.text):
            abbr = match.group("abbr")
            start = match.start("abbr")
            if inside(start, protected) or not is_abbreviation(abbr):
                continue
            if initials_fit(match.group("long"), abbr):
                found.append((start, abbr, True))
                definitions.add(start)
        for match in USE.finditer(text.text):
            start, abbr = match.start("abbr"), match.group("abbr")
            if start not in definitions and not inside(start, protected) and is_abbreviation(abbr):
                found.append((start, abbr, False))
        for start, abbr, defines in sorted(found):
            yield Mention(abbr, text.locate(start), defines)


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans made disjoint (inside() needs that): a todo may hold inline code."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and token.isupper() and not NUMERAL.fullmatch(token)


def initials_fit(long: str, abbr: str) -> bool:
    """ "Named Entity Recognition (NER)": the long form's words start with the
    abbreviation's first letter somewhere (a parenthesis after any words is no definition)."""
    words = re.split(r"[\s-]+", long.strip())
    return any(word[:1].upper() == abbr[0] for word in words)
