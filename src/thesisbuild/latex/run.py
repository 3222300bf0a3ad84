"""build/thesis.tex → PDF with latexmk, the log explained at chapter lines; the PDF is
moved into place only when LaTeX succeeded, so a failed build keeps the last one."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path

from ..core.errors import BuildFailed
from ..core.files import replace_atomically
from ..core.paths import BuildPaths
from ..core.proc import Completed, run
from ..core.progress import Reporter, Say
from ..sources.chapter import ChapterSource
from ..text.sourcemap import (
    chapter_titled,
    find_command,
    find_context,
    find_literal,
    find_shown,
)
from .fallback import missing_glyph_fix
from .job import PdfJob
from .log import LatexProblem, ProblemKind, overfull_boxes, parse_log, refused_reads
from .places import entry_place, entry_span, is_logo, logo_place
from .sandbox import confined, sandboxed
from .state import clear, guarded, stale_cause
from .unplaced import crashed_on_image, placed

# What a draft prints anyway (as ??) with a warning; --final stops on it.
DRAFT_TOLERATES: tuple[ProblemKind, ...] = ("undefined-reference",)
# pandoc wraps a long heading; its title is within these lines of the \chapter line
HEADING_LINES = 3
PASS_STARTED = re.compile(r"^Run number (\d+) of rule '(\w+)'")
# TeX wraps log lines at 79 characters by default, which splits the lines we parse.
WORDS = re.compile(r"[^\W\d_]{2}")
OVERFULL_LIMIT = 1.0  # pt: what LaTeX's hfuzz lets pass is invisible; more is not
LOG_ENVIRONMENT = {"max_print_line": "10000", "error_line": "254", "half_error_line": "238"}
NO_SPACE = "No space left on device"


def run_latex(job: PdfJob, report: Reporter, tolerate: Collection[ProblemKind] = ()) -> Path:
    """latexmk in the job's folder (figures/ resolve there); the PDF stays in latex/ until
    done. Working files left by an interrupted or mismatched earlier run are cleared, once.
    Problems of a `tolerate` kind are reported as warnings."""
    done, log = run_recovering(job, report)
    refuse_full_disk(job, done.output)
    tex_lines = tex_text(job.paths.tex).split("\n")
    found = refused_reads(done.output) + parse_log(log)
    problems = [placed(problem, log, tex_lines) for problem in found]
    if done.returncode == 0:
        problems = warn_tolerated(problems, tolerate, job, report.say)
        warn_overfull(log, job, tex_lines, report.say)
    if done.returncode != 0 or problems:
        crashed = crashed_on_image(job.paths.recorder, tex_lines, done.output)
        problems = problems or [crashed or unknown(done.output)]
        forget_run(job.paths.latex)
        raise LatexFailed(explain(problems, job), tuple(problems))
    return job.paths.latex_pdf


def refuse_full_disk(job: PdfJob, output: str) -> None:
    """TeX says a full disk only on the terminal (`fwrite: No space left on device`) and
    leaves cut-off working files: clear them (it frees space too) and say so."""
    if NO_SPACE not in output:
        return
    clear(job.paths.latex)
    where = job.config.relative(job.paths.latex)
    raise BuildFailed(
        f"{where}: {NO_SPACE}: LaTeX could not write its files. Free some space on that "
        "disk and build again (the last good PDF is kept)."
    )


def tex_text(tex: Path) -> str:
    return tex.read_text(encoding="utf-8") if tex.exists() else ""


def forget_run(latex_dir: Path) -> None:
    """Without latexmk's record of a failed run the next build runs LaTeX again, so an
    unchanged thesis.tex meets the same problems (a refused read shows on the terminal
    only) instead of taking the PDF latexmk calls up to date."""
    (latex_dir / "thesis.fdb_latexmk").unlink(missing_ok=True)


def run_recovering(job: PdfJob, report: Reporter) -> tuple[Completed, str]:
    """latexmk; when it stopped in working files an earlier run left, clear them and
    run once more."""
    latex_dir = job.paths.latex
    with guarded(latex_dir) as interrupted:
        if interrupted:
            report.say(
                f"{job.config.relative(latex_dir)}: {interrupted}; cleared its working files"
            )
        done, log = run_latexmk(job, report)
        cause = stale_cause(log, tex_text(job.paths.tex)) if done.returncode != 0 else None
        if cause:
            report.say(
                f"{job.config.relative(latex_dir)}: {cause}, left by an earlier run; "
                "cleared LaTeX's working files, running it again"
            )
            clear(latex_dir)
            done, log = run_latexmk(job, report)
    return done, log


def run_latexmk(job: PdfJob, report: Reporter) -> tuple[Completed, str]:
    """One latexmk run; what it returned and LaTeX's log."""
    paths = job.paths
    argv = latexmk_argv(paths, job.config.engine, draft=job.draft)
    report.ran(argv, cwd=paths.work)
    done = run(
        sandboxed(argv, job.config.root, paths.work),
        cwd=paths.work,
        environment={**LOG_ENVIRONMENT, **confined(job.config.root)},
        log=paths.latexmk_log,
        check=False,
        on_line=lambda line: announce_pass(line, report.say),
    )
    log_path = paths.latex_log
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    return done, log


