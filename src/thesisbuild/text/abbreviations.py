"""Abbreviations the text defines, "Named Entity Recognition (NER)": the long form is the
words before the parenthesis whose initials spell the abbreviation, small lowercase words
("of", "from", "für") skipped. Read by lint (used before defined?) and by the manuscript
(the Abkürzungsverzeichnis lists them with thesis.yaml's)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .document import inside, protected_spans

PARENTHESIS = re.compile(r"[ \t]\((?P<abbr>[A-ZÄÖÜ][A-ZÄÖÜ0-9]*[A-ZÄÖÜ0-9])s?\)")
WORD_BEFORE = re.compile(r"([\w'’]+)[\s-]*$")
SMALL_WORD = 4  # lowercase words up to this length may stand between the initials
REACH = 120  # characters before "(ABBR)" that may hold its long form
NUMERAL = re.compile(r"[IVXLCDM]+")


@dataclass(frozen=True)
class Definition:
    """ABBR defined as `long` at offset `start` (of the abbreviation) in the text."""

    abbr: str
    long: str
    start: int


def definitions(
    markdown: str, protected: list[tuple[int, int]] | None = None
) -> Iterator[Definition]:
    """Every "Long Form (ABBR)" outside code, math and URLs, in order."""
    spans = protected_spans(markdown) if protected is None else protected
    for match in PARENTHESIS.finditer(markdown):
        abbr = match.group("abbr")
        if inside(match.start("abbr"), spans) or not is_abbreviation(abbr):
            continue
        before = markdown[max(0, match.start() - REACH) : match.start()]
        long = long_form(before, abbr)
        if long:
            yield Definition(abbr, long, match.start("abbr"))


def long_form(before: str, abbr: str) -> str | None:
    """The words at the end of `before` whose initials spell abbr's letters, or None."""
    letters = [c for c in abbr if c.isalpha()]
    end = len(before)
    position = end
    while letters:
        match = WORD_BEFORE.search(before, 0, position)
        if match is None:
            return None
        word = match.group(1)
        if word[0].upper() == letters[-1]:
            letters.pop()
        elif not (word.islower() and len(word) <= SMALL_WORD):
            return None
        position = match.start()
    return " ".join(before[position:end].split())


def is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and token.isupper() and not NUMERAL.fullmatch(token)


def listed_with(
    listed: Iterable[tuple[str, str]], texts: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """thesis.yaml's abbreviations in their order, then those only the texts define, in
    the order of their first definition."""
    pairs = dict(listed)
    for text in texts:
        for definition in definitions(text):
            pairs.setdefault(definition.abbr, definition.long)
    return tuple(pairs.items())
