"""The one place that runs subprocesses: argv lists, checked return codes, hints."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed, EnvironmentProblem
from .files import naming

OUTPUT_TAIL_LINES = 20
END_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class Completed:
    """What a finished command printed."""

    argv: tuple[str, ...]
    returncode: int
    output: str


def which(tool: str, hint: str) -> str:
    """Return the tool's path, or stop with the install hint."""
    path = shutil.which(tool)
    if path is None:
        raise EnvironmentProblem(f"{tool} not found on PATH. {hint}")
    return path


def run(
    argv: list[str],
    *,
    cwd: Path | None = None,
    log: Path | None = None,
    check: bool = True,
    on_line: Callable[[str], None] | None = None,
    environment: dict[str, str] | None = None,
) -> Completed:
    """Run argv, keep its output (and write it to `log`), hand each line to `on_line` as it
    comes, and raise BuildFailed on a non-zero exit when `check`."""
    try:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            env={**os.environ, **(environment or {})},
            start_new_session=os.name == "posix",  # its own group: see `end`
        )
    except FileNotFoundError as error:
        raise EnvironmentProblem(f"{argv[0]} not found; run `thesisbuild doctor`.") from error
    try:
        lines = read_lines(process, on_line)
    except BaseException:  # Ctrl-C or a failing callback: leave no latexmk or xelatex behind
        end(process)
        raise
    returncode = process.wait()
    output = "".join(lines)
    if log is not None:
        with naming(log):
            log.write_text(output, encoding="utf-8")
    done = Completed(tuple(argv), returncode, output)
    if check and returncode != 0:
        raise BuildFailed(failure_message(done, log))
    return done


def read_lines(process: subprocess.Popen[str], on_line: Callable[[str], None] | None) -> list[str]:
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if on_line is not None:
            on_line(line.rstrip("\n"))
    return lines


def end(process: subprocess.Popen[str]) -> None:
    """Stop the command and everything it started (latexmk runs xelatex, xdvipdfmx)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    else:
        process.terminate()
    try:
        process.wait(timeout=END_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def failure_message(done: Completed, log: Path | None) -> str:
    """Say which command failed, its last lines, and where the full log is."""
    tail = "\n".join(done.output.rstrip().splitlines()[-OUTPUT_TAIL_LINES:])
    where = f"\nFull log: {log}" if log is not None else ""
    command = " ".join(done.argv)
    return f"{Path(done.argv[0]).name} failed (exit {done.returncode}): {command}\n{tail}{where}"


def run_quietly(argv: list[str], cwd: Path | None = None, partial: bool = False) -> str:
    """Run a read-only query (fc-match, kpsewhich, git describe) and return what it
    printed; empty when the tool is missing or fails, as the caller then treats the
    answer as "not found". `partial`: keep what a failing query printed (kpsewhich
    fails when any one file is missing and prints the others)."""
    try:
        done = subprocess.run(
            argv, cwd=cwd, capture_output=True, text=True, errors="replace", check=False
        )
    except FileNotFoundError:
        return ""
    return done.stdout if done.returncode == 0 or partial else ""


def failure_of(argv: list[str]) -> str | None:
    """Run a probe (does bubblewrap work here?): None when it succeeded, else what it
    printed (or that the tool is missing)."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, errors="replace", check=False)
    except OSError as error:
        return str(error)
    return None if done.returncode == 0 else (done.stderr or done.stdout).strip()
