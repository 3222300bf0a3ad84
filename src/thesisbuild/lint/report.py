"""Findings as text lines, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from .linter import Finding

ReportFormat = Literal["text", "json", "github"]
FORMATS: tuple[ReportFormat, ...] = ("text", "json", "github")


def render(findings: Sequence[Finding], form: ReportFormat) -> str:
    if form == "json":
        return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2)
    line = github_line if form == "github" else text_line
    return "\n".join(line(finding) for finding in findings)


def text_line(finding: Finding) -> str:
    return f"{finding.location}: {finding.severity} [{finding.rule}] {finding.message}"


def github_line(finding: Finding) -> str:
    """A workflow command; .ipynb findings name the cell, as GitHub knows no cell lines."""
    where = finding.location
    level = "error" if finding.severity == "error" else "warning"
    message = finding.message if where.cell is None else f"cell {where.cell}: {finding.message}"
    position = "" if where.cell is not None else f",line={where.line},col={where.column}"
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
    warnings = len(findings) - errors
    return f"{errors} error(s), {warnings} warning(s)"
