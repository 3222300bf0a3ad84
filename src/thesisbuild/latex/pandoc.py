"""Manuscript → build/thesis.tex with pandoc; its options are kept in build/pandoc.yaml
so anyone can rerun the step by hand."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..config.model import Config
from ..core.files import write_text_atomically
from ..core.proc import run
from ..core.progress import Reporter
from ..resources.lookup import FILTERS, csl_path, lua_filter, merge_templates
from ..text.references import unknown_in_log
from .job import PdfJob, Unresolved

CITEPROC_MISSING = re.compile(r"\[WARNING\] Citeproc: citation (?P<key>\S+) not found")


def pandoc_defaults(job: PdfJob) -> Path:
    """Write build/pandoc.yaml: anyone can rerun the step with `pandoc -d build/pandoc.yaml`."""
    config, paths = job.config, job.paths
    defaults: dict[str, Any] = {
        # a manuscript in pandoc's JSON is a document made by the build (the marked diff)
        "from": "json" if job.manuscript.path.suffix == ".json" else "markdown",
        "to": "latex",
        "input-files": [str(job.manuscript.path)],
        "output-file": str(paths.tex),
        "standalone": True,
        "template": str(merge_templates(config.root, paths.templates)),
        # html.lua first: HTML in Markdown cells becomes the tables and figures crossref numbers
        "filters": [filter_entry(config, name) for name in (*FILTERS, *job.filters)],
        "top-level-division": "chapter",
        "number-sections": True,
        "resource-path": [str(paths.work), str(config.root)],
        "metadata": {"csquotes": True, **job.metadata},
    }
    if job.header is not None:
        defaults["include-in-header"] = [str(job.header)]
    bibliography = job.bibliography or config.bibliography
    if bibliography is not None:
        # citeproc as the last filter: crossref.lua must take @fig-x before citeproc does
        defaults["filters"].append({"type": "citeproc"})
        style = csl_path(config.root, config.citation_style)
        defaults.update(bibliography=[str(bibliography)], csl=str(style))
    path = paths.pandoc_defaults
    write_text_atomically(path, yaml.safe_dump(defaults, allow_unicode=True, sort_keys=False))
    return path


def filter_entry(config: Config, name: str) -> dict[str, str]:
    return {"type": "lua", "path": str(lua_filter(config.root, name, config.execute))}


def run_pandoc(job: PdfJob, report: Reporter) -> Unresolved:
    """Make thesis.tex from the job's pandoc defaults; return the keys pandoc could not
    resolve."""
    import pypandoc

    defaults = pandoc_defaults(job)
    argv = [pypandoc.get_pandoc_path(), "--defaults", str(defaults)]
    report.ran(argv)
    done = run(argv, cwd=job.config.root, log=job.paths.pandoc_log)
    return Unresolved(
        tuple(CITEPROC_MISSING.findall(done.output)), tuple(unknown_in_log(done.output))
    )