def latexmk_argv(paths: BuildPaths, engine: str, draft: bool) -> list[str]:
    """The latexmk command, run in paths.work (the benchmark's by-hand build runs it too)."""
    outdir = paths.latex.relative_to(paths.work)
    return [
        "latexmk", "-norc", f"-{engine}", "-no-shell-escape", "-interaction=nonstopmode",
        *halting(draft), "-file-line-error", f"-outdir={outdir}", *one_pass_per_edit(draft),
        paths.tex.name,
    ]  # fmt: skip


def halting(draft: bool) -> list[str]:
    """A draft's pass goes on past an error to the end of the document, so its log names
    every broken part at once and its .aux is whole: rescue sets them all aside in one
    more pass (latexmk still stops after the pass that had errors). A final build stops
    at the first."""
    return [] if draft else ["-halt-on-error"]


def one_pass_per_edit(draft: bool) -> list[str]:
    """Lines of the .aux that change without changing the PDF cost no LaTeX pass: latexmk
    leaves them out of the .aux's hash. KOMA-Script notes each TOC entry kind's widest
    number (`scr@dte@…@lastmaxnumwidth`) once the TOC is typeset, which only a
    `dynnumwidth` TOC style reads (the template sets none): a third pass in every cold
    build otherwise. In a draft, a margin todo that moved changes only its
    `\\pgfsyspdfmark` line, a second pass after nearly every edit otherwise; its
    connector line may lag one build behind the text."""
    ignored = [r"^\\\\global\\\\@namedef\\{scr@dte@[a-z]+@lastmaxnumwidth\\}"]
    if draft:
        ignored.append(r"^\\\\pgfsyspdfmark")
    return ["-e", f"$hash_calc_ignore_pattern{{'aux'}} = '{'|'.join(ignored)}';"]


class LatexFailed(BuildFailed):
    """LaTeX stopped or left problems; `problems` as the log has them, for a draft to
    set the failing part aside."""

    def __init__(self, message: str, problems: tuple[LatexProblem, ...]) -> None:
        super().__init__(message)
        self.problems = problems


def announce_pass(line: str, on_pass: Say) -> None:
    match = PASS_STARTED.match(line)
    if match and match.group(2).startswith("xdvipdfmx"):  # XeLaTeX's .xdv → PDF
        on_pass(f"PDF ({match.group(2)})")
    elif match:
        on_pass(f"LaTeX pass {match.group(1)} ({match.group(2)})")


def unknown(output: str) -> LatexProblem:
    tail = " ".join(output.strip().splitlines()[-3:])
    return LatexProblem("error", f"latexmk failed: {tail}")


def explain(problems: Sequence[LatexProblem], job: PdfJob) -> str:
    """Each problem at its chapter line, with the offending text and a fix."""
    tex_lines = tex_text(job.paths.tex).splitlines()
    layout = job.config.layout
    fonts = {"main": layout.main_font, "sans": layout.sans_font, "mono": layout.mono_font}
    lines = [
        describe(problem, located(problem, job, tex_lines), fonts)
        if problem.file_line is None
        else elsewhere(problem, job)
        for problem in problems
    ]
    return "\n".join(lines) + f"\nFull LaTeX log: {job.config.relative(job.paths.latex_log)}"


