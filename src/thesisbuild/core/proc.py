"""The one place that runs subprocesses: argv lists, checked return codes, hints."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed, EnvironmentProblem
from .files import naming

OUTPUT_TAIL_LINES = 20
END_TIMEOUT_SECONDS = 5
GIB = 1 << 30
GHC_OUT_OF_MEMORY = 251


@dataclass(frozen=True)
class Limits:
    """What one command may use: address space and CPU seconds for each process it starts
    (xelatex, every pass on its own), and wall-clock seconds for the whole command."""

    memory: int
    cpu_seconds: int
    wall_seconds: int

    @property
    def memory_text(self) -> str:
        return f"{self.memory / GIB:g} GiB" if self.memory >= GIB else f"{self.memory >> 20} MiB"


# Far above what a real thesis needs (pandoc with the filters on a 1.9 MB manuscript, some
# 1,000 pages: 30 s and 480 MB resident, GHC reserving what address space the limit
# leaves; a XeLaTeX pass over it: 17 s and 420 MB), far below a runaway (pandoc on a 43 MB
# HTML table: 6.7 GB and more than 600 s).
LIMITS = Limits(memory=4 * GIB, cpu_seconds=900, wall_seconds=1800)


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
    limits: Limits = LIMITS,
) -> Completed:
    """Run argv within `limits`, keep its output (and write it to `log`), hand each line to
    `on_line` as it comes, and raise BuildFailed on a non-zero exit when `check` (and
    always when a limit stopped it)."""
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
            preexec_fn=confine(limits) if os.name == "posix" else None,
        )
    except FileNotFoundError as error:
        raise EnvironmentProblem(f"{argv[0]} not found; run `thesisbuild doctor`.") from error
    with Watchdog(process, limits.wall_seconds) as watchdog:
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
    stopped = limit_hit(done, limits, watchdog.fired)
    if stopped:
        raise BuildFailed(failure_message(done, log, stopped))
    if check and returncode != 0:
        raise BuildFailed(failure_message(done, log))
    return done


def confine(limits: Limits) -> Callable[[], None]:
    """What the child runs before the command: the memory and CPU limits, which its own
    children (latexmk's xelatex) inherit; a stricter limit thesisbuild runs under stays.
    Worked out here, so the child only calls setrlimit, as a preexec_fn must be tiny."""
    import resource

    # SIGXCPU at the soft CPU limit; the hard one, 5 s later, kills what ignores it
    wanted = {
        resource.RLIMIT_AS: (limits.memory, limits.memory),
        resource.RLIMIT_CPU: (limits.cpu_seconds, limits.cpu_seconds + 5),
    }
    settings = [
        (which, within(pair, resource.getrlimit(which)[1])) for which, pair in wanted.items()
    ]

    def apply() -> None:
        for which, pair in settings:
            resource.setrlimit(which, pair)

    return apply


def within(pair: tuple[int, int], ceiling: int) -> tuple[int, int]:
    """(soft, hard) no higher than the hard limit in force (RLIM_INFINITY is -1)."""
    if ceiling < 0:
        return pair
    return min(pair[0], ceiling), min(pair[1], ceiling)


class Watchdog:
    """Ends the command (and its process group) once it has run `seconds`."""

    def __init__(self, process: subprocess.Popen[str], seconds: float) -> None:
        self.process, self.fired = process, False
        self.timer = threading.Timer(seconds, self.fire)
        self.timer.daemon = True

    def fire(self) -> None:
        self.fired = True
        end(self.process)

    def __enter__(self) -> Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.cancel()


def limit_hit(done: Completed, limits: Limits, timed_out: bool) -> str:
    """Which limit stopped the command, as the end of a sentence; empty when none did."""
    if timed_out:
        return f"it ran longer than its limit of {limits.wall_seconds} s and was stopped"
    if os.name == "posix" and done.returncode == -signal.SIGXCPU:
        return f"it used more than its limit of {limits.cpu_seconds} s of CPU time and was stopped"
    # Past RLIMIT_AS a program fails as it can: pandoc (GHC) says "out of memory" with
    # exit 251 or crashes, others abort; SIGKILL may be the kernel's OOM killer.
    signalled = done.returncode < 0 and done.returncode != -signal.SIGTERM
    if signalled or (done.returncode == GHC_OUT_OF_MEMORY and "out of memory" in done.output):
        return (
            f"it failed (exit {done.returncode}), most likely at its limit of "
            f"{limits.memory_text} of memory"
        )
    return ""


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


def failure_message(done: Completed, log: Path | None, limit: str = "") -> str:
    """Say which command failed (or which limit stopped it), its last lines, and where the
    full log is."""
    tail = "\n".join(done.output.rstrip().splitlines()[-OUTPUT_TAIL_LINES:])
    where = f"\nFull log: {log}" if log is not None else ""
    command = " ".join(done.argv)
    name = Path(done.argv[0]).name
    if limit:
        return f"{name}: {limit}: {command}\n{tail}{where}"
    return f"{name} failed (exit {done.returncode}): {command}\n{tail}{where}"


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
