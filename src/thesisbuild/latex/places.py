"""Lines of build/thesis.tex that come from what the user edits besides the chapters:
an entry of the bibliography (its .bib line) and the logo of thesis.yaml (its `logo:`
line). A problem there is reported, and in a draft set aside, as that one thing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..config.model import CONFIG_NAME
from ..text.sourcemap import WORD
from .job import PdfJob

# pandoc's citeproc writes each entry as `\bibitem[\citeproctext]{ref-KEY}` and its text.
BIBITEM = re.compile(r"^\\bibitem(?:\[[^\]]*\])?\{ref-(?P<key>[^}]+)\}")
REFERENCES_END = re.compile(r"^\\end\{CSLReferences\}")
REFERENCES_START = re.compile(r"^\\begin\{CSLReferences\}")
LOGO_KEY = re.compile(r"^logo\s*:", re.MULTILINE)


def entry_span(lines: Sequence[str], index: int) -> tuple[int, int, str] | None:
    """The 0-based [first, last] lines of the bibliography entry at line `index`, and
    its key; None outside the bibliography."""
    first = index
    while first >= 0 and not BIBITEM.match(lines[first]):
        if first < index and (
            REFERENCES_END.match(lines[first]) or REFERENCES_START.match(lines[first])
        ):
            return None
        first -= 1
    if first < 0:
        return None
    ends = (
        i
        for i in range(first + 1, len(lines))
        if BIBITEM.match(lines[i]) or REFERENCES_END.match(lines[i])
    )
    last = next(ends, len(lines)) - 1
    while last > first and not lines[last].strip():
        last -= 1
    key = BIBITEM.match(lines[first])
    return (first, last, key.group("key")) if key and index <= last else None


def entry_place(job: PdfJob, key: str, near: str) -> str:
    """`literatur.bib:12: entry kaputt`, at the field line with the words LaTeX was
    reading (the .bib the build checked keeps the user's line numbers)."""
    bib = job.config.bibliography
    name = job.config.relative(bib) if bib else "bibliography"
    lines = read_lines(job.bibliography or bib)
    start = re.compile(rf"^\s*@\w+\s*[{{(]\s*{re.escape(key)}\s*,")
    first = next((n for n, line in enumerate(lines) if start.match(line)), None)
    if first is None:
        return f"{name}: entry {key}"
    end = next(
        (n for n in range(first + 1, len(lines)) if lines[n].lstrip().startswith("@")), len(lines)
    )
    words = WORD.findall(near)
    field = next(
        (n for word in reversed(words) for n in range(first, end) if word in lines[n]), first
    )
    return f"{name}:{field + 1}: entry {key}"


def logo_of(job: PdfJob) -> str | None:
    """The logo as build/thesis.tex includes it (`{logo.png}`), to find its line."""
    logo = job.config.logo
    return None if logo is None else f"{{{job.config.relative(logo)}}}"


def is_logo(job: PdfJob, tex_line: str) -> bool:
    logo = logo_of(job)
    return logo is not None and logo in tex_line


def logo_place(job: PdfJob) -> str:
    """`thesis.yaml:4: logo` — where the user names the logo."""
    text = "\n".join(read_lines(job.config.root / CONFIG_NAME))
    key = LOGO_KEY.search(text)
    line = f":{text[: key.start()].count(chr(10)) + 1}" if key else ""
    return f"{CONFIG_NAME}{line}: logo"


def read_lines(path: Path | None) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines() if path else []
    except OSError:
        return []
