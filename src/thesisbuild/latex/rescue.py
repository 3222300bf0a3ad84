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
from .run import DRAFT_TOLERATES, LatexFailed, located, run_latex

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
    """Set failing parts aside one by one until LaTeX succeeds; return the PDF, the
    places set aside and LaTeX's located messages.  The failure is raised again when it
    names no line of build/thesis.tex or nothing more can be set aside."""
    tex_path = job.paths.tex
    lines = tex_path.read_text(encoding="utf-8").split("\n")
    words = strings(job.config.root, job.config.language)
    broken: list[BrokenPlace] = []
    messages: list[str] = []
    boxed: list[tuple[int, int]] = []
    while True:
        problem = first_error(failure)
        span = span_to_box(lines, problem.tex_line or 0, boxed, logo_of(job)) if problem else None
        if problem is None or span is None:
            raise failure
        if boxed and span[0] <= boxed[-1][0] <= span[1]:
            report.say(f"LaTeX: {broken[-1].place}: setting its whole chapter aside")
        else:
            broken.append(broken_place(problem, job, lines))
            messages.append(str(failure.message))
            report.say(f"LaTeX: {broken[-1]}: set aside, building the rest")
        set_aside(lines, span, broken[-1], words)
        boxed.append(span)
        write_text_atomically(tex_path, "\n".join(with_open_points(lines, broken, words)))
        forget_failed_run(job.paths.latex)
        try:
            built = run_latex(job, report, DRAFT_TOLERATES)
            return built, broken, messages
        except LatexFailed as again:
            failure = again


def broken_place(problem: LatexProblem, job: PdfJob, lines: list[str]) -> BrokenPlace:
    return BrokenPlace(located(problem, job, lines), problem.message.removeprefix("LaTeX Error: "))


def first_error(failure: LatexFailed) -> LatexProblem | None:
    """The error that stopped LaTeX (or a file it was refused), when it names a line of
    build/thesis.tex."""
    stops = ("error", "refused-read")
    return next((p for p in failure.problems if p.kind in stops and p.tex_line), None)


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
