"""Rule `spelling`: words neither Hunspell dictionary knows (the thesis language's, and
the other one's, so technical loanwords such as "Fine-Tuning" pass in a German thesis),
nor `lint.words`, `abbreviations` or the preferred terms of thesis.yaml. One finding per
occurrence; never fixed (a suggestion is a guess).

Fires:     "Die Schellenwert-Funktion", "Mathmatisch", "wiefolgt"
Passes:    "Schwellenwertfunktion" (a compound the dictionary builds), "Fine-Tuning",
           "Learning-Rate-Scheduler", "CoNLL-2003", "WordPiece", "camelCase", "LSTMs",
           `code`, $math$, URLs, [@citation_keys], [todo notes], words in lint.words
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...config.model import Config
from ...text.document import Text
from ..dictionaries import Checker, checker, problem
from ..rule import Match
from .english import blanked

WORD = re.compile(r"(?<![\w@#./\\-])[A-Za-zÄÖÜäöüßéèà]+(?:-[A-Za-zÄÖÜäöüßéèà]+)*(?![\w@/-])")
PLURAL_ABBREVIATION = re.compile(r"[A-ZÄÖÜ]{2,}s?")
MESSAGE = "unknown word {word!r} (not in the dictionaries; add it to thesis.yaml lint.words)"
MISSING = "spelling is not checked: {problem}; `thesisbuild doctor` lists what is missing"


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    own = checker(config.language)
    if own is None:
        if text.origins[0][0] is first_markdown(text):
            yield Match(0, 0, MISSING.format(problem=problem(config.language)), "")
        return
    other = checker("en" if config.language == "de" else "de")
    known = accepted(config)
    plain = blanked(text)
    for match in WORD.finditer(plain):
        word = match.group(0)
        if not skipped(word, known) and not spelled(word, own, other):
            yield Match(match.start(), match.end(), MESSAGE.format(word=word), word)


def first_markdown(text: Text) -> object:
    return next((cell for cell in text.chapter.cells if cell.kind == "markdown"), None)


@cache
def accepted(config: Config) -> frozenset[str]:
    """The words thesis.yaml names, case-folded."""
    words = [*config.words, *(short for short, _ in config.abbreviations)]
    words += [part for rule in config.terminology for part in rule.preferred.split()]
    return frozenset(word.casefold() for word in words)


def skipped(word: str, known: frozenset[str]) -> bool:
    """Abbreviations, identifiers, and the author's own words are no spelling."""
    return (
        len(word) < 3
        or word.casefold() in known
        or PLURAL_ABBREVIATION.fullmatch(word) is not None
        or any(not part[1:].islower() for part in word.split("-") if len(part) > 1)
    )  # the last: inner capitals, an identifier (CoNLL, WordPiece, camelCase, spaCy)


def spelled(word: str, own: Checker, other: Checker | None) -> bool:
    """Known to either dictionary; a hyphenated compound when each part is."""
    if known_word(word, own, other):
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(
        len(part) < 3 or PLURAL_ABBREVIATION.fullmatch(part) or known_word(part, own, other)
        for part in parts
    )


def known_word(word: str, own: Checker, other: Checker | None) -> bool:
    return own(word) or (other is not None and other(word))
