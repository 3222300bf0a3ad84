"""The nbconvert template that turns a prepared notebook into pandoc markdown. It ships
inside the package; an install that lost it (a packaging slip, a file deleted by hand)
is the environment's problem, said as one sentence rather than nbconvert's traceback."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import EnvironmentProblem

TEMPLATE = Path(__file__).parent / "nbconvert" / "thesis.md.j2"


def export_template() -> Path:
    """The packaged template; EnvironmentProblem (exit 2) when the install lacks it."""
    if not TEMPLATE.is_file():
        raise EnvironmentProblem(
            f"{TEMPLATE}: thesisbuild's nbconvert template is missing from this install; "
            "reinstall thesisbuild."
        )
    return TEMPLATE
