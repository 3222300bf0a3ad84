"""`thesisbuild watch`: lint what was saved and rebuild the draft PDF, once per batch of
saves, until Ctrl-C. A failed build is one located message, and the next save tries
again; viewers that reload a changed PDF (evince, Skim, SumatraPDF, VS Code) follow."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection
from pathlib import Path

from ..config.model import Config, with_gateway
from ..config.reader import load
from ..core.errors import ThesisbuildError
from ..core.lock import build_lock
from ..core.paths import BuildPaths
from ..core.progress import Reporter, Running
from ..lint.linter import lint_chapters
from ..lint.report import summary, text_line
from ..sources.project import read_sources
from .pipeline import build_pdf
from .target import Target

Say = Callable[[str], None]
# Long enough to take an editor's save (a temporary file, a rename) as one change.
DEBOUNCE_MS = 400
# How long the watcher waits for a first change before the first build starts (and how
# often, while nothing changes, it hands back an empty batch, which is skipped).
IDLE_MS = 200
IGNORED_DIRS = (".ipynb_checkpoints", ".virtual_documents")
NOTEWORTHY = ("warning:", "cleared")


def watch_project(
    project: Path, say: Say, running: Running | None = None, gateway: str | None = None
) -> None:
    """Build now, then after every batch of changes under the project (chapters,
    thesis.yaml, bibliography, templates, data files; never build/); `running` hears of
    long cells; `gateway` (--gateway) runs the code there. The watcher starts before the
    first build and collects the saves made during any build, which the next round builds."""
    from watchfiles import DefaultFilter, watch

    root = load(project).root  # a wrong folder or thesis.yaml stops here, with exit 2
    ignore = DefaultFilter(
        ignore_dirs=(*DefaultFilter.ignore_dirs, *IGNORED_DIRS),
        ignore_paths=(f"{BuildPaths.of(root).build}{os.sep}",),  # a prefix: not build-notes.md
    )
    batches = watch(
        root,
        watch_filter=ignore,
        debounce=DEBOUNCE_MS,
        rust_timeout=IDLE_MS,
        yield_on_timeout=True,
    )
    # The first batch (empty, after IDLE_MS) comes once the watcher is set up; from then
    # on it keeps every change, also while a build runs and the generator waits.
    rebuild(root, say, paths(next(batches)), running, gateway)
    say(f"watching {root}; Ctrl-C stops")
    for batch in batches:
        if batch:
            rebuild(root, say, paths(batch), running, gateway)


def paths(batch: Collection[tuple[object, str]]) -> set[Path]:
    return {Path(path) for _, path in batch}


def rebuild(
    root: Path,
    say: Say,
    changed: Collection[Path],
    running: Running | None = None,
    gateway: str | None = None,
) -> None:
    """Lint the changed chapters, build the draft, say how it went in one line."""
    started = time.monotonic()
    try:
        config = with_gateway(load(root), gateway)
        lint_changed(config, changed, say)
        paths = BuildPaths.of(config.root)
        target = Target("draft", paths.default_pdf)
        with build_lock(paths.build, say):
            build_pdf(config, target, Reporter(warnings_only(say), running=running))
    except ThesisbuildError as error:
        say(f"{clock()} build failed after {since(started)}:\n{error.format_message()}")
        return
    except OSError as error:  # a file saved half-way, a full disk: the next save retries
        say(f"{clock()} build failed after {since(started)}: {error}")
        return
    say(f"{clock()} {config.relative(target.output)} built in {since(started)}")


def lint_changed(config: Config, changed: Collection[Path], say: Say) -> None:
    chapters = {path.resolve() for path in (*config.chapters, *config.appendix)}
    saved = sorted(path.resolve() for path in changed if path.resolve() in chapters)
    if not saved:
        return
    findings = lint_chapters(read_sources(config, saved), config, strict=False)
    for finding in findings:
        say(text_line(finding))
    say(f"lint: {summary(findings)}")


def warnings_only(say: Say) -> Say:
    """The build's progress minus the routine lines: what a draft tolerates, located, and
    working files cleared."""

    def progress(message: str) -> None:
        if any(sign in message for sign in NOTEWORTHY):
            say(message)

    return progress


def clock() -> str:
    return time.strftime("%H:%M:%S")


def since(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s"
