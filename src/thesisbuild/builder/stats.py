"""`stats`: what the thesis holds now, chapter by chapter, and how its totals grew over the
revisions in git (meeting tags and HEAD, or every commit touching the chapters). Old
revisions are read with git (ls-tree, cat-file), never checked out or built; each chapter
is parsed as `lint` parses it (through the same cache) and counted by text/counts.py."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from ..config.model import CHAPTER_DIR, CHAPTER_SUFFIXES, CONFIG_NAME, Config
from ..core.errors import EnvironmentProblem, ThesisbuildError
from ..core.git import Repository, Revision
from ..core.paths import BuildPaths
from ..core.proc import run, which
from ..sources.cache import CACHE_SUBDIR
from ..sources.chapter import ChapterSource, parse_cached
from ..sources.project import read_sources
from ..text.counts import ChapterCounts, Totals, count_chapter, total

PAGES = re.compile(r"^Pages:\s+(\d+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ProjectStats:
    """The chapters' counts now, their totals and the PDF's pages (None without a PDF)."""

    chapters: tuple[ChapterCounts, ...]
    total: Totals
    pages: int | None
    pdf_outdated: bool  # build/thesis.pdf is older than a chapter or thesis.yaml


@dataclass(frozen=True)
class RevisionStats:
    """The thesis' totals at one revision; `notes` say what could not be counted as is."""

    revision: Revision
    total: Totals
    notes: tuple[str, ...] = ()


def project_stats(config: Config) -> ProjectStats:
    """Count every chapter and appendix of the working tree, and the PDF's pages."""
    sources = read_sources(config)
    chapters = tuple(count_chapter(source) for source in sources)
    pdf = BuildPaths.of(config.root).default_pdf
    pages = pdf_pages(pdf)
    return ProjectStats(
        chapters, total(chapters), pages, pages is not None and outdated(pdf, config, sources)
    )


def pdf_pages(pdf: Path) -> int | None:
    """The PDF's page count from poppler's pdfinfo (a build's own tool, ~20 ms); None
    when there is no PDF, no pdfinfo, or pdfinfo cannot read it."""
    if not pdf.is_file():
        return None
    try:
        done = run([which("pdfinfo", ""), str(pdf)], check=False)
    except EnvironmentProblem:
        return None
    match = PAGES.search(done.output) if done.returncode == 0 else None
    return int(match.group(1)) if match else None


def outdated(pdf: Path, config: Config, sources: Sequence[ChapterSource]) -> bool:
    built = pdf.stat().st_mtime
    read = [config.root / CONFIG_NAME, *(source.path for source in sources)]
    return any(path.stat().st_mtime > built for path in read if path.exists())


def revisions(repository: Repository, config: Config, every_commit: bool) -> list[Revision]:
    """Every meeting tag and HEAD; or every commit that touched thesis.yaml or a chapter."""
    if every_commit:
        listed = [config.relative(path) for path in (*config.chapters, *config.appendix)]
        return repository.commits_touching([CONFIG_NAME, f"{CHAPTER_DIR}/", *listed])
    return [*repository.meeting_tags(), repository.resolve("HEAD")]


def revision_history(config: Config, every_commit: bool = False) -> list[RevisionStats]:
    """The totals at each revision, oldest first, read from git alone."""
    repository = Repository.of(config.root)
    reader = HistoryReader(repository, config)
    return [reader.stats(revision) for revision in revisions(repository, config, every_commit)]


@dataclass
class HistoryReader:
    """Counts revisions, each chapter blob once: most chapters do not change between two
    meetings, and a blob's counts are the same at every revision that holds it."""

    repository: Repository
    config: Config
    counted: dict[tuple[str, str], Totals] = field(default_factory=dict)

    def stats(self, revision: Revision) -> RevisionStats:
        listed, notes = chapter_list(self.repository, revision, self.config)
        chapters, appendix = listed
        files = self.repository.files(revision, [f"{CHAPTER_DIR}/", *(chapters or []), *appendix])
        paths = [*(sorted(default_chapters(files)) if chapters is None else chapters), *appendix]
        totals = [self.count(revision, path, files.get(path), notes) for path in paths]
        return RevisionStats(revision, sum(totals, Totals()), tuple(notes))

    def count(self, revision: Revision, path: str, blob: str | None, notes: list[str]) -> Totals:
        if blob is None:
            return Totals()  # listed, not yet written
        if (path, blob) not in self.counted:
            try:
                self.counted[path, blob] = count_chapter(self.parse(path, blob)).totals
            except ThesisbuildError as error:  # a notebook broken at that commit
                notes.append(f"{revision.name}: not counted: {error.format_message()}")
                self.counted[path, blob] = Totals()
        return self.counted[path, blob]

    def parse(self, path: str, blob: str) -> ChapterSource:
        data = self.repository.blob(blob).encode("utf-8")
        return parse_cached(Path(path), path, data, self.config.root / CACHE_SUBDIR)


Listed = tuple[list[str] | None, list[str]]


def chapter_list(
    repository: Repository, revision: Revision, config: Config
) -> tuple[Listed, list[str]]:
    """The chapters (None: thesis/ in file-name order) and appendix thesis.yaml listed at
    the revision, and a note when that thesis.yaml cannot be read: then today's lists."""
    text = repository.show(revision, CONFIG_NAME)
    try:
        listed = listed_chapters(yaml.safe_load(text) if text is not None else {})
    except yaml.YAMLError:
        listed = None
    if listed is not None:
        return listed, []
    today = [config.relative(path) for path in config.chapters]
    note = f"{revision.name}: {CONFIG_NAME} unreadable there; counted today's chapter list"
    return (today, [config.relative(path) for path in config.appendix]), [note]


def listed_chapters(data: object) -> Listed | None:
    """`chapters` (None when absent) and `appendix` of a thesis.yaml's data; None for
    data that is no thesis.yaml (not a mapping, lists that are no lists of file names)."""
    if not isinstance(data, dict):
        return None
    chapters, appendix = data.get("chapters"), data.get("appendix") or []
    if not all(names(value) for value in (chapters or [], appendix)):
        return None
    return chapters, appendix


def names(value: object) -> bool:
    """A list of project files: relative paths that stay in the project (an old thesis.yaml
    was never checked against today's rules)."""
    return isinstance(value, list) and all(
        isinstance(name, str)
        and not PurePosixPath(name).is_absolute()
        and ".." not in PurePosixPath(name).parts
        for name in value
    )


def default_chapters(files: dict[str, str]) -> Iterator[str]:
    """config.model.default_chapters at a revision: chapter files directly in thesis/."""
    for name in files:
        folder, _, rest = name.partition("/")
        if folder == CHAPTER_DIR and "/" not in rest and Path(rest).suffix in CHAPTER_SUFFIXES:
            yield name
