"""matplotlib's figures at print quality: the code the build runs in a Python kernel
before the chapter's cells (thesis.yaml `figures`: PNG at 300 dpi, or vector PDF, instead
of matplotlib-inline's 100 dpi PNG) and around a cell with `#| fig-width`, `fig-height`
or `fig-dpi` (Quarto's options, in inches). Through IPython's `%config InlineBackend`,
so nothing is imported that the chapter does not import itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config.model import Figures

CELL_OPTIONS = ("fig-width", "fig-height", "fig-dpi")
# IPython expands {…} in a magic's line: the values are written without braces.
# Not cropped ("tight" is the inline default): a figure of fig-width inches is printed
# that wide at its dpi, not stretched from fewer pixels.
CONFIG = (
    "get_ipython().run_line_magic('config', \"InlineBackend.figure_formats = [{formats}]\")\n"
    "get_ipython().run_line_magic('config', \"InlineBackend.rc = dict([{rc}])\")\n"
    "get_ipython().run_line_magic('config', "
    "\"InlineBackend.print_figure_kwargs = dict([('bbox_inches', None)])\")\n"
)
RC_NOW = (
    "import sys as _thesisbuild_sys\n"
    "if 'matplotlib' in _thesisbuild_sys.modules:\n"
    "    _thesisbuild_sys.modules['matplotlib'].rcParams.update(dict([{rc}]))\n"
)


def startup_code(figures: Figures) -> str:
    """The project's figure settings, for every plot from the first cell on."""
    return settings_code(figures, figures.width, figures.height, figures.dpi)


def settings_code(figures: Figures, width: float, height: float, dpi: int) -> str:
    rc = f"('figure.figsize', ({width!r}, {height!r})), ('figure.dpi', {dpi!r})"
    formats = ", ".join(repr(name) for name in (figures.format,))
    # the InlineBackend's rc reaches matplotlib when pyplot is imported; once it was, the
    # rcParams themselves are set too
    return CONFIG.format(formats=formats, rc=rc) + RC_NOW.format(rc=rc)


def cell_code(options: Mapping[str, Any], figures: Figures) -> tuple[str, str] | None:
    """(before, after) a cell with its own figure size or resolution, else None."""
    if not any(isinstance(options.get(name), int | float) for name in CELL_OPTIONS):
        return None
    width = number(options.get("fig-width"), figures.width)
    height = number(options.get("fig-height"), figures.height)
    dpi = int(number(options.get("fig-dpi"), figures.dpi))
    return settings_code(figures, width, height, dpi), startup_code(figures)


def number(value: Any, default: float) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    return float(value) if ok else default
