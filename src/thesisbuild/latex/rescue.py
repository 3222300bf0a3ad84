"""Drafts always deliver: when LaTeX stops on one place, that place — the paragraph or
raw block, else its whole chapter — is set as a marked error box in build/thesis.tex and
LaTeX runs again, so the day before a supervisor meeting there is a PDF of everything
that works.  `--final` never comes here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core.files import write_text_atomically
from ..core.progress import Reporter
from ..resources.strings import strings
from .job import PdfJob
from .log import LatexProblem
from .places import entry_span, logo_of
from .run import DRAFT_TOLERATES, LatexFailed, explain, located, run_latex

CHAPTER_START = re.compile(r"^\\chapter\b")
# Where a chapter's text ends: the next chapter, the appendix, or the template again.
CHAPTER_END = re.compile(r"^(\\chapter\b|\\thesisappendix|\\addchap\b|%% -{10}|\\end\{document\})")
STALE = (".aux", ".toc", ".lof", ".lot", ".out", ".fdb_latexmk")
TEX_SPECIAL = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\textasciitilde{}"} | {
    char: "\\" + char for char in "{}$&#_%"
}
# the template's thesisbroken box; a frame where a project's own template lacks it
BOX = (
    r"\ifcsname thesisbroken\endcsname\begin{thesisbroken}TEXT\end{thesisbroken}\else"
    r"\par\noindent\fbox{\parbox{\dimexpr\linewidth-2\fboxsep-2\fboxrule}{TEXT}}\par\fi"
)


@dataclass(frozen=True)
class BrokenPlace:
    """A part of the thesis set aside: where it came from and what LaTeX said."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place} — {self.message}"


def deliver_draft(
    job: PdfJob, failure: LatexFailed, report: Reporter
) -> tuple[Path, list[BrokenPlace], list[str]]:
    """Set every failing part the log locates aside at once, LaTeX again, until it
    succeeds; return the PDF, the places set aside and LaTeX's located messages.  A
    draft's pass does not halt on an error, so one log lists them all: N broken parts
    cost one more pass, not N runs.  The failure is raised again when its first error
    names no line of build/thesis.tex or nothing more can be set aside."""
    tex_path = job.paths.tex
    lines = tex_path.read_text(encoding="utf-8").split("\n")
    words = strings(job.config.root, job.config.language)
    boxes: list[Box] = []
    broken: list[BrokenPlace] = []
    messages: list[str] = []
    while True:
        found = new_boxes(failure, lines, boxes, job)
        if not found:
            raise failure
        messages.append(explain(not_references(failure), job))
        for box in found:
            report.say(box.said())
            set_aside(lines, box.span, box.place, words)
        boxes = merged(boxes, found)
        broken += [box.place for box in found if not box.widened]
        write_text_atomically(tex_path, "\n".join(with_open_points(lines, broken, words)))
        if not pass_finished(job.paths.latex_log):
            forget_failed_run(job.paths.latex)
        try:
            return run_latex(job, report, DRAFT_TOLERATES), broken, messages
        except LatexFailed as again:
            failure = again


@dataclass(frozen=True)
class Box:
    """A span of build/thesis.tex set aside (0-based lines) and the place it stands for;
    `widened` when it is a chapter that a smaller box did not mend."""

    span: tuple[int, int]
    place: BrokenPlace
    widened: bool = False

    def said(self) -> str:
        if self.widened:
            return f"LaTeX: {self.place.place}: setting its whole chapter aside"
        return f"LaTeX: {self.place}: set aside, building the rest"


def new_boxes(failure: LatexFailed, lines: list[str], boxes: list[Box], job: PdfJob) -> list[Box]:
    """A box for each error of the log at its own span (a chapter where an earlier box
    did not help); none when the error that stopped LaTeX cannot be set aside."""
    boxed = [box.span for box in boxes]
    found: list[Box] = []
    for index, problem in enumerate(located_errors(failure)):
        span = span_to_box(lines, problem.tex_line or 0, boxed, logo_of(job))
        if span is None and index == 0:
            return []
        if span is None or any(overlaps(span, box.span) for box in found):
            continue
        inside = [box for box in boxes if span[0] <= box.span[0] <= span[1]]
        place = inside[-1].place if inside else broken_place(problem, job, lines)
        found.append(Box(span, place, widened=bool(inside)))
    return found


def merged(boxes: list[Box], found: list[Box]) -> list[Box]:
    """The boxes in the order they were found, those a wider box took in left out."""
    kept = [box for box in boxes if not any(overlaps(box.span, new.span) for new in found)]
    return [*kept, *found]


def overlaps(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]


