"""`thesisbuild check`: measure the PDF and judge it by thesis.yaml's requirements; each
text that crosses a margin is named at its chapter line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config.model import Config
from ..core.errors import UnreadableInput
from ..latex.log import Overfull, overfull_boxes
from ..resources.strings import strings
from ..sources.chapter import ChapterSource
from ..text.sourcemap import find_shown
from . import rules
from .document import read_document
from .margins import Crossing
from .measure import Page, measure
from .parts import parts
from .required import required
from .verdict import Verdict


def check_pdf(
    config: Config,
    pdf: Path,
    sources: Sequence[ChapterSource] = (),
    log: str = "",
    draft: bool = False,
) -> list[Verdict]:
    """Every rule's verdict, in the README's order. `sources` and `log` (LaTeX's, for its
    overfull lines) name the chapter line behind a margin crossing; a draft's margin
    notes and footer are not text."""
    document = read_document(pdf, config.requirements.pdfa)
    pages = measure(pdf)
    if not any(page.lines for page in pages):
        raise UnreadableInput(f"{pdf}: the PDF has no text (scanned?); nothing to measure.")
    need = required(config)
    draft = draft or is_draft(pages, strings(config.root, config.language)["draft"])
    main = rules.main_matter(document)
    body = [pages[index] for index in main]
    locate = Locator(config, sources, overfull_boxes(log)).describe
    return [
        rules.paper(document, need),
        rules.font_size(body, need),
        rules.line_spacing(body, need),
        rules.margins(pages, document, need, draft, locate),
        rules.page_count(document, main, need),
        rules.fonts(document, need),
        rules.metadata(document.properties, config, need),
        parts(pages, config, need),
        *([rules.pdfa(document, config.requirements.pdfa)] if config.requirements.pdfa else []),
    ]


class Locator:
    """A crossing's chapter line: its text as the PDF shows it, else the text of the
    overfull line LaTeX logged that shares its words."""

    def __init__(
        self, config: Config, sources: Sequence[ChapterSource], overfull: Sequence[Overfull]
    ) -> None:
        self.config, self.sources, self.overfull = config, sources, overfull

    def describe(self, crossing: Crossing) -> str:
        what = f"“{shortened(crossing.text)}”" if crossing.text else "an image"
        side = f"{crossing.amount * 72.27 / 72:.1f} pt into the {crossing.side} margin"
        place = self.place(crossing.text)
        return f"{place + ': ' if place else ''}page {crossing.page}: {what} {side}"

    def place(self, text: str) -> str:
        if not text or not self.sources:
            return ""
        found = find_shown(self.sources, text)
        if found is None:
            logged = self.logged(text)
            found = find_shown(self.sources, logged.text) if logged else None
            if found is None and logged is not None:
                return f"build/thesis.tex:{logged.tex_line}"
        return str(found) if found else ""

    def logged(self, text: str) -> Overfull | None:
        words = set(text.split())
        shared = max(self.overfull, key=lambda o: len(words & set(o.text.split())), default=None)
        return shared if shared and len(words & set(shared.text.split())) >= 2 else None


def is_draft(pages: Sequence[Page], word: str) -> bool:
    """A draft's footer reads `Entwurf · 06.12.2026 · 827d3bd` (`Draft · …`)."""
    return any(line.text.startswith(f"{word} ·") for page in pages for line in page.lines)


def shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else "…" + text[-most:]


def failed(verdicts: Sequence[Verdict]) -> list[Verdict]:
    return [verdict for verdict in verdicts if not verdict.ok]
