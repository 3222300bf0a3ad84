"""Rule `citation`, over the whole thesis: a citation key the bibliography does not hold,
at its chapter line, found without building (the build would print "???" or the key);
and, as info at its .bib line, an entry no chapter cites.

Fires:  "[@mueller2020, S. 3]" with no `@article{mueller2020,` in the .bib (warning; error
        with --strict); "@misc{alt," cited nowhere (info, at its .bib line)
Passes: "[@rosenblatt1958, S. 3]", "@rosenblatt1958 zeigt", "siehe @fig-a" (a cross-
        reference), "name@example.org", `@key` in code, <cite data-cite="a">

The .bib is scanned for its entry heads with a pattern, not parsed with bibtexparser: lint
needs keys and lines only, and importing the parser would cost every lint ~100 ms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config.model import Config
from ..sources.chapter import ChapterSource, Location
from ..text.document import chapter_texts, inside
from ..text.references import CITATION, CITE2C, is_reference_key
from .crossrefs import whole_thesis
from .finding import Finding, Severity

RULE = "citation"
ENTRY = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s{}()]+)[ \t]*,", re.M)
NOT_ENTRIES = {"comment", "string", "preamble"}
# What follows a pandoc key that ends a sentence: "@a." cites `a`, not `a.`.
TRAILING = ".:/-"


def citation_findings(
    chapters: Sequence[ChapterSource], config: Config, level: Severity
) -> Iterator[Finding]:
    entries = bib_entries(config.bibliography)
    for key, location, written in cited(chapters):
        if key not in entries:
            yield Finding(location, RULE, level, unknown(key, config), written)
    used = {key for key, _, _ in cited(whole_thesis(chapters, config))}
    if config.bibliography is not None and linted_all(chapters, config):
        bib = config.relative(config.bibliography)
        for key, line in entries.items():
            if key not in used:
                message = f"bibliography entry {key} is cited nowhere (the PDF leaves it out)"
                yield Finding(Location(bib, line, 1), RULE, "info", message, key)


def unknown(key: str, config: Config) -> str:
    if config.bibliography is None:
        return f"citation @{key}, but the thesis has no bibliography (thesis.yaml bibliography)"
    where = config.relative(config.bibliography)
    return f"citation @{key} is not in {where}: check the key, or add the entry"


def linted_all(chapters: Sequence[ChapterSource], config: Config) -> bool:
    """Unused entries only when every chapter is linted (a subset cites less)."""
    given = {chapter.path.resolve() for chapter in chapters}
    return all(path.resolve() in given for path in (*config.chapters, *config.appendix))


def bib_entries(path: Path | None) -> dict[str, int]:
    """Entry key → its 1-based line (the first, if a key stands twice)."""
    if path is None:
        return {}
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    entries: dict[str, int] = {}
    for match in ENTRY.finditer(text):
        if match.group("type").lower() not in NOT_ENTRIES:
            line = text.count("\n", 0, match.start("key")) + 1
            entries.setdefault(match.group("key"), line)
    return entries


def cited(chapters: Sequence[ChapterSource]) -> Iterator[tuple[str, Location, str]]:
    """Every citation key in prose, where it is written and as written there (`@key`
    from its @; each of cite2c's `data-cite` keys)."""
    for chapter in chapters:
        for text in chapter_texts(chapter):
            if text.kind == "code":
                continue
            protected = text.protected_spans()
            for match in CITATION.finditer(text.text):
                key = match.group("key").rstrip(TRAILING)
                if key and not is_reference_key(key) and not inside(match.start(), protected):
                    yield key, text.locate(match.start()), f"@{key}"  # at the @, as the build
            code = [span for span in protected if text.text[span[0]] in "`~"]
            for match in CITE2C.finditer(text.text):
                if not inside(match.start(), code):
                    for key in re.finditer(r"[^\s,]+", match.group("keys")):
                        at = match.start("keys") + key.start()
                        yield key.group(), text.locate(at), key.group()
