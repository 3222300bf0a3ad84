"""The pipeline in order: sources → chapters (executed, exported) → manuscript → PDF.
Stages report progress through a callback and never print."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..config.chapterfiles import ignored_warning
from ..config.model import Config
from ..core.errors import BuildFailed, ConfigError, EnvironmentProblem
from ..core.progress import Running
from ..latex.bibliography import clean_bibliography
from ..latex.draft import OpenTodo, draft_metadata
from ..latex.pandoc import Mode, PdfJob, Unresolved, pandoc_defaults, run_pandoc
from ..latex.preamble import write_preamble
from ..latex.rescue import BrokenPlace, deliver_draft
from ..latex.run import DRAFT_TOLERATES, LatexFailed, install, run_latex
from ..latex.sandbox import refuse_planted_links
from ..lint.finding import Finding
from ..lint.linter import lint_chapters
from ..lint.report import summary, text_line
from ..manuscript.assemble import Manuscript, assemble
from ..notebook.execute import Execution
from ..notebook.export import Chapter, render_chapter
from ..notebook.inputs import inputs_digest
from ..sources.cache import CACHE_SUBDIR
from ..sources.chapter import ChapterSource, read_chapter
from ..text.references import reference_message
from ..text.sourcemap import find_citation
from .doctor import install_hint, missing, run_checks
from .uptodate import build_key, built_before, is_current, record

Progress = Callable[[str], None]
BUILD_DIR = "build"
# A draft is for reading: a reference to a label not written yet prints as ?? instead.


def quiet(_message: str) -> None:
    """A Progress that says nothing."""


def build_dir(config: Config) -> Path:
    return config.root / BUILD_DIR


def read_sources(config: Config, paths: Sequence[Path] | None = None) -> list[ChapterSource]:
    """Read the given chapter files (default: chapters, then appendix)."""
    chosen = paths if paths is not None else (*config.chapters, *config.appendix)
    if not chosen:
        raise ConfigError(
            "thesis.yaml: no chapters: put chapter notebooks (.md, .py, .ipynb) in thesis/ "
            "or list them under `chapters:`."
        )
    cache = config.root / CACHE_SUBDIR
    return [read_chapter(path, config.relative(path), cache) for path in chosen]


def execution(config: Config, rerun: bool = False, running: Running | None = None) -> Execution:
    """How chapters run: thesis.yaml's mode and timeout, the inputs' digest, --rerun."""
    inputs = inputs_digest(config.root, config.inputs, build_dir(config))
    return Execution(config.execute, config.execute_timeout, inputs, rerun, running)


def render_all(
    config: Config, sources: Sequence[ChapterSource], progress: Progress, how: Execution
) -> list[Chapter]:
    chapters = []
    for source in sources:
        chapter = render_chapter(source, how, build_dir(config), config.code)
        progress(f"{source.display}: {VERBS[chapter.outputs]}")
        for warning in chapter.warnings:
            progress(f"warning: {warning}")
        chapters.append(chapter)
    return chapters


VERBS = {
    "executed": "executed and exported",
    "cached": "exported (code unchanged: outputs from the cache)",
    "stored": "exported",
}


def build_markdown(
    config: Config,
    progress: Progress = quiet,
    sources: Sequence[ChapterSource] | None = None,
    how: Execution | None = None,
) -> Manuscript:
    """Chapters and appendix → build/chapters/*.md and build/thesis.md."""
    refuse_planted_links(build_dir(config))
    for path in config.ignored:
        progress(ignored_warning(path))
    sources = list(sources) if sources is not None else read_sources(config)
    how = how or execution(config)
    split = len(config.chapters)
    main = render_all(config, sources[:split], progress, how)
    back = render_all(config, sources[split:], progress, how)
    manuscript = assemble(config, main, back, build_dir(config))
    progress(f"{config.relative(manuscript.path)}: written")
    return manuscript


def build_pdf(
    config: Config,
    mode: Mode,
    output: Path,
    progress: Progress = quiet,
    verbose: bool = False,
    how: Execution | None = None,
) -> Path:
    """Nothing when nothing changed; else check the tools (until a build succeeded), refuse
    a final build with open findings, then markdown → pandoc → LaTeX; the PDF reaches
    `output` only when all succeeded."""
    folder = build_dir(config)
    key = build_key(config, mode, output, folder)
    how = how or execution(config)
    if not how.rerun and is_current(folder, key, output):
        progress(f"{config.relative(output)}: up to date (nothing changed since the last build)")
        return output
    if not built_before(folder, config.engine):
        check_tools(config)
    sources = read_sources(config)
    findings = lint_chapters(sources, config, strict=mode == "final")
    if mode == "final" and findings:
        raise BuildFailed(refusal(findings))
    manuscript = build_markdown(config, progress, sources, how)
    metadata = draft_metadata(config, todos_of(findings), sources) if mode == "draft" else {}
    header = write_preamble(config, manuscript.path.read_text(encoding="utf-8"), build_dir(config))
    bibliography = checked_bibliography(config, mode, progress)
    job = PdfJob(config, manuscript, tuple(sources), metadata, header, bibliography)
    progress("pandoc: build/thesis.md → build/thesis.tex")
    defaults = pandoc_defaults(job, build_dir(config))
    unresolved = run_pandoc(defaults, job, build_dir(config), progress if verbose else None)
    report_unresolved(unresolved, sources, mode, progress)
    install(typeset(job, mode, output, progress, verbose), output)
    record(folder, key, output, config.engine, config.root)
    return output


def check_tools(config: Config) -> None:
    """Stop with the install command when a tool the build needs is missing."""
    failed = missing(run_checks(config.engine))
    if failed:
        names = ", ".join(check.name for check in failed)
        raise EnvironmentProblem(f"missing: {names}\n{install_hint(failed)}")


def typeset(job: PdfJob, mode: Mode, output: Path, progress: Progress, verbose: bool) -> Path:
    """LaTeX; a draft it stops on is built with the failing parts set aside, installed,
    and reported as a failure all the same. Drafts print undefined references as ??."""
    build = build_dir(job.config)
    try:
        return run_latex(job, build, progress, verbose, DRAFT_TOLERATES if mode == "draft" else ())
    except LatexFailed as failure:
        if mode == "final":
            raise
        built, broken, messages = deliver_draft(job, build, failure, progress, verbose)
        install(built, output)
        raise BuildFailed(delivered(job.config, output, broken, messages)) from failure


def delivered(
    config: Config, output: Path, broken: Sequence[BrokenPlace], messages: Sequence[str]
) -> str:
    """LaTeX's located errors, then what the draft PDF shows instead (exit 1 all the same)."""
    count = f"{len(broken)} place{'s' if len(broken) > 1 else ''}"
    return "\n".join(
        [*messages, f"{config.relative(output)}: draft built with {count} set aside as a marked "
         "box (listed on the last page); --final refuses until they are fixed."]
    )  # fmt: skip


def checked_bibliography(config: Config, mode: Mode, progress: Progress) -> Path | None:
    """The .bib without the entries pandoc cannot read; with --final those are errors."""
    checked = clean_bibliography(config, build_dir(config))
    if checked is None or config.bibliography is None:
        return None
    for warning in checked.warnings:
        progress(warning)
    if checked.problems:
        name = config.relative(config.bibliography)
        lines = [problem.describe(name) for problem in checked.problems]
        if mode == "final":
            raise BuildFailed("\n".join([*lines, "--final refuses to build without them."]))
        count = "1 entry" if len(lines) == 1 else f"{len(lines)} entries"
        progress("\n".join([*lines, f"{count} left out of this draft (cited: shown as unknown)"]))
    return checked.path


def todos_of(findings: Sequence[Finding]) -> list[OpenTodo]:
    """The open todos among lint's findings, for the draft's last page."""
    return [OpenTodo(f.location, f.text) for f in findings if f.rule == "todo"]


def refusal(findings: Sequence[Finding]) -> str:
    lines = [text_line(finding) for finding in findings]
    return "\n".join([*lines, f"--final refuses to build: {summary(findings)} open."])


def report_unresolved(
    unresolved: Unresolved, sources: Sequence[ChapterSource], mode: Mode, progress: Progress
) -> None:
    """A draft shows "(key?)" and "?@fig-x" and says where; a final build stops."""
    messages = [
        citation_message(unresolved.citations, sources),
        reference_message(unresolved.references, sources),
    ]
    message = "\n".join(message for message in messages if message)
    if message and mode == "final":
        raise BuildFailed(message)
    for line in message.splitlines():
        progress(f"warning: {line}")


def citation_message(keys: Sequence[str], sources: Sequence[ChapterSource]) -> str:
    places = []
    for key in keys:
        where = find_citation(sources, key)
        places.append(f"{where or 'build/thesis.md'}: citation @{key} not in the bibliography")
    return "\n".join(places)
