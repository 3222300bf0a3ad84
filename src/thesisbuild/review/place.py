"""Place each remark at the chapter line its text stands on now: the marked words with a
few words around them from the reader's side (which tell one "Klassen" from another),
fewer until they match; on the page's own chapter first, then in every chapter."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..sources.chapter import ChapterSource, Location
from ..text.sourcemap import BETWEEN_SHOWN, chapter_titled, find_pattern, shown_pattern
from .remark import Anchor, Remark

CONTEXT_WORDS = (6, 3, 1, 0)
WORD = re.compile(r"[^\W_]+")
HEADING_NUMBER = re.compile(r"^\s*(?:\d+|[A-Z])(?:\.\d+)*\s+(?=\S)")
WORD_START = r"(?<![^\W_])"
WORD_END = r"(?![^\W_])"


def place(remarks: Sequence[Remark], sources: Sequence[ChapterSource]) -> list[Remark]:
    """The remarks with their chapter locations; those on generated pages and those whose
    text is in no chapter any more keep `location` None."""
    return [
        remark if remark.generated else replace(remark, location=locate(remark, sources))
        for remark in remarks
    ]


def locate(remark: Remark, sources: Sequence[ChapterSource]) -> Location | None:
    own = chapter_titled(sources, remark.on) if remark.on else None
    searched = [[own], sources] if own is not None else [sources]
    for size, anchor in tries(remark.anchor):
        pattern = anchored(anchor, size)
        if pattern is None:
            continue
        for group in searched:
            found = next(find_pattern(group, pattern, "mark"), None)
            if found is not None:
                return found
    return None


def tries(anchor: Anchor) -> Iterator[tuple[int, Anchor]]:
    """Fewer words around the mark each time; last, a heading's mark without the number
    the build printed before it (`2.1 Daten` is `## Daten` in the chapter)."""
    yield from ((size, anchor) for size in CONTEXT_WORDS)
    unnumbered = HEADING_NUMBER.sub("", anchor.marked, count=1)
    if not anchor.before.strip() and unnumbered != anchor.marked:
        yield 0, Anchor("", unnumbered, anchor.after)


def anchored(anchor: Anchor, size: int) -> re.Pattern[str] | None:
    """A pattern for the marked text (group `mark`) with up to `size` words on each side;
    None when it would match without a word of the anchor."""
    before, after = tail(anchor.before, size), head(anchor.after, size)
    marked = shown_pattern(anchor.marked)
    if marked:
        parts = [shown_pattern(before), glue(before, anchor.marked), edge_start(anchor)]
        parts += [f"(?P<mark>{marked})", edge_end(anchor), glue(anchor.marked, after)]
    else:  # an insertion: the place right after the text before it
        parts = [shown_pattern(before), "(?P<mark>)", glue(before, after)]
    parts.append(shown_pattern(after))
    if not (marked or parts[0] or parts[-1]):
        return None
    return re.compile("".join(parts))


def glue(left: str, right: str) -> str:
    """Between two parts: nothing where a word is cut in two (a mark starting inside a
    word), else what may stand between words."""
    if not left.strip() or not right.strip():
        return ""
    return "" if left[-1].isalnum() and right[0].isalnum() else BETWEEN_SHOWN


def edge_start(anchor: Anchor) -> str:
    """A mark that starts at a word starts at one in the chapter too (not `Unterklassen`
    for `Klassen`); a note's line beside it may start in the middle of a word."""
    starts_word = anchor.before and not anchor.before[-1].isalnum()
    return WORD_START if starts_word and anchor.marked[:1].isalnum() else ""


def edge_end(anchor: Anchor) -> str:
    ends_word = anchor.after and not anchor.after[0].isalnum()
    return WORD_END if ends_word and anchor.marked[-1:].isalnum() else ""


def tail(text: str, size: int) -> str:
    """The last `size` words of text, and what follows them."""
    starts = [match.start() for match in WORD.finditer(text)]
    return text[starts[-size] :] if size and len(starts) >= size else text if size else ""


def head(text: str, size: int) -> str:
    """The first `size` words of text, and what precedes them."""
    ends = [match.end() for match in WORD.finditer(text)]
    return text[: ends[size - 1]] if size and len(ends) >= size else text if size else ""
