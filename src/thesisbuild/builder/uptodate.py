"""Is the PDF already what a build would make? A fingerprint of everything a build reads —
thesisbuild's version, thesis.yaml, the chapters, the bibliography, the templates in use,
the declared inputs, the mode and (in drafts) the footer's date and commit — is recorded
after each successful build, with the project files LaTeX read (images, the logo, what a
template inputs; from latexmk's recorder file); an equal fingerprint, unchanged files LaTeX
read and the PDF untouched since mean there is nothing to do, in well under a second.

A no-op `thesisbuild pdf` runs this module and the configuration reader alone, so what it
imports stays light: no pipeline, nbconvert, jupytext, pandoc or bibliography parser
(tests/test_imports.py)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config.model import Config
from ..core.files import read_json_object, write_text_atomically
from ..core.paths import BuildPaths
from ..latex.draft import draft_label
from ..notebook.inputs import inputs_digest
from ..notebook.template import TEMPLATE
from ..resources.lookup import PACKAGED, PROJECT_DIR, csl_path

if TYPE_CHECKING:
    from ..latex.job import Mode

# Part of the fingerprint: raise it when what the stamp records changes (__version__
# stays the same between commits, so a stamp of another layout would match).
FORMAT = "2"


def build_key(config: Config, mode: Mode, output: Path, paths: BuildPaths) -> str:
    """The fingerprint of a `pdf` build: its sources, settings and templates."""
    files = [config.path, *config.chapters, *config.appendix, TEMPLATE]
    # every file build/templates/ is merged from, every filter, style and string table
    for folder in (PACKAGED, config.root / PROJECT_DIR):
        files += sorted(path for path in folder.rglob("*") if path.is_file())
    if config.bibliography is not None:
        files += [config.bibliography, csl_path(config.root, config.citation_style)]
    if config.logo is not None:
        files.append(config.logo)
    inputs = inputs_digest(config.root, config.inputs, paths.inputs_memo)
    facts = [mode, str(output), inputs, draft_label(config) if mode == "draft" else ""]
    return fingerprint(files, facts)


def stale_key(config: Config, mode: Mode, output: Path) -> str | None:
    """None when `output` is what a `pdf` build of the whole thesis in this mode would
    make now; else the build's fingerprint, which the build records when it is done (the
    command line asks before it loads the pipeline)."""
    paths = BuildPaths.of(config.root)
    key = build_key(config, mode, output, paths)
    return None if is_current(paths, key, output) else key


def fingerprint(files: Iterable[Path], facts: Iterable[str]) -> str:
    """Hash of the files' names and bytes (a missing file counts as such) and the facts."""
    digest = hashlib.sha256()
    for fact in (__version__, FORMAT, *facts):
        digest.update(fact.encode() + b"\0")
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except (OSError, ValueError):  # ValueError: a NUL in a damaged stamp's path
            digest.update(b"missing\0")
    return digest.hexdigest()


def pdf_state(output: Path) -> list[int] | None:
    """Size and modification time: a PDF replaced or deleted since is rebuilt."""
    try:
        stat = output.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def last_build(paths: BuildPaths) -> dict[str, Any]:
    return read_json_object(paths.last_build)


def is_current(paths: BuildPaths, key: str, output: Path) -> bool:
    entry = last_build(paths).get(str(output))
    state = pdf_state(output)
    if state is None or not isinstance(entry, dict):
        return False
    names = entry.get("reads")
    if not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
        return False  # a damaged stamp: build, and record it anew
    reads = [Path(name) for name in names]
    same = {"key": key, "pdf": state, "reads_key": fingerprint(reads, [])}
    return all(entry.get(name) == value for name, value in same.items())


def latex_reads(paths: BuildPaths) -> list[Path]:
    """The files of the project outside build/ that LaTeX read in its last run, from the
    INPUT lines of latexmk's recorder file (paths relative to build/, where it ran). In a
    project copied or moved since, a path at its old place is read as the same file here."""
    try:
        lines = paths.recorder.read_text(errors="replace").splitlines()
    except OSError:
        return []
    project, build, old = paths.root.resolve(), paths.build.resolve(), old_root(paths, lines)
    names = {Path(line[6:]) for line in lines if line.startswith("INPUT ")}  # ~7 lines a file
    found = {(build / moved(name, old, project)).resolve() for name in names}
    return sorted(p for p in found if p.is_relative_to(project) and not p.is_relative_to(build))


def old_root(paths: BuildPaths, lines: list[str]) -> Path:
    """The project's folder when LaTeX ran: the recorder's PWD line is where latexmk ran,
    `work` (build/ or build/preview/) at the time."""
    ran_in = next((Path(line[4:]) for line in lines[:1] if line.startswith("PWD ")), None)
    depth = len(paths.work.relative_to(paths.root).parts)
    if ran_in is None or len(ran_in.parents) < depth:
        return paths.root.resolve()
    return ran_in.parents[depth - 1]


def moved(name: Path, old: Path, project: Path) -> Path:
    """A path below the project's old folder, below its folder now."""
    return project / name.relative_to(old) if name.is_relative_to(old) else name


def built_before(paths: BuildPaths, engine: str) -> bool:
    """A build with this engine succeeded here: the tools were there (doctor can wait)."""
    return last_build(paths).get("engine") == engine


def record(paths: BuildPaths, key: str, output: Path, engine: str) -> None:
    stamp = {**last_build(paths), "engine": engine}
    reads = latex_reads(paths)
    stamp[str(output)] = {
        "key": key,
        "pdf": pdf_state(output),
        "reads": [str(path) for path in reads],
        "reads_key": fingerprint(reads, []),
    }
    with contextlib.suppress(OSError):  # without the stamp the next build just runs
        write_text_atomically(paths.last_build, json.dumps(stamp))
