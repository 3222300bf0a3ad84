"""A markdown manuscript → a .docx with pandoc: the project's reference DOCX, crossref.lua
numbering as the PDF does, docx.lua (title page, todos as Word comments in a draft),
citeproc with the configured CSL style, numbered headings. `thesisbuild docx` gives it
build/thesis.md; any markdown with the same metadata block (`diff --to docx`) works too.
Its options are kept in build/docx.yaml so anyone can rerun the step by hand."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..config.model import Config
from ..core.files import replace_atomically, write_text_atomically
from ..core.paths import BuildPaths
from ..core.proc import run
from ..core.progress import Reporter
from ..resources.lookup import DOCX_FILTERS, csl_path, lua_filter
from ..text.references import unknown_in_log
from .figures import png_stand_ins
from .reference import pandoc, reference_docx

CITEPROC_MISSING = re.compile(r"\[WARNING\] Citeproc: citation (?P<key>\S+) not found")


@dataclass(frozen=True)
class DocxJob:
    """What to turn into a .docx: `manuscript` (markdown with thesis.yaml's metadata block,
    as manuscript/assemble.py writes it), a draft (todos as comments) or not, the .bib
    pandoc reads (the checked copy; None: thesis.yaml's), and extra metadata."""

    config: Config
    paths: BuildPaths
    manuscript: Path
    draft: bool
    bibliography: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocxResult:
    """The .docx written, and the keys pandoc could not resolve: citations not in the
    bibliography, references to labels nobody defined (warnings; a final build stops)."""

    path: Path
    citations: tuple[str, ...]
    references: tuple[str, ...]


def write_docx(job: DocxJob, output: Path, report: Reporter) -> DocxResult:
    """Make `output` from the job; it is replaced only when pandoc succeeded, so a failed
    run keeps the last good .docx."""
    made = make_docx(job, report)
    install(made.path, output)
    return DocxResult(output, made.citations, made.references)


def make_docx(job: DocxJob, report: Reporter) -> DocxResult:
    """pandoc into build/staged.docx (the caller installs it where it belongs once the
    unresolved keys are acceptable)."""
    folders = [job.paths.work, job.config.root]
    images = png_stand_ins(job.manuscript, folders, job.paths.docx_figures, report)
    defaults = docx_defaults(job, reference_docx(job.config, job.paths), images)
    argv = [pandoc(), "--defaults", str(defaults)]
    report.ran(argv)
    done = run(argv, cwd=job.config.root, log=job.paths.docx_log)
    citations = tuple(CITEPROC_MISSING.findall(done.output))
    return DocxResult(job.paths.staged_docx, citations, tuple(unknown_in_log(done.output)))


def install(staged: Path, output: Path) -> None:
    """The staged .docx replaces `output` in one step."""
    replace_atomically(staged, output)
    staged.unlink()


def docx_defaults(job: DocxJob, reference: Path, images: dict[str, str]) -> Path:
    """Write build/docx.yaml, pandoc's options for the Word copy; `images`: PDF images'
    PNG stand-ins, which docx.lua swaps in."""
    config = job.config
    defaults: dict[str, Any] = {
        # a manuscript in pandoc's JSON is a document the build made (diff's marked one)
        "from": "json" if job.manuscript.suffix == ".json" else "markdown",
        "to": "docx",
        "input-files": [str(job.manuscript)],
        "output-file": str(job.paths.staged_docx),
        "reference-doc": str(reference),
        "filters": [filter_entry(config, name) for name in DOCX_FILTERS],
        "top-level-division": "chapter",
        "number-sections": True,
        "resource-path": [str(job.paths.work), str(config.root)],
        "metadata": {**comment_metadata(job.draft), "docx-images": images, **job.metadata},
    }
    bibliography = job.bibliography or config.bibliography
    if bibliography is not None:
        # citeproc last: crossref.lua must take @fig-x before citeproc does
        defaults["filters"].append({"type": "citeproc"})
        style = csl_path(config.root, config.citation_style)
        defaults.update(bibliography=[str(bibliography)], csl=str(style))
    path = job.paths.docx_defaults
    write_text_atomically(path, yaml.safe_dump(defaults, allow_unicode=True, sort_keys=False))
    return path


def comment_metadata(draft: bool) -> dict[str, Any]:
    """docx.lua's switch: todos as comments dated now (Word shows the date with each)."""
    if not draft:
        return {"draft": False}
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    return {"draft": True, "comment-date": now.isoformat().replace("+00:00", "Z")}


def filter_entry(config: Config, name: str) -> dict[str, str]:
    return {"type": "lua", "path": str(lua_filter(config.root, name, config.execute))}
