"""Each rule of thesis.yaml's `requirements`, judged on the measured PDF."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise

from ..config.model import LANGUAGE_TAGS, Config
from .document import Document, Properties
from .margins import SIDES, Crossing, crossings, measured_margins
from .measure import Page, body_size
from .required import PAPERS, PT_PER_BP, Required
from .verdict import Verdict

SIZE_TOLERANCE = 0.1  # pt, as examination offices measure a font size
BASELINE_TOLERANCE = 0.25  # pt
MEASURED_STEPS = 5
FULL_LINE = 4.0  # points: a justified line ends this close to the longest one
PAPER_TOLERANCE = 1.0  # points: A4 is 595.28 × 841.89, rounded differently by tools
Locate = Callable[[Crossing], str]


def main_matter(document: Document) -> range:
    """Pages (0-based) from chapter 1 to the end of the last chapter: the numbered top-level
    bookmarks (`1 Einleitung`), up to the next one (bibliography, appendix, declaration)."""
    marks = document.outline
    numbered = [i for i, (title, _) in enumerate(marks) if title[:1].isdigit()]
    if not numbered:  # no bookmarks: from the page labelled 1 to the end
        start = next((i for i, label in enumerate(document.labels) if label == "1"), 0)
        return range(start, len(document.labels))
    after = numbered[-1] + 1
    end = marks[after][1] if after < len(marks) else len(document.labels)
    return range(marks[numbered[0]][1], max(end, marks[numbered[-1]][1] + 1))


def paper(document: Document, need: Required) -> Verdict:
    width, height = PAPERS[need.paper]
    wrong = tuple(
        number
        for number, (w, h) in enumerate(document.sizes, start=1)
        if abs(w - width) > PAPER_TOLERANCE or abs(h - height) > PAPER_TOLERANCE
    )
    first = document.sizes[wrong[0] - 1] if wrong else (width, height)
    measured = f"{first[0] * 25.4 / 72:.0f} × {first[1] * 25.4 / 72:.0f} mm"
    return Verdict("paper", need.paper, measured, not wrong, wrong)


def font_size(main: Sequence[Page], need: Required) -> Verdict:
    size = body_size(main) * PT_PER_BP
    ok = abs(size - need.font_size) <= SIZE_TOLERANCE
    return Verdict("font size", f"{need.font_size:g} pt ± 0.1", f"{size:.1f} pt", ok)


def line_spacing(main: Sequence[Page], need: Required) -> Verdict:
    """The most common distance of two body lines' baselines on one page, from a line that
    fills the measure (inside a justified paragraph: no paragraph or list spacing after
    it). Fewer than MEASURED_STEPS such lines (a few short paragraphs) measure nothing."""
    size = body_size(main)
    steps: Counter[float] = Counter()
    for page in main:
        body = [line for line in page.lines if line.size == size]
        full = max((line.box.x1 for line in body), default=0) - FULL_LINE
        steps.update(
            round(b.baseline - a.baseline, 2) for a, b in pairwise(body) if a.box.x1 >= full
        )
    required = f"{need.spacing} = {need.baseline:.2f} pt baseline"
    if steps.total() < MEASURED_STEPS:
        return Verdict("line spacing", required, "too few full lines to measure", True)
    step = steps.most_common(1)[0][0] * PT_PER_BP
    ok = abs(step - need.baseline) <= BASELINE_TOLERANCE
    return Verdict("line spacing", required, f"{step:.2f} pt baseline", ok)


def margins(
    pages: Sequence[Page], document: Document, need: Required, draft: bool, locate: Locate
) -> Verdict:
    found = crossings(pages, document.labels, need, draft)
    least = measured_margins(pages, document.labels, need, draft)
    required = ", ".join(f"{side} {need.margins[side]:.2f}" for side in SIDES) + " cm"
    measured = ", ".join(f"{side} {least[side]:.2f}" for side in SIDES) + " cm"
    pages_hit = tuple(sorted({crossing.page for crossing in found}))
    return Verdict("margins", required, measured, not found, pages_hit, tuple(map(locate, found)))


def page_count(document: Document, main: range, need: Required) -> Verdict:
    limits = need.pages
    count = len(document.labels) if limits.count == "all" else len(main)
    low = limits.least if limits.least is not None else 0
    high = limits.most if limits.most is not None else count
    bounds = f"{limits.least or '–'} to {limits.most or '–'}"
    which = "all pages" if limits.count == "all" else "chapters"
    return Verdict("pages", f"{bounds} ({which})", str(count), low <= count <= high)


def fonts(document: Document, need: Required) -> Verdict:
    missing = document.unembedded
    measured = "all embedded" if not missing else "not embedded: " + ", ".join(missing)
    required = "all embedded" if need.fonts_embedded else "any"
    return Verdict("fonts", required, measured, not missing or not need.fonts_embedded)


def metadata(properties: Properties, config: Config, need: Required) -> Verdict:
    """Title, author and language as thesis.yaml has them, in the Info dictionary and the
    catalog; in XMP too when the PDF has XMP."""
    author = config.author.name if config.author else None
    wanted = {"title": config.title, "author": author, "language": LANGUAGE_TAGS[config.language]}
    found = {"title": properties.title, "author": properties.author,
             "language": properties.language}  # fmt: skip
    wrong = [name for name, value in wanted.items() if value and found[name] != value]
    if properties.xmp:
        xmp = {"title": properties.xmp_title, "author": properties.xmp_author,
               "language": properties.xmp_language}  # fmt: skip
        wrong += [f"XMP {n}" for n, v in wanted.items() if v and not (xmp[n] or "").startswith(v)]
    measured = "as thesis.yaml" if not wrong else "wrong or missing: " + ", ".join(wrong)
    required = "title, author, language" if need.metadata else "any"
    return Verdict("metadata", required, measured, not wrong or not need.metadata)


def pdfa(document: Document, level: str) -> Verdict:
    """The PDF/A markers (submission/pdfa.py), and every font embedded, as PDF/A needs."""
    problems = [*document.pdfa, *(["fonts not embedded"] if document.unembedded else [])]
    measured = f"PDF/A-{level} markers present" if not problems else "; ".join(problems)
    return Verdict("PDF/A", f"PDF/A-{level}", measured, not problems)
