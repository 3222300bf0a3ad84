"""The pipeline in order: sources → chapters (executed, exported) → manuscript → PDF.
One pipeline for every target: the whole thesis and a chapter preview differ only in the
chapters they take and the folder they write (BuildPaths), so a preview gets the draft
rescue and every later stage too. Stages report through a Reporter and never print."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from ..config.chapterfiles import ignored_warning
from ..config.model import Config, Requirements
from ..core.errors import BuildFailed, EnvironmentProblem
from ..core.files import replace_atomically
from ..core.paths import BuildPaths, refuse_planted_links
from ..core.progress import Reporter
from ..latex.bibliography import clean_bibliography
from ..latex.draft import OpenTodo, draft_metadata
from ..latex.job import Mode, PdfJob, Unresolved
from ..latex.pandoc import run_pandoc
from ..latex.preamble import write_preamble
from ..latex.rescue import BrokenPlace, deliver_draft
from ..latex.run import DRAFT_TOLERATES, LatexFailed, run_latex
from ..latex.sandbox import refuse_unconfined, refuse_untrusted_lua
from ..lint.finding import Finding
from ..lint.linter import lint_chapters
from ..lint.report import summary, text_line
from ..manuscript.assemble import Manuscript, assemble
from ..notebook.execute import Execution
from ..notebook.export import Chapter, Ran, export_chapter, run_chapter
from ..notebook.gateway import gateway_of
from ..notebook.inputs import inputs_digest
from ..notebook.parallel import ChapterRuns, default_jobs
from ..sources.chapter import ChapterSource
from ..sources.project import read_sources
from ..submission.report import table, warnings
from ..text.references import reference_message
from ..text.sourcemap import find_citation
from .doctor import install_hint, missing, run_checks
from .preview import choose, copy_figures, numbered
from .target import Target
from .uptodate import build_key, built_before, is_current, record

VERBS = {
    "executed": "executed and exported",
    "cached": "exported (code unchanged: outputs from the cache)",
    "stored": "exported",
}


# The findings a draft build reads: its open todos, markup it cannot print, headings
# numbered by hand (the rest is `thesisbuild lint`'s to report).
DRAFT_RULES = frozenset({"todo", "syntax", "heading"})


def project_sources(config: Config, report: Reporter) -> list[ChapterSource]:
    """Every chapter and appendix, read; files in thesis/ that are no chapter are named."""
    for path in config.ignored:
        report.say(ignored_warning(path))
    return read_sources(config)


def execution(config: Config, report: Reporter, rerun: bool = False) -> Execution:
    """How chapters run: thesis.yaml's mode, timeout and jobs, the inputs' digest, --rerun."""
    memo = BuildPaths.of(config.root).inputs_memo
    inputs = inputs_digest(config.root, config.inputs, memo)
    jobs = config.execute_jobs or default_jobs()
    gateway = gateway_of(config.execute_gateway)
    return Execution(
        config.execute, config.execute_timeout, inputs, rerun, report.running,
        jobs=jobs, gateway=gateway, figures=config.figures,
    )  # fmt: skip


def render_all(
    config: Config, sources: Sequence[ChapterSource], report: Reporter, how: Execution
) -> list[Chapter]:
    """Run the chapters' code, up to `execute_jobs` chapters at once, and export each in
    order as soon as it ran (parallel.py)."""
    chapters = []
    paths = BuildPaths.of(config.root)
    with ChapterRuns[Ran](how.jobs) as runs:
        started = [
            runs.start(partial(run_chapter, source, how, paths, config.code)) for source in sources
        ]
        for ran in runs.in_order(started):
            chapter = export_chapter(ran, how, paths, config.warnings)
            report.say(f"{ran.source.display}: {VERBS[chapter.outputs]}")
            for warning in chapter.warnings:
                report.say(f"warning: {warning}")
            for note in chapter.notes:
                report.note(note)
            chapters.append(chapter)
    return chapters


def build_markdown(config: Config, report: Reporter, rerun: bool = False) -> Manuscript:
    """Chapters and appendix → build/chapters/*.md and build/thesis.md."""
    paths = BuildPaths.of(config.root)
    refuse_planted_links(paths.build)
    sources = project_sources(config, report)
    return write_manuscript(config, paths, sources, report, execution(config, report, rerun))


def write_manuscript(
    config: Config,
    paths: BuildPaths,
    sources: Sequence[ChapterSource],
    report: Reporter,
    how: Execution,
) -> Manuscript:
    split = len(config.chapters)
    rendered = render_all(config, sources, report, how)  # the appendix's code runs alongside
    main, back = rendered[:split], rendered[split:]
    manuscript = assemble(config, main, back, paths)
    report.say(f"{config.relative(manuscript.path)}: written")
    return manuscript


def build_pdf(
    config: Config, target: Target, report: Reporter, rerun: bool = False, key: str | None = None
) -> Path:
    """Nothing when nothing changed; else check the tools (until a build succeeded), refuse
    a final build with open findings, then markdown → pandoc → LaTeX; the PDF reaches
    the target's output only when all succeeded (a draft: with its broken parts boxed).
    `key`: the fingerprint the caller computed already (uptodate.stale_key)."""
    refuse_untrusted_lua(config)
    paths = target.paths(config)
    refuse_planted_links(paths.build)  # before the no-op check writes build/.cache/
    if key is None and not target.is_preview:
        key = build_key(config, target.mode, target.output, paths)
    if key is not None and not rerun and is_current(paths, key, target.output):
        report.say(
            f"{config.relative(target.output)}: up to date (nothing changed since the last build)"
        )
        return target.output
    if not built_before(paths, config.engine):
        check_tools(config)
    refuse_unconfined(config)
    job = prepare(config, target, paths, report, execution(config, report, rerun))
    report.say(f"pandoc: {config.relative(job.manuscript.path)} → {config.relative(paths.tex)}")
    report_unresolved(run_pandoc(job, report), job.sources, target, report)
    replace_atomically(typeset(job, target, report), target.output)
    if not target.is_preview:
        check_built(job, target, report)
    if key is not None:
        record(paths, key, target.output, config.engine)
    return target.output


def prepare(
    config: Config, target: Target, paths: BuildPaths, report: Reporter, how: Execution
) -> PdfJob:
    """Lint, render and assemble the target's chapters; write what pandoc reads besides."""
    refuse_planted_links(paths.build)
    every = project_sources(config, report)
    chosen = choose(config, every, target.chapters) if target.is_preview else every
    final = target.mode == "final"  # a draft reads no finding beyond DRAFT_RULES
    findings = lint_chapters(chosen, config, strict=final, only=None if final else DRAFT_RULES)
    errors = [finding for finding in findings if finding.severity == "error"]
    if target.mode == "final" and errors:  # prose warnings (spelling, quotes) never block
        raise BuildFailed(refusal(errors))
    warn_unprintable(findings, report)
    note_hand_numbered(findings, report)
    if target.is_preview:
        main, back = numbered(config, every, render_all(config, chosen, report, how), paths)
        manuscript = assemble(config, main, back, paths)
        copy_figures(paths.figures, paths.work / paths.figures.name)
    else:
        manuscript = write_manuscript(config, paths, chosen, report, how)
    metadata = draft_metadata(config, todos_of(findings), chosen) if target.mode == "draft" else {}
    if target.is_preview:
        metadata["preview"] = True
    text = manuscript.path.read_text(encoding="utf-8")
    header = write_preamble(config, text, paths.preamble)
    bibliography = checked_bibliography(config, target.mode, report, paths)
    return PdfJob(config, paths, manuscript, tuple(chosen), metadata, header, bibliography)


def check_built(job: PdfJob, target: Target, report: Reporter) -> None:
    """The PDF against thesis.yaml's requirements: --final fails on a violation (the PDF
    stays for inspection, the no-op check is not recorded); a draft warns, and only when
    thesis.yaml states requirements (measuring costs some 50 ms a page)."""
    config = job.config
    if target.mode == "draft" and config.requirements == Requirements():
        return
    # here, not at the top: pypdf and PDFium cost a prose edit's build 0.1 s to import
    from ..submission.check import check_pdf, failed

    log = job.paths.latex_log
    text = log.read_text("utf-8", "replace") if log.is_file() else ""
    verdicts = check_pdf(config, target.output, job.sources, text, target.mode == "draft")
    broken = failed(verdicts)
    if target.mode == "draft":
        for line in warnings(verdicts):
            report.say(line)
    elif broken:
        shown = config.relative(target.output)
        count = f"{len(broken)} of {len(verdicts)} requirements failed"
        raise BuildFailed(
            f"{table(verdicts)}\n{shown}: --final: {count}; the PDF is left for inspection."
        )


def check_tools(config: Config) -> None:
    """Stop with the install command when a tool the build needs is missing."""
    failed = missing(run_checks(config.engine))
    if failed:
        names = ", ".join(check.name for check in failed)
        raise EnvironmentProblem(f"missing: {names}\n{install_hint(failed)}")


def typeset(job: PdfJob, target: Target, report: Reporter) -> Path:
    """LaTeX; a draft it stops on is built with the failing parts set aside, installed,
    and reported as a failure all the same. Drafts (and previews, whose references may
    point at chapters left out) print undefined references as ??."""
    draft = target.mode == "draft"
    tolerate = DRAFT_TOLERATES if draft or target.is_preview else ()
    try:
        return run_latex(job, report, tolerate)
    except LatexFailed as failure:
        if not draft:
            raise
        built, broken, messages = deliver_draft(job, failure, report)
        replace_atomically(built, target.output)
        raise BuildFailed(delivered(job.config, target.output, broken, messages)) from failure


def delivered(
    config: Config, output: Path, broken: Sequence[BrokenPlace], messages: Sequence[str]
) -> str:
    """LaTeX's located errors, then what the draft PDF shows instead (exit 1 all the same)."""
    count = f"{len(broken)} place{'s' if len(broken) > 1 else ''}"
    return "\n".join(
        [*messages, f"{config.relative(output)}: draft built with {count} set aside as a marked "
         "box (listed on the last page); --final refuses until they are fixed."]
    )  # fmt: skip


def checked_bibliography(
    config: Config, mode: Mode, report: Reporter, paths: BuildPaths
) -> Path | None:
    """The .bib without the entries pandoc cannot read; with --final those are errors."""
    checked = clean_bibliography(config, paths.bibliography, paths.bibliography_memo)
    if checked is None or config.bibliography is None:
        return None
    for warning in checked.warnings:
        report.say(warning)
    if checked.problems:
        name = config.relative(config.bibliography)
        lines = [problem.describe(name) for problem in checked.problems]
        if mode == "final":
            raise BuildFailed("\n".join([*lines, "--final refuses to build without them."]))
        count = "1 entry" if len(lines) == 1 else f"{len(lines)} entries"
        report.say("\n".join([*lines, f"{count} left out of this draft (cited: shown as unknown)"]))
    return checked.path


def warn_unprintable(findings: Sequence[Finding], report: Reporter) -> None:
    """Markup of another tool the build cannot print as meant (lint rule `syntax`): it
    would print as written, so every build says so at its line."""
    for finding in findings:
        if finding.rule == "syntax":
            report.say(f"warning: {text_line(finding)}")


def note_hand_numbered(findings: Sequence[Finding], report: Reporter) -> None:
    """Headings numbered by hand print numbered twice ("1.2 1.2 Daten") until fixed."""
    numbered = [f for f in findings if f.rule == "heading" and "numbered by hand" in f.message]
    if numbered:
        count = f"{len(numbered)} heading{'s' if len(numbered) > 1 else ''}"
        report.say(f"note: {count} numbered by hand (first: {numbered[0].location}) print "
                   "numbered twice; `thesisbuild lint --fix` removes the numbers")  # fmt: skip


def todos_of(findings: Sequence[Finding]) -> list[OpenTodo]:
    """The open todos among lint's findings, for the draft's last page."""
    return [OpenTodo(f.location, f.text) for f in findings if f.rule == "todo"]


def refusal(findings: Sequence[Finding]) -> str:
    lines = [text_line(finding) for finding in findings]
    return "\n".join([*lines, f"--final refuses to build: {summary(findings)} open."])


def report_unresolved(
    unresolved: Unresolved, sources: Sequence[ChapterSource], target: Target, report: Reporter
) -> None:
    """A draft shows "(key?)" and "?@fig-x" and says where; a final build stops. A
    preview's references may point at chapters it left out: always warnings."""
    citations = citation_message(unresolved.citations, sources)
    references = reference_message(unresolved.references, sources)
    errors = [citations] if target.mode == "final" else []
    if target.mode == "final" and not target.is_preview:
        errors.append(references)
    if any(errors):
        raise BuildFailed("\n".join(message for message in errors if message))
    for message in (citations, references):
        for line in message.splitlines():
            report.say(f"warning: {line}")


def citation_message(keys: Sequence[str], sources: Sequence[ChapterSource]) -> str:
    places = []
    for key in keys:
        where = find_citation(sources, key)
        places.append(f"{where or 'build/thesis.md'}: citation @{key} not in the bibliography")
    return "\n".join(places)
