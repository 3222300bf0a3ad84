"""SVG → PDF for LaTeX, which cannot include SVG: rsvg-convert (librsvg2-bin), cached by
content under build/.cache/svg/."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ..core.errors import BuildFailed, EnvironmentProblem
from ..core.proc import run

INSTALL = "Install it: sudo apt-get install librsvg2-bin (macOS: brew install librsvg)."


def to_pdf(data: bytes, folder: Path) -> bytes | None:
    """The SVG as PDF bytes, or None when the SVG is broken; both kept in `folder`."""
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise EnvironmentProblem(f"an SVG image needs rsvg-convert (not on PATH). {INSTALL}")
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    source, target = folder / f"{digest}.svg", folder / f"{digest}.pdf"
    if not target.exists():
        source.write_bytes(data)
        try:
            run([tool, "-f", "pdf", "-o", str(target), str(source)])
        except BuildFailed:
            return None
    return target.read_bytes()