def chapter_first(
    sources: Sequence[ChapterSource], problem: LatexProblem, tex_lines: list[str]
) -> list[ChapterSource]:
    """The chapters, the one the TeX line belongs to first, so common words are looked
    up where the error is."""
    upto = tex_lines[: problem.tex_line or 0]
    start = next((i for i in range(len(upto) - 1, -1, -1) if upto[i].startswith("\\chapter")), None)
    heading = " ".join(tex_lines[start : start + HEADING_LINES]) if start is not None else ""
    current = chapter_titled(sources, heading) if heading else None
    return sorted(sources, key=lambda source: source is not current)


def located(problem: LatexProblem, job: PdfJob, tex_lines: list[str]) -> str:
    """Where the user fixes the problem: the .bib entry or thesis.yaml's logo it comes
    from, else its chapter line."""
    index = (problem.tex_line or 0) - 1
    if problem.kind in ("error", "refused-read") and 0 <= index < len(tex_lines):
        entry = entry_span(tex_lines, index)
        if entry is not None:
            return entry_place(job, entry[2], problem.context)
        if is_logo(job, tex_lines[index]):
            return logo_place(job)
    return place_of(problem, chapter_first(job.sources, problem, tex_lines))


def describe(problem: LatexProblem, place: str, fonts: dict[str, str | None]) -> str:
    near = f" near “{problem.context}”" if problem.kind == "error" and problem.context else ""
    fixed = missing_glyph_fix(problem.font, fonts) if problem.font else problem.fix
    fix = f"\n  fix: {fixed}" if fixed else ""
    return f"{place}: LaTeX: {problem.message}{near}{fix}"


def place_of(problem: LatexProblem, sources: Sequence[ChapterSource]) -> str:
    """The chapter file and line the problem's text came from (build/thesis.tex's line
    when the text is not found in a chapter)."""
    if problem.kind == "error":
        context = problem.context
        where = (
            (find_context(sources, context) or find_command(sources, context)) if context else None
        )
    else:  # a missing glyph or an undefined label: look for it literally
        where = find_literal(sources, problem.context)
    return str(where) if where else f"build/thesis.tex:{problem.tex_line or '?'}"


def warn_tolerated(
    problems: Sequence[LatexProblem],
    tolerate: Collection[ProblemKind],
    job: PdfJob,
    on_pass: Say,
) -> list[LatexProblem]:
    """Report the tolerated problems as warnings; return the others."""
    for problem in problems:
        if problem.kind in tolerate:
            on_pass(warning(problem, job.sources))
    return [problem for problem in problems if problem.kind not in tolerate]


def warning(problem: LatexProblem, sources: Sequence[ChapterSource]) -> str:
    """`thesis/02-x.md:4:12: warning: LaTeX: undefined reference fig-x (printed as ??)`."""
    where = find_literal(sources, problem.context)
    place = str(where) if where else f"build/thesis.tex:{problem.tex_line or '?'}"
    return f"{place}: warning: LaTeX: {problem.message} (printed as ??)\n  fix: {problem.fix}"


def warn_overfull(log: str, job: PdfJob, tex_lines: list[str], say: Say) -> None:
    """Lines LaTeX set wider than the text by more than 1 pt, at their chapter line: they
    run into the right margin, which examination offices measure. A draft's margin note
    (`\\todo`) is no text of the thesis; a box without words (display math) is looked up
    by its line of build/thesis.tex."""
    for box in overfull_boxes(log):
        tex = tex_lines[box.tex_line - 1] if 0 < box.tex_line <= len(tex_lines) else ""
        if box.amount <= OVERFULL_LIMIT or tex.lstrip().startswith("\\todo"):
            continue
        shown = box.text if WORDS.search(box.text) else ""
        where = find_shown(job.sources, shown) if shown else find_context(job.sources, tex)
        place = str(where) if where else f"build/thesis.tex:{box.tex_line}"
        text = (shown or tex.strip())[-60:]
        say(f"{place}: warning: line {box.amount:.1f} pt too wide, into the right margin "
            f"(overfull \\hbox): “{text}”")  # fmt: skip


def elsewhere(problem: LatexProblem, job: PdfJob) -> str:
    """An error raised in an \\input file, a package or the .aux, at that file's line."""
    path = job.config.relative(job.config.root / problem.file)
    near = f" near “{problem.context}”" if problem.context else ""
    fix = f"\n  fix: {problem.fix}" if problem.fix else ""
    return f"{path}:{problem.file_line}: LaTeX: {problem.message}{near}{fix}"


def install(built: Path, output: Path) -> None:
    replace_atomically(built, output)
