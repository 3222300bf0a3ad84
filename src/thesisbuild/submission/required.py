"""thesis.yaml's `requirements` as numbers to compare with: each value in points, taken
from the requirement where it is given, else from the layout the PDF was built with."""

from __future__ import annotations

from dataclasses import dataclass

from ..config.model import Config, LineSpacing, PageLimits, Part
from ..config.reader import in_unit

PT_PER_BP = 72.27 / 72  # TeX points per PDF point
BP_PER_CM = 72 / 2.54
# LaTeX's single line spacing (KOMA-Script's \baselineskip) at its standard sizes.
SINGLE = {10.0: 12.0, 11.0: 13.6, 12.0: 14.5}
WORD_SINGLE = 1.15  # Word's single line of Times New Roman and Arial, in font sizes
PAPERS = {"A4": (595.28, 841.89), "letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Required:
    paper: str
    font_size: float  # pt
    baseline: float  # pt
    spacing: str  # how the baseline was asked for, for the table
    margins: dict[str, float]  # cm by side
    pages: PageLimits
    fonts_embedded: bool
    metadata: bool
    parts: tuple[Part, ...]
    twoside: bool


def required(config: Config) -> Required:
    wanted, layout = config.requirements, config.layout
    size = in_unit(wanted.font_size or layout.font_size, "pt") or 12.0
    spacing = wanted.line_spacing or LineSpacing("factor", layout.line_spacing)
    built = {side: getattr(layout.margins, side) for side in ("left", "right", "top", "bottom")}
    given = {side: getattr(wanted.margins, side) for side in built}
    margins = {side: in_unit(given[side] or built[side], "cm") or 0.0 for side in built}
    if given["left"] is None:  # the binding correction widens the inner margin
        margins["left"] += in_unit(layout.margins.binding, "cm") or 0.0
    # a required size alone leaves the spacing the PDF was built with (its factor, its size)
    built_size = size if wanted.line_spacing else in_unit(layout.font_size, "pt") or 12.0
    return Required(
        wanted.paper, size, baseline(spacing, built_size), spacing_text(spacing), margins,
        wanted.pages, wanted.fonts_embedded, wanted.metadata, wanted.parts, layout.twoside,
    )  # fmt: skip


def baseline(spacing: LineSpacing, size: float) -> float:
    """The distance of two baselines in pt: a factor × LaTeX's single spacing (setspace's
    \\setstretch), a baseline as given, Word's lines × 1.15 × the font size."""
    if spacing.kind == "baseline":
        return spacing.value
    if spacing.kind == "word":
        return spacing.value * WORD_SINGLE * size
    return spacing.value * SINGLE.get(round(size, 1), 1.2 * size)


def spacing_text(spacing: LineSpacing) -> str:
    if spacing.kind == "baseline":
        return f"baseline {spacing.value:g} pt"
    return f"{spacing.value:g}" + (" (Word)" if spacing.kind == "word" else "")
