"""The change-marked DOCX: the same marked document through pandoc's DOCX writer, which
makes Word tracked changes (`w:ins`, `w:del`, with author and date) of the insertion and
deletion spans. Marks around blocks without text runs (code) are put on their lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..changes.marks import Node
from ..config.model import Config
from ..core.files import read_json_object, write_text_atomically
from ..core.proc import run
from ..core.progress import Reporter
from ..resources.lookup import csl_path
from .pipeline import checked_bibliography


def write_docx(config: Config, document: Path, output: Path, report: Reporter) -> Path:
    """pandoc JSON → DOCX with citeproc; the reference document is pandoc's own."""
    import json

    import pypandoc

    tracked = tracked_everywhere(read_json_object(document))
    write_text_atomically(document, json.dumps(tracked, ensure_ascii=False))
    work = document.parent
    argv = [pypandoc.get_pandoc_path(), "-f", "json", "-t", "docx", "-o", str(output),
            f"--resource-path={work}:{config.root}", str(document)]  # fmt: skip
    bibliography = checked_bibliography(config, "draft", report, paths_of(work))
    if bibliography is not None:
        style = csl_path(config.root, config.citation_style)
        argv += ["--citeproc", f"--bibliography={bibliography}", f"--csl={style}"]
    report.ran(argv)
    run(argv, cwd=work, log=work / "pandoc-docx.log")
    return output


def paths_of(work: Path) -> Any:
    from ..core.paths import BuildPaths

    return BuildPaths(work.parent, work)


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
    result: list[Node] = []
    for block in blocks:
        if block["t"] == "CodeBlock":
            lines = block["c"][1].split("\n")
            inlines: list[Node] = []
            for line in lines:
                inlines += [{"t": "Code", "c": [["", [], []], line]}, {"t": "LineBreak"}]
            result.append({"t": "Para", "c": [{"t": "Span", "c": [attr, inlines[:-1]]}]})
        else:
            result.append(block)
    return result
