"""The change-marked DOCX: the same marked document through the Word copy's pandoc run
(word/: the reference DOCX from thesis.yaml, crossref numbering, todos as comments), whose
DOCX writer makes Word tracked changes (`w:ins`, `w:del`, with author and date) of the
insertion and deletion spans. Marks around blocks without text runs (code) are put on
their lines first, so Word tracks those too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..changes.marks import Node
from ..config.model import Config
from ..core.files import write_text_atomically
from ..core.paths import BuildPaths
from ..core.progress import Reporter
from ..latex.draft import draft_label
from ..word.pandoc import DocxJob, install, make_docx
from .pipeline import checked_bibliography
from .preview import copy_figures


def write_docx(
    config: Config, document: dict[str, Any], paths: BuildPaths, output: Path, report: Reporter
) -> Path:
    """The marked document → `output`, replaced only when pandoc succeeded."""
    copy_figures(paths.figures, paths.work / paths.figures.name)
    manuscript = paths.work / "thesis-docx.json"
    write_text_atomically(manuscript, json.dumps(tracked_everywhere(document), ensure_ascii=False))
    bibliography = checked_bibliography(config, "draft", report, paths)
    metadata = {"draft-label": draft_label(config)}
    job = DocxJob(config, paths, manuscript, True, bibliography, metadata)
    report.say(f"pandoc: {config.relative(manuscript)} → {config.relative(output)}")
    install(make_docx(job, report).path, output)
    return output


def tracked_everywhere(value: Any) -> Any:
    """A marked div (around a code block) becomes its lines as marked code, which Word
    tracks; every other mark is a span already."""
    if isinstance(value, list):
        result: list[Any] = []
        for item in value:
            result += tracked_div(item) if is_marked_div(item) else [tracked_everywhere(item)]
        return result
    if isinstance(value, dict):
        return {key: tracked_everywhere(item) for key, item in value.items()}
    return value


def is_marked_div(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value.get("t") == "Div"
        and value["c"][0][1] in (["insertion"], ["deletion"])
    )


def tracked_div(div: Node) -> list[Node]:
    attr, blocks = div["c"]
    return [tracked_code(attr, block) if block["t"] == "CodeBlock" else block for block in blocks]


def tracked_code(attr: list[Any], block: Node) -> Node:
    inlines: list[Node] = []
    for line in block["c"][1].split("\n"):
        inlines += [{"t": "Code", "c": [["", [], []], line]}, {"t": "LineBreak"}]
    return {"t": "Para", "c": [{"t": "Span", "c": [attr, inlines[:-1]]}]}
