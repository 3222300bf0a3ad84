"""Rule `english`: passages in the other language — pasted English notes in a German
thesis ("Part-of-speech (POS) tagging is a natural language processing task …"), or
German ones in an English thesis. Consecutive such sentences are one finding per
paragraph. Decided per sentence by text/language.py's function words.

Fires:     (de) "One of the earliest NER systems was developed in the 1990s and used …"
Passes:    (de) "Das Fine-Tuning des Transformer-Modells erfolgt mit dem Huggingface
           Trainer." (loanwords); code cells and their English comments, `inline code`,
           $math$, URLs, [@citations], quoted titles “…”, [todo the author's notes]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config.model import Config
from ...text.blocks import blocks
from ...text.counts import merged
from ...text.document import Text
from ...text.language import language
from ...text.todos import todos
from ..rule import Match

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“„(]?[A-ZÄÖÜ0-9])")
QUOTED = re.compile(r"[“„\"«»][^“”„\"«»\n]{0,300}[“”\"«»]")
CITED = re.compile(r"\[[^\]\n]*@[^\]\n]*\]")
PROSE = ("text", "list", "quote")
NAMES = {"de": "German", "en": "English"}
MESSAGE = "{other} passage in a {own} thesis: translate it, or quote and cite it"
EXCERPT = 80
LAST: list[tuple[Text, str]] = []


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    other = "en" if config.language == "de" else "de"
    plain = blanked(text)
    for block in blocks(text):
        if block.kind in PROSE:
            run = other_run(plain, block.start, block.end, other)
            if run is not None:
                yield found(text, run, other, config.language)


def blanked(text: Text) -> str:
    """The Text with what is no prose of the author's blanked (same length): code, math,
    URLs, citations, quoted titles and todos. The last one is kept: english and spelling
    ask for the same Text one after the other."""
    if LAST and LAST[0][0] is text:
        return LAST[0][1]
    plain = blank(text)
    LAST[:] = [(text, plain)]
    return plain


def blank(text: Text) -> str:
    spans = [*text.protected_spans(), *((todo.start, todo.end) for todo in todos(text))]
    spans += [match.span() for pattern in (CITED, QUOTED) for match in pattern.finditer(text.text)]
    pieces = []
    position = 0
    for start, end in merged(spans):  # disjoint first: 10,000 unclosed todos overlap
        pieces += [text.text[position:start], " " * (end - start)]
        position = end
    return "".join([*pieces, text.text[position:]])


def other_run(plain: str, start: int, end: int, other: str) -> tuple[int, int] | None:
    """From the first to the last sentence in the other language of a paragraph."""
    first = last = None
    position = start
    for boundary in [*SENTENCE_END.finditer(plain, start, end), None]:
        stop = boundary.start() if boundary else end
        if language(plain[position:stop]) == other:
            first = position if first is None else first
            last = stop
        position = boundary.end() if boundary else end
    return None if first is None or last is None else (first, last)


def found(text: Text, run: tuple[int, int], other: str, own: str) -> Match:
    start, end = run
    passage = " ".join(text.text[start:end].split())
    excerpt = passage if len(passage) <= EXCERPT else passage[: EXCERPT - 1] + "…"
    return Match(start, end, MESSAGE.format(other=NAMES[other], own=NAMES[own]), excerpt)
