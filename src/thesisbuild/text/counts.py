"""How much a chapter holds, read from its text as written (regular expressions on the text
model, no pandoc, no kernel), so `stats` counts a whole thesis, or any old revision of it,
in well under a second.

Words are prose only: headings, paragraphs, list items, captions (of images, of
`Table:` lines, a code cell's `#| fig-cap`/`tbl-cap`/`lst-cap`, a listing's `lst-cap`)
and footnotes. Not counted: code cells and outputs, fenced and inline code, math (bare
TeX math too), table cells, HTML and LaTeX markup, comments, link targets, attributes,
citation and cross-reference keys, and todo markers with their text.

Figures and tables are the ones the author declared, not what a run draws (an old
revision's `.md` chapter has no outputs): a figure is a markdown image `![…](…)` or
`<img>`, or a code cell labelled `fig-…` or captioned with `fig-cap`; a table is a pipe
or grid table, an HTML `<table>`, or a code cell labelled `tbl-…` or captioned with
`tbl-cap`. Citations are the keys cited, each time: `[@a; @b]` is two; `@fig-x` and the
other cross-references are not citations; cite2c's `data-cite="a,b"` is two."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields

from ..sources.chapter import ChapterSource
from .document import Text, inside, protected_spans, texts
from .math import bare_math
from .references import CITATION, CITE2C, is_reference_key
from .todos import bracket_pairs, prose_todos, todos

Span = tuple[int, int]
# A word is a run of non-space holding a letter or digit: every run, less the runs of
# punctuation alone (two linear scans; one pattern for both backtracks on long runs).
TOKEN = re.compile(r"\S+")
NO_WORD = re.compile(r"(?<!\S)[^\s\w]+(?!\S)")
# What is markup in prose (its words are no prose); captions and footnotes stay.
MARKUP = re.compile(
    r"""
      ^[ \t]*\d+[.)](?=[ \t])                               # an ordered list's number
    | ^[ \t]*(?:[Tt]able)?:(?=[ \t])                        # a table caption's keyword
    | ^[ \t]*:{3,}[^\n]*$                                   # a fenced div's fence line
    | \[\^[^\]\s]+\]:?                                      # a footnote's mark
    | ^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]+\S+[^\n]*$        # a link reference definition
    | \\(?:ref|eqref|pageref|autoref|label|cite\w*|url|href|input|include\w*)\{[^{}\n]*\}
    | \\[A-Za-z]+\*?                                        # a LaTeX command's name
    | \{[^{}\n]*=[^{}\n]*\}                                 # attributes: {width=50%}
    | \{\{<.*?>\}\}                                         # a Quarto shortcode
    | &(?:[A-Za-z]+|\#\d+);                                 # an HTML entity
    | (?<![\w.@])@[\w][\w:.#$%&+?<>~/-]*                    # a citation or reference key
    """,
    re.MULTILINE | re.VERBOSE,
)
PIPE_TABLE = re.compile(
    r"(?:^[^\n]*\|[^\n]*\n)?"  # the header row
    r"^[ \t]*(?=[^\n]*\|)\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"  # |--|:-|
    r"(?:\n[^\n]*\|[^\n]*$)*",  # the rows
    re.MULTILINE,
)
GRID_TABLE = re.compile(r"^\+[-=:+]+\+[ \t]*$(?:\n^[+|][^\n]*$)*", re.MULTILINE)
HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
HTML_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
IMAGE_START = re.compile(r"(?<!\\)!\[")
CELL_OPTION = re.compile(r"^#\|[ \t]*(?P<key>[\w-]+)[ \t]*:[ \t]*(?P<value>[^\n]*)$", re.MULTILINE)
LISTING_CAPTION = re.compile(r"^(?:```|~~~)[^\n]*\blst-cap\s*=\s*\"(?P<caption>[^\"\n]*)\"", re.M)
CAPTION_KEYS = frozenset({"fig-cap", "tbl-cap", "lst-cap"})


@dataclass(frozen=True)
class Totals:
    """What `stats` counts, for one chapter or summed over several."""

    words: int = 0
    todos: int = 0
    figures: int = 0
    tables: int = 0
    citations: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(*(a + b for a, b in zip(self.numbers(), other.numbers(), strict=True)))

    def numbers(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in COUNTED)


COUNTED = tuple(field.name for field in fields(Totals))


@dataclass(frozen=True)
class ChapterCounts:
    """One chapter's counts, with the path and title `stats` shows."""

    path: str
    title: str
    words: int
    todos: int
    figures: int
    tables: int
    citations: int

    @property
    def totals(self) -> Totals:
        return Totals(*(getattr(self, name) for name in COUNTED))


def count_chapter(chapter: ChapterSource) -> ChapterCounts:
    """The chapter's words, open todos, figures, tables and citations."""
    tally = sum((count_text(text) for text in texts(chapter)), Totals())
    return ChapterCounts(chapter.display, chapter.title, *tally.numbers())


def total(chapters: Iterable[ChapterCounts]) -> Totals:
    return sum((chapter.totals for chapter in chapters), Totals())


def count_text(text: Text) -> Totals:
    if text.kind == "code":
        return count_code(text.text, sum(1 for _ in todos(text)))
    protected = text.protected_spans()
    spans = [(todo.start, todo.end) for todo in prose_todos(text.text, protected)]
    skipped = merged([*protected, *spans])
    return Totals(
        words=prose_words(text.text, skipped, spans) + listing_captions(text.text),
        todos=len(spans),
        figures=figures(text.text, skipped),
        tables=tables(text.text, skipped),
        citations=citations(text.text, skipped),
    )


def count_code(code: str, open_todos: int) -> Totals:
    """A code cell: its caption's words, and a figure or table when it declares one."""
    options = {m.group("key"): m.group("value").strip() for m in CELL_OPTION.finditer(code)}
    label = options.get("label", "").strip("\"'")
    captions = [options[key].strip("\"'") for key in CAPTION_KEYS & options.keys()]
    return Totals(
        words=sum(words(caption) for caption in captions),
        todos=open_todos,
        figures=int(label.startswith("fig-") or "fig-cap" in options),
        tables=int(label.startswith("tbl-") or "tbl-cap" in options),
    )


def words(markdown: str) -> int:
    """The prose words of a piece of markdown (a caption, a chapter's text)."""
    protected = protected_spans(markdown)
    spans = [(todo.start, todo.end) for todo in prose_todos(markdown, protected)]
    return prose_words(markdown, merged([*protected, *spans]), spans)


def prose_words(markdown: str, skipped: list[Span], todo_spans: list[Span]) -> int:
    """Words outside the skipped spans, markup, bare math and tables."""
    markup = [match.span() for match in MARKUP.finditer(markdown)]
    math = list(bare_math(markdown, skipped))
    cells = [m.span() for pattern in (PIPE_TABLE, GRID_TABLE) for m in pattern.finditer(markdown)]
    cited = [match.span() for match in CITE2C.finditer(markdown)]
    gone = merged([*skipped, *todo_spans, *markup, *math, *cells, *cited])
    return sum(word_count(markdown, start, end) for start, end in gaps(gone, len(markdown)))


def word_count(markdown: str, start: int, end: int) -> int:
    piece = markdown[start:end]  # a slice: a lookbehind must not see the skipped text before
    return len(TOKEN.findall(piece)) - len(NO_WORD.findall(piece))


def figures(markdown: str, skipped: list[Span]) -> int:
    pairs = bracket_pairs(markdown)
    images = sum(
        1
        for match in IMAGE_START.finditer(markdown)
        if not inside(match.start(), skipped)
        and followed_by_target(markdown, pairs.get(match.start() + 1, len(markdown)))
    )
    return images + outside(HTML_IMAGE.finditer(markdown), code_only(markdown, skipped))


def followed_by_target(markdown: str, closed: int) -> bool:
    """Whether the image's `]` (just before offset closed) has its `(target)` next."""
    return markdown[closed : closed + 1] == "("


def tables(markdown: str, skipped: list[Span]) -> int:
    blocks = [*PIPE_TABLE.finditer(markdown), *GRID_TABLE.finditer(markdown)]
    return outside(iter(blocks), skipped) + outside(
        HTML_TABLE.finditer(markdown), code_only(markdown, skipped)
    )


def citations(markdown: str, skipped: list[Span]) -> int:
    keys = sum(
        1
        for match in CITATION.finditer(markdown)
        if not is_reference_key(match.group("key")) and not inside(match.start(), skipped)
    )
    code = code_only(markdown, skipped)
    cite2c = sum(
        len(split_keys(match.group("keys")))
        for match in CITE2C.finditer(markdown)
        if not inside(match.start(), code)
    )
    return keys + cite2c


def listing_captions(markdown: str) -> int:
    """A listing's `lst-cap="…"` on its fence line is a caption (the fence is code)."""
    return sum(words(match.group("caption")) for match in LISTING_CAPTION.finditer(markdown))


def split_keys(keys: str) -> list[str]:
    """cite2c's `data-cite="a,b"` (also `;` or spaces between keys)."""
    return [key for key in re.split(r"[,;\s]+", keys) if key]


def code_only(markdown: str, skipped: list[Span]) -> list[Span]:
    """The skipped spans that are code: an HTML tag is a protected span of its own."""
    return [span for span in skipped if markdown[span[0]] in "`~"]


def outside(matches: Iterator[re.Match[str]], spans: list[Span]) -> int:
    return sum(1 for match in matches if not inside(match.start(), spans))


def merged(spans: list[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same offsets."""
    result: list[Span] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def gaps(spans: list[Span], length: int) -> Iterator[Span]:
    """The stretches of 0..length that no span covers."""
    position = 0
    for start, end in spans:
        if start > position:
            yield position, start
        position = max(position, end)
    if position < length:
        yield position, length
