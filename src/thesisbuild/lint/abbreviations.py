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
from ..text.abbreviations import definitions, is_abbreviation
from ..text.counts import merged
from ..text.document import chapter_texts, inside
from ..text.todos import todos
from .crossrefs import whole_thesis
from .finding import Finding, Severity

RULE = "abbreviation"
USE = re.compile(r"(?<![\w@#])(?P<abbr>[A-ZÄÖÜ]{2,}[0-9]*)s?(?!\w)")


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
    for text in chapter_texts(chapter):
        if text.kind == "code":
            continue
        protected = merged([*text.protected_spans(), *((t.start, t.end) for t in todos(text))])
        found = [(d.start, d.abbr, True) for d in definitions(text.text, protected)]
        defining = {start for start, _, _ in found}
        for match in USE.finditer(text.text):
            start, abbr = match.start("abbr"), match.group("abbr")
            if start not in defining and not inside(start, protected) and is_abbreviation(abbr):
                found.append((start, abbr, False))
        for start, abbr, defines in sorted(found):
            yield Mention(abbr, text.locate(start), defines)