def pass_finished(log: Path) -> bool:
    """A pass that went on past its errors to the end wrote a whole .aux (labels, pages
    of the table of contents): kept, the next run often needs one pass only."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "Output written on" in text


def broken_place(problem: LatexProblem, job: PdfJob, lines: list[str]) -> BrokenPlace:
    return BrokenPlace(located(problem, job, lines), problem.message.removeprefix("LaTeX Error: "))


def not_references(failure: LatexFailed) -> list[LatexProblem]:
    """The failure's problems but its undefined references: a pass that stopped, or
    read no .aux yet, knew few labels; the delivered PDF's own run warns of those left."""
    return [p for p in failure.problems if p.kind != "undefined-reference"]


def located_errors(failure: LatexFailed) -> list[LatexProblem]:
    """The errors (and files refused) that name a line of build/thesis.tex, in the
    order LaTeX met them."""
    stops = ("error", "refused-read")
    return [p for p in failure.problems if p.kind in stops and p.tex_line]


def span_to_box(
    lines: list[str], line: int, boxed: list[tuple[int, int]], logo: str | None = None
) -> tuple[int, int] | None:
    """0-based [first, last] lines: the bibliography entry or the logo at the 1-based
    `line`, else the paragraph around it; its chapter when a part of that chapter was
    set aside already.  An error past every chapter (a group a box left open) escalates
    the last box to its chapter."""
    own = own_span(lines, line - 1, logo)
    if own is not None:
        return None if own in boxed else own
    chapter = chapter_span(lines, line - 1) if 0 < line <= len(lines) else None
    if chapter is None and boxed:
        chapter = chapter_span(lines, boxed[-1][0])
    if chapter is None:
        return None
    if any(chapter[0] <= first <= chapter[1] for first, _ in boxed):
        return None if chapter in boxed else chapter
    return paragraph_span(lines, line - 1, chapter)


def own_span(lines: list[str], index: int, logo: str | None) -> tuple[int, int] | None:
    """A bibliography entry's lines, or the logo's line: each is set aside on its own,
    however many others were."""
    if not 0 <= index < len(lines):
        return None
    entry = entry_span(lines, index)
    if entry is not None:  # the \bibitem stays: a box alone in the list is "missing \item"
        return (entry[0] + 1 if entry[0] < entry[1] else entry[0]), entry[1]
    return (index, index) if logo is not None and logo in lines[index] else None


def chapter_span(lines: list[str], index: int) -> tuple[int, int] | None:
    """The chapter's text after its heading (with the heading when the error is in it)."""
    start = next((i for i in range(index, -1, -1) if CHAPTER_START.match(lines[i])), None)
    if start is None:
        return None
    heading_end = next((i for i in range(start, len(lines)) if not lines[i].strip()), start)
    end = next((i for i in range(start + 1, len(lines)) if CHAPTER_END.match(lines[i])), len(lines))
    first = start if index <= heading_end else heading_end + 1
    return (first, end - 1) if first <= end - 1 else None


def paragraph_span(lines: list[str], index: int, chapter: tuple[int, int]) -> tuple[int, int]:
    first = index
    while first > chapter[0] and lines[first - 1].strip():
        first -= 1
    last = index
    while last < chapter[1] and lines[last + 1].strip():
        last += 1
    return first, last


def set_aside(
    lines: list[str], span: tuple[int, int], place: BrokenPlace, words: dict[str, str]
) -> None:
    """The box replaces the span's first line, the others become empty, so the line
    numbers of everything after stay as they were."""
    first, last = span
    title = words["not-typeset"]
    lines[first] = BOX.replace("TEXT", f"{escape(title)}: {escape(str(place))}")
    for index in range(first + 1, last + 1):
        lines[index] = ""


def with_open_points(
    lines: list[str], broken: list[BrokenPlace], words: dict[str, str]
) -> list[str]:
    """The last page of open points lists the places set aside first."""
    heading = f"\\addchap{{{escape(words['open-todos'])}}}"
    if heading not in lines:
        return lines
    items = [f"\\item \\textbf{{{escape(b.place)}}}: {escape(b.message)}" for b in broken]
    listing = [f"\\addsec*{{{escape(words['not-typeset-list'])}}}", "\\begin{itemize}", *items,
               "\\end{itemize}"]  # fmt: skip
    at = lines.index(heading) + 1
    return [*lines[:at], *listing, *lines[at:]]


def forget_failed_run(latex_dir: Path) -> None:
    """A run stopped halfway leaves .aux and friends that break the next run."""
    for suffix in STALE:
        (latex_dir / f"thesis{suffix}").unlink(missing_ok=True)


def escape(text: str) -> str:
    return "".join(TEX_SPECIAL.get(char, char) for char in text)
