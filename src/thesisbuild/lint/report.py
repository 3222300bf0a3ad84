"""Findings as text lines, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Literal

from .finding import Finding
from .ipynblines import Layout, notebook_line, read_layout

ReportFormat = Literal["text", "json", "github"]
FORMATS: tuple[ReportFormat, ...] = ("text", "json", "github")


def render(findings: Sequence[Finding], form: ReportFormat, root: Path = Path(".")) -> str:
    """`root`: the project folder the findings' paths are relative to."""
    if form == "json":
        return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2)
    layouts = cache(read_layout)  # each notebook read once per report
    line = partial(github_line, root=root, layouts=layouts) if form == "github" else text_line
    return "\n".join(line(finding) for finding in findings)


def text_line(finding: Finding) -> str:
    return f"{finding.location}: {finding.severity} [{finding.rule}] {finding.message}"


def github_line(finding: Finding, root: Path, layouts: Callable[[Path], Layout]) -> str:
    """A workflow command. GitHub knows no cells: an .ipynb finding names its cell in the
    message and points at the line of the notebook's JSON that holds the text."""
    where = finding.location
    level = {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
    message = finding.message if where.cell is None else f"cell {where.cell}: {finding.message}"
    position = f",line={where.line},col={where.column}"
    if where.cell is not None:
        line = notebook_line(layouts(root / where.path), where.cell, where.line)
        position = "" if line is None else f",line={line}"
    file = escape_property(where.path)
    return f"::{level} file={file}{position},title={finding.rule}::{escape(message)}"


def escape(message: str) -> str:
    """GitHub's workflow-command escaping for the message part."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Property values (file=…) also escape the `:` and `,` that end them."""
    return escape(value).replace(":", "%3A").replace(",", "%2C")


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    notes = len(findings) - errors - warnings
    return f"{errors} error(s), {warnings} warning(s)" + (f", {notes} info" if notes else "")
