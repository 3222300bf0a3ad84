"""LaTeX's working files in build/latex/ (.aux, .toc, .fdb_latexmk, …) outlive each run.
A run that was interrupted, or one that wrote commands the next run does not load (a
draft's todonotes marks read by a final build), leaves them in a state that makes every
later run fail; this module notices that state and clears it, so no build stays stuck."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .unplaced import runaway_line

# Present while latexmk runs: found at the start of a build, the last run was killed.
RUNNING_MARK = ".latex-running"
# A working file of the previous run is where LaTeX stopped (`latex/thesis.aux:30: …`).
ERROR_IN_WORKING_FILE = re.compile(
    r"^(?:\./)?(?:[^\s:]*/)?(?P<file>[^\s/:]+\.(?:aux|toc|lof|lot|out|bbl|nav|snm)):"
    r"(?P<line>\d+): (?P<message>.+)$",
    re.MULTILINE,
)
# A .toc or .aux cut off inside an entry ends the file within one of its commands; the
# error is then reported at the line of thesis.tex that read it.
FILE_ENDED = re.compile(r"File ended while scanning use of (?P<command>\\[^\s.]+)")
# An .aux whose last line leaves a \csname (or a brace) open fails only once TeX closed
# the file: at \begin{document}, right after the log shows the .aux read. Only errors of
# an unbalanced line count, so a \AtBeginDocument hook's own error is not taken for one.
AFTER_AUX = re.compile(
    r"\((?:\./)?(?:[^\s()]*/)?thesis\.aux\)\s*\n(?:\./)?(?:[^\s:]*/)?thesis\.tex:\d+: "
    r"(?P<message>(?:Missing|Extra) [^\n]+)"
)
WORKING_SUFFIXES = (".aux", ".toc", ".lof", ".lot", ".out")


def stale_cause(log: str, tex: str = "") -> str | None:
    """Why a failed run's log points at left-over working files, or None when the
    failure is the document's own (`tex`: build/thesis.tex, where a `{` the document
    left open is found)."""
    match = ERROR_IN_WORKING_FILE.search(log)
    if match:
        message = match.group("message").rstrip(".")
        return f"{match.group('file')}:{match.group('line')}: {message}"
    ended = FILE_ENDED.search(log)
    if ended and runaway_line(log, tex.split("\n")) is None:
        return f"a working file ends inside {ended.group('command')}"
    after_aux = AFTER_AUX.search(log)
    if after_aux:
        return f"thesis.aux: {after_aux.group('message').rstrip('.')} (right after LaTeX read it)"
    return None


def truncated(latex_dir: Path) -> list[Path]:
    """Working files cut off mid-line: TeX ends every line it writes, a killed run does not."""
    files = [latex_dir / f"thesis{suffix}" for suffix in WORKING_SUFFIXES]
    return [path for path in files if path.is_file() and not ends_a_line(path)]


def ends_a_line(path: Path) -> bool:
    with path.open("rb") as stream:
        if stream.seek(0, os.SEEK_END) == 0:
            return True
        stream.seek(-1, os.SEEK_END)
        return stream.read(1) == b"\n"


def clear(latex_dir: Path) -> None:
    """Remove every working file, keeping the folder (and nothing the user made)."""
    if not latex_dir.is_dir():
        return
    for entry in latex_dir.iterdir():
        if entry.is_file() and entry.name != RUNNING_MARK:
            entry.unlink()


def interruption(mark: Path, cut_off: list[Path]) -> str | None:
    if mark.exists():
        return "the last LaTeX run was interrupted"
    if cut_off:
        return f"{', '.join(path.name for path in cut_off)} cut off by an interrupted run"
    return None


@contextmanager
def guarded(latex_dir: Path) -> Iterator[str | None]:
    """Mark build/latex/ as in use while LaTeX runs; yield why its working files were
    cleared first (an earlier run was interrupted, or left them cut off), or None."""
    latex_dir.mkdir(parents=True, exist_ok=True)
    mark = latex_dir / RUNNING_MARK
    cause = interruption(mark, truncated(latex_dir))
    if cause:
        clear(latex_dir)
    mark.write_text(f"{os.getpid()}\n", encoding="utf-8")
    yield cause
    # Left in place when LaTeX was interrupted: the next build then starts clean.
    mark.unlink(missing_ok=True)
