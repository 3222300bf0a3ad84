"""The parts a thesis must have, found by their headings as the PDF prints them (the
strings table of thesis.yaml's language): a line that is just the heading, not its entry
in the table of contents."""

from __future__ import annotations

from collections.abc import Sequence

from ..config.model import Config
from ..resources.strings import strings
from .measure import Page, body_size
from .required import Required
from .verdict import Verdict

HEADING_SIZE = 1.1  # a heading's glyphs are at least this much larger than the body's
HEADINGS = {"contents": "contents", "bibliography": "bibliography", "declaration": "declaration"}


def squeezed(text: str) -> str:
    return " ".join(text.split()).casefold()


def heading_page(pages: Sequence[Page], heading: str, body: float) -> Page | None:
    """The first page with a line larger than the body text that reads the heading, with
    or without a number (the contents list it in the body's size)."""
    wanted = squeezed(heading)
    for page in pages:
        for line in page.lines:
            text = squeezed(line.text)
            if line.size <= HEADING_SIZE * body:
                continue
            if text == wanted or (text.endswith(" " + wanted) and text.split()[0].isdigit()):
                return page
    return None


def present(
    part: str, pages: Sequence[Page], config: Config, table: dict[str, str], body: float
) -> bool:
    if part == "title_page":
        return bool(pages) and squeezed(config.title) in squeezed(
            " ".join(line.text for line in pages[0].lines)
        )
    page = heading_page(pages, table[HEADINGS[part]], body)
    if part != "declaration" or page is None:
        return page is not None
    signed = pages[page.number - 1 : page.number + 1]  # the heading's page or the next
    return any(sheet.rules for sheet in signed)


def parts(pages: Sequence[Page], config: Config, need: Required) -> Verdict:
    table = strings(config.root, config.language)
    body = body_size(pages)
    missing = [part for part in need.parts if not present(part, pages, config, table, body)]
    required = ", ".join(need.parts) or "none"
    measured = "all present" if not missing else "missing: " + ", ".join(missing)
    return Verdict("parts", required, measured, not missing)
