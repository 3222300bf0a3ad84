"""Find where text from the LaTeX side (a log's context line, a glyph, a label) stands in
the chapter files the user edits."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from ..sources.chapter import ChapterSource, Location
from .document import Text, joined, texts

WORD = re.compile(r"[^\W\d_]{2,}")
TEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?(\[[^\]]*\])?")
LONGEST_RUN = 5
# Between two words of a TeX context, the chapter may have a command TeX expanded away
# (`Quelle \fehler steht` is `Quelle steht` in the context's words).
BETWEEN_WORDS = r"(?:\\[A-Za-z]+|\W)+"
# Between two words a reader sees in the PDF (or Word), the chapter may have markdown
# (`**`, `_`, `[…]`), quotes of another shape, a line break or a TeX command.
BETWEEN_SHOWN = r"(?:\\[A-Za-z]+|[\W_])+"
SHOWN_PIECE = re.compile(r"[^\W_]+|-\n(?=[^\W\d_])|[\W_]+")


def find_pattern(
    sources: Sequence[ChapterSource], pattern: re.Pattern[str], group: int | str = 0
) -> Iterator[Location]:
    """Every place the pattern (or its `group`) matches, in chapter order."""
    for source in sources:
        for text in searched(source):
            for match in pattern.finditer(text.text):
                yield text.locate(match.start(group))


def searched(source: ChapterSource) -> Iterator[Text]:
    """Prose and code, then raw cells: lint skips them, but a raw LaTeX cell's error
    belongs to its cell, not to build/thesis.tex."""
    yield from texts(source)
    for cell in source.cells:
        if cell.kind == "raw":
            yield joined("code", [cell], source)


def find_context(sources: Sequence[ChapterSource], tex_text: str) -> Location | None:
    """The chapter place of a TeX context line: its last words, fewer until they match."""
    words = WORD.findall(TEX_COMMAND.sub(" ", tex_text))
    for size in range(min(LONGEST_RUN, len(words)), 0, -1):
        run = words[-size:]
        if size == 1 and len(run[0]) < 5:
            break
        pattern = re.compile(BETWEEN_WORDS.join(re.escape(word) for word in run))
        found = next(find_pattern(sources, pattern), None)
        if found is not None:
            return found
    return None


def chapter_titled(sources: Sequence[ChapterSource], heading: str) -> ChapterSource | None:
    """The chapter whose title a `\\chapter{…}` line of LaTeX spells (pandoc writes
    `# Fußnoten & *Belege*` as `\\chapter{\\texorpdfstring{Fußnoten \\& \\emph{Belege}}…`)."""
    words = WORD.findall(TEX_COMMAND.sub(" ", heading))
    best, size = None, 0
    for source in sources:  # the longest title: `Fußnoten` also starts `Fußnoten & Belege`
        title = WORD.findall(source.title)
        if len(title) > size and words[: len(title)] == title:
            best, size = source, len(title)
    return best


def find_literal(sources: Sequence[ChapterSource], literal: str) -> Location | None:
    return next(find_pattern(sources, re.compile(re.escape(literal))), None)


def find_citation(sources: Sequence[ChapterSource], key: str) -> Location | None:
    """Where `@key` is cited, or a cite2c/ipypublish `data-cite="…key…"` names it."""
    written = re.compile(rf"@{re.escape(key)}|data-cite\s*=\s*[\"'][^\"']*{re.escape(key)}")
    return next(find_pattern(sources, written), None)


def find_command(sources: Sequence[ChapterSource], tex_text: str) -> Location | None:
    """The chapter place of the last backslash command of a TeX context line, for
    contexts without words to look up (`l.404 \\incudegraphics`)."""
    commands = re.findall(r"\\[A-Za-z]{2,}", tex_text)
    return find_literal(sources, commands[-1]) if commands else None


def shown_pattern(shown: str) -> str:
    """A regex for text as a reader sees it (a PDF's lines, a Word paragraph) that matches
    it in the chapter: ligatures (ﬁ) spelled out, a word hyphenated at a line end
    (`Fehler-\\nanalyse`) with or without its hyphen, any punctuation, quotes or markup
    between words. Empty when the text has no words."""
    words: list[str] = []
    for piece in SHOWN_PIECE.findall(unicodedata.normalize("NFKC", shown)):
        if piece[0].isalnum():
            words.append(re.escape(piece))
        elif words and piece == "-\n":
            words.append("-?")
        elif words and words[-1] not in (BETWEEN_SHOWN, "-?"):
            words.append(BETWEEN_SHOWN)
    while words and words[-1] in (BETWEEN_SHOWN, "-?"):
        words.pop()
    return "".join(words)


def find_shown(sources: Sequence[ChapterSource], shown: str) -> Location | None:
    """Where a line as a reader sees it (the PDF's, LaTeX's overfull box) was written;
    where its exact words are not found, its last words are looked up."""
    pattern = shown_pattern(shown)
    found = next(find_pattern(sources, re.compile(pattern)), None) if pattern else None
    return found or find_context(sources, shown)
