"""--fix: rewrite only the flagged spans, atomically; .ipynb stays valid, outputs untouched."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.files import write_text_atomically
from ..sources.linebreaks import lines_with_ends
from ..sources.nbvalid import validated
from .finding import Finding

BOM = "\ufeff"


@dataclass(frozen=True)
class Change:
    """One span rewritten."""

    finding: Finding
    applied: bool


def fix_file(path: Path, findings: Iterable[Finding]) -> list[Change]:
    """Apply the replacements of findings (all in `path`), last first so offsets hold. A
    symlinked chapter is fixed in its target, so the link stays a link."""
    target = path.resolve()
    fixable = sorted(
        (f for f in findings if f.replacement is not None),
        key=lambda f: f.sort_key,
        reverse=True,
    )
    if not fixable:
        return []
    if path.suffix == ".ipynb":
        return fix_notebook(target, fixable)
    # Bytes, not read_text: its newline translation would turn a CRLF file into LF.
    text = target.read_bytes().decode("utf-8")
    bom = BOM if text.startswith(BOM) else ""  # kept, but no part of line 1's columns
    lines = lines_with_ends(text[len(bom) :])
    changes = [Change(f, replace_in_lines(lines, f.location.line - 1, f)) for f in fixable]
    write_text_atomically(target, bom + "".join(lines))
    return changes


def fix_notebook(path: Path, fixable: list[Finding]) -> list[Change]:
    notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8-sig"))
    changes = []
    for finding in fixable:
        cell = notebook["cells"][(finding.location.cell or 1) - 1]
        source = cell["source"]
        lines = lines_with_ends("".join(source) if isinstance(source, list) else source)
        applied = replace_in_lines(lines, finding.location.line - 1, finding)
        cell["source"] = lines if isinstance(source, list) else "".join(lines)
        changes.append(Change(finding, applied))
    text = json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    validated(text)
    write_text_atomically(path, text)
    return changes


def replace_in_lines(lines: list[str], index: int, finding: Finding) -> bool:
    """Replace the finding's text at its column, only if the file still holds it there.
    A text over several lines (a paragraph break joined) is replaced in them all."""
    if not 0 <= index < len(lines) or finding.replacement is None:
        return False
    start = finding.location.column - 1
    count = finding.text.count("\n") + 1
    span = "".join(lines[index : index + count])
    end = start + len(finding.text)
    if span[start:end] != finding.text:
        return False
    lines[index : index + count] = lines_with_ends(span[:start] + finding.replacement + span[end:])
    return True
