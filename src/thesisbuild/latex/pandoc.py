"""Manuscript → build/thesis.tex with pandoc; its options are kept in build/pandoc.yaml
so anyone can rerun the step by hand."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from ..config.model import Config
from ..core.files import write_text_atomically
from ..core.proc import run
from ..manuscript.assemble import Manuscript
from ..resources.lookup import csl_path, template_path
from ..sources.chapter import ChapterSource
from ..text.references import unknown_in_log
from .sandbox import lua_filter_path

FILTERS = ("html.lua", "crossref.lua", "todo.lua")  # in this order; doctor lists them

Mode = Literal["draft", "final"]
Progress = Callable[[str], None]
CITEPROC_MISSING = re.compile(r"\[WARNING\] Citeproc: citation (?P<key>\S+) not found")


@dataclass(frozen=True)
class Unresolved:
    """Keys pandoc could not resolve: citations not in the bibliography, references to
    labels nobody defined."""

    citations: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class PdfJob:
    """What to build and how; `metadata` adds mode-dependent template variables, `header`
    is build/preamble.tex, `bibliography` the .bib pandoc reads (the checked copy)."""

    config: Config
    manuscript: Manuscript
    sources: tuple[ChapterSource, ...]
    metadata: dict[str, Any]
    header: Path | None = None
    bibliography: Path | None = None


def pandoc_defaults(job: PdfJob, build_dir: Path) -> Path:
    """Write build/pandoc.yaml: anyone can rerun the step with `pandoc -d build/pandoc.yaml`."""
    config = job.config
    defaults: dict[str, Any] = {
        "from": "markdown",
        "to": "latex",
        "input-files": [str(job.manuscript.path)],
        "output-file": str(build_dir / "thesis.tex"),
        "standalone": True,
        "template": str(template_path(config.root, "thesis.latex")),
        # html.lua first: HTML in Markdown cells becomes the tables and figures crossref numbers
        "filters": [lua_filter(config, name) for name in FILTERS],
        "top-level-division": "chapter",
        "number-sections": True,
        "resource-path": [str(build_dir), str(config.root)],
        "metadata": {"csquotes": True, **job.metadata},
    }
    if job.header is not None:
        defaults["include-in-header"] = [str(job.header)]
    bibliography = job.bibliography or config.bibliography
    if bibliography is not None:
        # citeproc as the last filter: crossref.lua must take @fig-x before citeproc does
        defaults["filters"].append({"type": "citeproc"})
        defaults.update(bibliography=[str(bibliography)], csl=str(csl_path(config)))
    path = build_dir / "pandoc.yaml"
    write_text_atomically(path, yaml.safe_dump(defaults, allow_unicode=True, sort_keys=False))
    return path


def lua_filter(config: Config, name: str) -> dict[str, str]:
    return {"type": "lua", "path": str(lua_filter_path(config, name))}


def run_pandoc(
    defaults: Path, job: PdfJob, build_dir: Path, show_command: Progress | None = None
) -> Unresolved:
    """Make thesis.tex; return the keys pandoc could not resolve."""
    import pypandoc

    argv = [pypandoc.get_pandoc_path(), "--defaults", str(defaults)]
    if show_command is not None:
        show_command("$ " + " ".join(argv))
    done = run(
        argv,
        cwd=job.config.root,
        log=build_dir / "pandoc.log",
    )
    return Unresolved(
        tuple(CITEPROC_MISSING.findall(done.output)), tuple(unknown_in_log(done.output))
    )
