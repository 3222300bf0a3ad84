"""Finding the commands the benchmark runs, running them, and reading a failure's log down
to the one line the table can show."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent  # the venv's bin: thesisbuild, jupyter, jupytext
OK = frozenset({0})
MAX_ERROR = 150


class SetupFailed(Exception):
    """An untimed preparation step (jupytext, thesisbuild md) failed."""


@dataclass(frozen=True)
class Tools:
    thesisbuild: str
    jupyter: str
    jupytext: str
    pandoc: str
    env: dict[str, str]  # PATH with the venv's bin first


@dataclass(frozen=True)
class Outcome:
    seconds: float
    error: str | None = None  # the first error line of a failed run
    note: str | None = None  # what a successful run warned about, e.g. missing glyphs


def find_tools() -> Tools:
    import pypandoc

    path = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])

    def need(name: str) -> str:
        found = shutil.which(name, path=path)
        if found is None:
            raise SystemExit(f"bench: {name} is not installed (looked in {path})")
        return found

    # Users' Pythons cache bytecode; a workplace that turns it off would time compiling.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {**inherited, "PATH": path}
    pandoc = str(pypandoc.get_pandoc_path())
    return Tools(need("thesisbuild"), need("jupyter"), need("jupytext"), pandoc, env)


def timed(argv: Sequence[str], cwd: Path, env: dict[str, str], ok: frozenset[int]) -> Outcome:
    start = time.perf_counter()
    done = run(argv, cwd, env)
    seconds = time.perf_counter() - start
    if done.returncode in ok:
        return Outcome(seconds, note=glyph_warnings(done.stderr + done.stdout))
    return Outcome(seconds, f"exit {done.returncode}: {first_error(done.stderr + done.stdout)}")


def untimed(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> None:
    done = run(argv, cwd, env)
    if done.returncode != 0:
        raise SetupFailed(f"{Path(argv[0]).name}: {first_error(done.stderr + done.stdout)}")


def run(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,  # a TeX error prompt reads EOF and stops
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )


def first_line(argv: Sequence[str], pattern: str = r".+") -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    except OSError:
        return "not found"
    found = re.search(pattern, done.stdout + done.stderr)
    return found.group(0).strip() if found else "unknown"


LATEX_ERROR = re.compile(r"^! .*$", re.MULTILINE)
LATEX_LINE = re.compile(r"^l\.\d+ .*$", re.MULTILINE)
EXCEPTION = re.compile(r"^(?:\w+\.)*\w*(?:Error|Exception|Missing|Failed)\b:.*$", re.MULTILINE)
MISSING_GLYPH = re.compile(r"Missing character: There is no (\S+)")
CONVERTING = re.compile(r"Converting notebook (\S+)")  # nbconvert stops at the first failure


def first_error(log: str) -> str:
    """The LaTeX error with its input line, else the last Python exception, else the
    first line that mentions an error, else the last line; the notebook nbconvert was
    converting in front."""
    message = latex_error(log) or last_exception(log) or error_line(log) or last_line(log)
    converting = CONVERTING.findall(log)
    return shorten(f"{converting[-1]}: {message}" if converting else message)


def glyph_warnings(log: str) -> str | None:
    """XeTeX drops a character its font lacks, with a warning: the PDF is missing text."""
    missing = sorted(set(MISSING_GLYPH.findall(log)))
    return (
        f"{len(missing)} characters missing from the font: {' '.join(missing)}" if missing else None
    )


def latex_error(log: str) -> str | None:
    error = LATEX_ERROR.search(log)
    if error is None:
        return None
    line = LATEX_LINE.search(log, error.end())
    return f"{error.group(0)} {line.group(0)}" if line else error.group(0)


def last_exception(log: str) -> str | None:
    found = EXCEPTION.findall(log)
    return str(found[-1]) if found else None


def error_line(log: str) -> str | None:
    return next((line for line in log.splitlines() if "error" in line.lower()), None)


def last_line(log: str) -> str:
    lines = [line for line in log.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"
