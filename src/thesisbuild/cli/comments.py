"""`thesisbuild comments FILE`: the supervisor's review (a PDF's annotations, a Word
file's comments and tracked changes) as findings at the chapter lines they are on."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

import click

from ..config.reader import load
from ..core.errors import UnreadableInput
from ..lint.finding import Finding
from ..lint.ipynblines import Layout, read_layout
from ..lint.report import FORMATS, ReportFormat, escape, github_line, render
from ..review.docxnotes import read_docx
from ..review.pdfnotes import (
    generated_headings,
    info,
    made_by_thesisbuild,
    open_pdf,
    read_remarks,
)
from ..review.place import place
from ..review.remark import Remark
from ..sources.chapter import Location
from ..sources.project import read_sources
from .options import format_option, project_option, say

QUOTED_LENGTH = 80  # characters of the marked text a line shows
HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zäöüß])")


@click.command()
@project_option
@format_option(
    FORMATS,
    "text: path:line:col lines; json: a list of objects; github: workflow annotations.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def comments(project: Path, form: ReportFormat, file: Path) -> None:
    """List the comments in FILE (a PDF thesisbuild made, annotated; or a .docx with
    comments and tracked changes) at the chapter file and line each is on.

    A remark on the title page, the table of contents or another page the build makes is
    listed with its page; one whose text is in no chapter any more says so. Exit 0 when
    FILE was read (comments are no failures), 2 when it cannot be read or is a PDF
    thesisbuild did not make (its comments are then listed with their pages).
    """
    if file.suffix.lower() == ".docx":
        remarks = read_docx(file)
    elif file.suffix.lower() == ".pdf":
        remarks = pdf_remarks(file, project, form)
    else:
        raise UnreadableInput(f"{file}: give a .pdf or a .docx file.")
    if remarks:
        config = load(project)
        remarks = place(remarks, read_sources(config))
    show([finding(remark, file) for remark in remarks], form, project)


def pdf_remarks(file: Path, project: Path, form: ReportFormat) -> list[Remark]:
    """The PDF's remarks; a PDF another program made is listed by page, then refused."""
    reader = open_pdf(file)
    if not made_by_thesisbuild(reader):
        remarks = [replace(remark, on="") for remark in read_remarks(file, reader, frozenset())]
        show([finding(remark, file) for remark in remarks], form, project)
        creator = info(reader, "/Creator") or "unknown"
        raise UnreadableInput(
            f"{file}: not made by thesisbuild (Creator: {creator}): its {len(remarks)} "
            "comment(s) cannot be placed in the chapters; they are listed with their pages."
        )
    config = load(project)
    return read_remarks(file, reader, generated_headings(config.root, config.language))


def finding(remark: Remark, file: Path) -> Finding:
    """A remark as lint's Finding (rule `comment`); one not placed in a chapter is at the
    file itself, line 0, its page in the message."""
    message = f"{remark.author or 'anonymous'}: {remark.note}"
    if remark.quoted:
        message += f" — „{shortened(remark.quoted)}“"
    location = remark.location
    if location is None:
        location = Location(str(file), 0, 0)
        message = where_instead(remark) + message + gone(remark)
    text = shortened(remark.quoted or remark.anchor.marked, 500)
    return Finding(location, "comment", "warning", message, text)


def where_instead(remark: Remark) -> str:
    if remark.page is None:
        return ""
    return f"page {remark.page} ({remark.on}): " if remark.on else f"page {remark.page}: "


def gone(remark: Remark) -> str:
    """Why a remark on text has no place: a PDF chapter page's text is in no chapter now;
    a Word file's text may never have been in one (the title pandoc set)."""
    anchor = remark.anchor
    if remark.generated or not (anchor.before + anchor.marked + anchor.after).strip():
        return ""
    if remark.page is None:
        return " (not found in the chapters)"
    return " (no longer in the chapters)" if remark.on else ""


def shortened(text: str, length: int = QUOTED_LENGTH) -> str:
    """One line: a hyphenated word joined, whitespace runs as one space, cut with `…`."""
    flat = " ".join(HYPHENATED.sub("", text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def show(findings: Sequence[Finding], form: ReportFormat, root: Path) -> None:
    placed = sorted((f for f in findings if f.location.line), key=lambda f: f.sort_key)
    ordered = [*placed, *(f for f in findings if not f.location.line)]
    if form == "json":
        click.echo(render(ordered, "json", root))
    elif ordered:
        layouts = cache(read_layout)  # each notebook read once per report
        line = text_line if form == "text" else partial(annotation, root=root, layouts=layouts)
        click.echo("\n".join(line(each) for each in ordered))
    if form == "text":
        say(f"{len(findings)} comment(s), {len(placed)} placed in the chapters")


def text_line(finding: Finding) -> str:
    """`thesis/04-ergebnisse.md:5:5: Prof. Muster: Welche Klassen? — „Fehleranalyse“`."""
    where = finding.location
    return f"{where if where.line else where.path}: {finding.message}"


def annotation(finding: Finding, root: Path, layouts: Callable[[Path], Layout]) -> str:
    """A GitHub annotation; one without a chapter line names its file in the message."""
    if finding.location.line:
        return github_line(finding, root, layouts)
    message = f"{finding.location.path}: {finding.message}"
    return f"::warning title={finding.rule}::{escape(message)}"
