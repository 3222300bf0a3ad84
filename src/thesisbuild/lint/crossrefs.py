"""Rule `crossref`, over the whole thesis (a reference may point into another chapter):
a reference to a label no chapter defines, and a label defined twice.

Fires:  "siehe @fig-fehlt" with no `{#fig-fehlt}` in any chapter (warning; error with
        --strict); `{#fig-a}` in two places (always an error, at the second)
Passes: "siehe @fig-a" with `![A](a.png){#fig-a}` or `#| label: fig-a` in any chapter
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from ..config.model import Config
from ..core.errors import SourceError
from ..sources.cache import CACHE_SUBDIR
from ..sources.chapter import ChapterSource, read_chapter
from ..text.references import Mention, labels, names_of, normal, references, unknown
from .finding import Finding, Severity

RULE = "crossref"


def crossref_findings(
    chapters: Sequence[ChapterSource], config: Config, level: Severity
) -> Iterator[Finding]:
    """Findings in `chapters`, the labels taken from every chapter of the thesis; an
    unknown label at `level`, a duplicate always an error (the build cannot choose)."""
    thesis = whole_thesis(chapters, config)
    defined = labels(thesis)
    linted = {chapter.display for chapter in chapters}
    yield from duplicates(defined, linted)
    known = {mention.key for mention in defined}
    for mention in references(chapters, names_of(thesis)):
        if normal(mention.key) not in known:
            yield Finding(
                mention.location,
                RULE,
                level,
                unknown(mention.key),
                mention.key,
            )


def duplicates(defined: Sequence[Mention], linted: set[str]) -> Iterator[Finding]:
    first: dict[str, Mention] = {}
    for mention in defined:
        earlier = first.setdefault(mention.key, mention)
        if earlier is not mention and mention.location.path in linted:
            yield Finding(
                mention.location,
                RULE,
                "error",
                f"label {mention.key} is defined twice (first at {earlier.location}); "
                "references cannot tell them apart: rename one",
                mention.key,
            )


def whole_thesis(chapters: Sequence[ChapterSource], config: Config) -> list[ChapterSource]:
    """The linted chapters and the rest of thesis.yaml's, in its order (a chapter that
    cannot be read adds no labels; linting it says why)."""
    given = {chapter.path.resolve(): chapter for chapter in chapters}
    ordered = []
    for path in (*config.chapters, *config.appendix):
        chapter = given.pop(path.resolve(), None)
        if chapter is None:
            with contextlib.suppress(SourceError):
                chapter = read_chapter(path, config.relative(path), config.root / CACHE_SUBDIR)
        if chapter is not None:
            ordered.append(chapter)
    return [*ordered, *given.values()]
