"""Errors LaTeX reports without the line of build/thesis.tex that caused them, placed at
that line: a `{` never closed (TeX reads on to the end of the file), an environment never
ended (TeX names the line of its \\begin), an image that crashed the engine (no log line
at all; the recorder's last file read names it)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from .log import LatexProblem

# TeX shows the argument it was reading when a file ended: `{offen \par Zweiter …`.
RUNAWAY = re.compile(r"^Runaway argument\?\n\{?(?P<text>[^\n]*)$", re.MULTILINE)
FILE_ENDED = re.compile(r"File ended while scanning use of (?P<command>\\[^\s.]+)")
# `\begin{center} on input line 292 ended by \end{document}.`
NOT_ENDED = re.compile(
    r"\\begin\{(?P<env>[^}]+)\} on input line (?P<line>\d+) ended by \\end\{(?P<end>[^}]*)\}"
)
RECORDED_INPUT = re.compile(r"^INPUT (?:\./)?(?P<path>.+)$", re.MULTILINE)
IMAGE = re.compile(r"\.(png|jpe?g|pdf|bmp|jp2)$", re.IGNORECASE)
INCLUDED = re.compile(r"\\includegraphics(?:\[[^\]]*\])?\{(?P<path>[^}]+)\}")
LIBRARY_ERROR = re.compile(r"lib\w+ error: [^\n]+")


def runaway_line(log: str, tex_lines: Sequence[str]) -> int | None:
    """The 1-based line of build/thesis.tex where the argument that ran to the end of the
    file starts (`\\textbf{offen`), or None when the text is not build/thesis.tex's (an
    .aux or .toc cut off inside an entry)."""
    ended, runaway = FILE_ENDED.search(log), RUNAWAY.search(log)
    if ended is None or runaway is None:
        return None
    start = re.split(r"\\|\s\s", runaway.group("text"), maxsplit=1)[0].strip()
    if not start:
        return None
    opened = re.compile(re.escape(ended.group("command")) + r"\s*\{\s*" + re.escape(start))
    return next((n for n, line in enumerate(tex_lines, 1) if opened.search(line)), None)


def placed(problem: LatexProblem, log: str, tex_lines: Sequence[str]) -> LatexProblem:
    """The problem at the line that caused it, when LaTeX named none or the line where
    it noticed (`\\end{document}` for an environment left open); a refused read at the
    line that names the file."""
    if problem.kind == "refused-read":
        named = (n for n, text in enumerate(tex_lines, 1) if problem.context in text)
        return dataclasses.replace(problem, tex_line=next(named, None))
    line = cause_line(problem, log, tex_lines) if problem.kind == "error" else None
    if problem.file_line or line is None or not 0 < line <= len(tex_lines):
        return problem
    message = NOT_ENDED.sub(r"\\begin{\g<env>} is never ended (LaTeX met \\end{\g<end>} first)",
                            problem.message)  # fmt: skip
    return dataclasses.replace(
        problem, message=message, tex_line=line, context=tex_lines[line - 1].strip()
    )


def cause_line(problem: LatexProblem, log: str, tex_lines: Sequence[str]) -> int | None:
    not_ended = NOT_ENDED.search(problem.message)
    if not_ended:
        return int(not_ended.group("line"))
    if problem.tex_line is None and FILE_ENDED.search(problem.message):
        return runaway_line(log, tex_lines)
    return None


def crashed_on_image(recorder: Path, tex_lines: Sequence[str], output: str) -> LatexProblem | None:
    """The engine stopped without a log line while reading an image (libpng's "Read
    Error" aborts XeTeX): the image LaTeX read last, at the line that includes it."""
    try:
        recorded = recorder.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    inputs = RECORDED_INPUT.findall(recorded)
    if not inputs or not IMAGE.search(inputs[-1]):
        return None
    recorded_image = inputs[-1].strip()
    line, image = next(
        (
            (n, match.group("path"))
            for n, text in enumerate(tex_lines, 1)
            for match in INCLUDED.finditer(text)
            if recorded_image == match.group("path")
            or recorded_image.endswith("/" + match.group("path"))
        ),
        (None, recorded_image),
    )
    said = LIBRARY_ERROR.search(output)
    cause = f" ({said.group(0).strip()})" if said else ""
    message = f"the image {image} is damaged: LaTeX stopped reading it{cause}"
    context = tex_lines[line - 1].strip() if line else ""
    return LatexProblem("error", message, line, context)
