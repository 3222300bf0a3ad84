"""The nbconvert template that turns a prepared notebook into pandoc markdown. Its path
is part of the no-op check's fingerprint, which must not import the exporter."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = Path(__file__).parent / "nbconvert" / "thesis.md.j2"
