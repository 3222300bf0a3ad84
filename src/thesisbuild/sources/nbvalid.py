"""Notebooks read and validated the way nbformat wants today, quietly: a notebook saved
without cell ids (older Jupyter, Colab) is valid, and nbformat's MissingIDFieldWarning
about it is noise between the build's own lines. The ids are added in memory only."""

from __future__ import annotations

import warnings
from typing import Any


def validated(text: str) -> Any:
    """Parse .ipynb JSON text into a v4 NotebookNode with cell ids; raise if invalid."""
    import nbformat
    from nbformat.validator import normalize
    from nbformat.warnings import MissingIDFieldWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        notebook = nbformat.reads(text, as_version=4)
        _, normalized = normalize(notebook)
        notebook = nbformat.from_dict(normalized)
        nbformat.validate(notebook)
    return notebook
