"""The text block against the margins, page by page: every line or image that reaches
further into a margin than the tolerance. What stands wholly in a margin by design (the
page number, a draft's margin notes and footer) is page furniture, not text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .measure import Box, Page
from .required import BP_PER_CM, Required

TOLERANCE = 0.1 * BP_PER_CM  # 1 mm: microtype lets punctuation hang into the margin
SIDES = ("left", "right", "top", "bottom")


@dataclass(frozen=True)
class Crossing:
    page: int
    side: str
    amount: float  # points beyond the margin
    text: str  # the line's text ("" for an image)


def allowed(page: Page, need: Required) -> Box:
    """The area text may fill: the page less the required margins (mirrored on the
    left-hand pages of a two-sided print)."""
    cm = {side: need.margins[side] * BP_PER_CM for side in SIDES}
    left, right = cm["left"], cm["right"]
    if need.twoside and page.number % 2 == 0:
        left, right = right, left
    return Box(left, cm["top"], page.width - right, page.height - cm["bottom"])


def contents(page: Page, label: str, area: Box, draft: bool) -> Iterator[tuple[Box, str]]:
    """Lines and images that are text, not furniture (the page number: its label)."""
    for line in page.lines:
        if line.text.strip() in (label, str(page.number)):
            continue
        if draft and not overlaps(line.box, area):
            continue
        yield line.box, line.text
    for image in page.images:
        yield image, ""


def overlaps(box: Box, area: Box) -> bool:
    return box.x0 < area.x1 and box.x1 > area.x0 and box.top < area.bottom and box.bottom > area.top


def beyond(box: Box, area: Box) -> dict[str, float]:
    """How far the box reaches into each margin (points; ≤ 0 is inside)."""
    return {
        "left": area.x0 - box.x0, "right": box.x1 - area.x1,
        "top": area.top - box.top, "bottom": box.bottom - area.bottom,
    }  # fmt: skip


def crossings(
    pages: Sequence[Page], labels: Sequence[str], need: Required, draft: bool
) -> list[Crossing]:
    """Every crossing on every page but the title page (its layout is the university's)."""
    found = []
    for page, label in zip(pages[1:], labels[1:], strict=False):
        area = allowed(page, need)
        for box, text in contents(page, label, area, draft):
            for side, amount in beyond(box, area).items():
                if amount > TOLERANCE:
                    found.append(Crossing(page.number, side, amount, text))
    return found


def measured_margins(
    pages: Sequence[Page], labels: Sequence[str], need: Required, draft: bool
) -> dict[str, float]:
    """The narrowest margin the text leaves on each side (cm), over all pages but the
    title page."""
    least = {side: float("inf") for side in SIDES}
    for page, label in zip(pages[1:], labels[1:], strict=False):
        area = allowed(page, need)
        for box, _ in contents(page, label, area, draft):
            edges = {"left": box.x0, "right": page.width - box.x1,
                     "top": box.top, "bottom": page.height - box.bottom}  # fmt: skip
            if need.twoside and page.number % 2 == 0:
                edges["left"], edges["right"] = edges["right"], edges["left"]
            for side in SIDES:
                least[side] = min(least[side], edges[side] / BP_PER_CM)
    return least
