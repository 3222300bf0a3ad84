"""Both sides of `thesisbuild diff`, read: the working tree rendered as a build renders
it, the old revision exported from git into build/diff/old/ (the user's checkout, index,
stash, HEAD and branches untouched) and rendered through the same stages with the current
project's execution cache, so old code cells equal to the current ones are not run
again; each manuscript then read by pandoc, its chapters between markers."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from ..changes.counts import ChapterChanges
from ..changes.document import chapter_end, chapter_marker, marked_document
from ..changes.marks import Mark, Marking
from ..changes.pandocast import move_figures, read_document
from ..changes.summary import Compared, summary_blocks
from ..config.model import Config
from ..config.reader import load
from ..core.git import Repository, Revision
from ..core.paths import BuildPaths, refuse_planted_links
from ..core.progress import Reporter
from ..manuscript.assemble import Manuscript, assemble
from ..notebook.export import Chapter
from ..sources.chapter import ChapterSource
from .pipeline import execution, project_sources, render_all

Output = Literal["pdf", "docx"]
DIFF_DIR = "diff"
OLD_DIR = "old"  # the old tree, its own build/ inside
OLD_CACHE = "old-cache"  # the old side's cache entries, kept between runs


@dataclass(frozen=True)
class Sides:
    """The two documents compared, the current side's sources and manuscript."""

    old: dict[str, Any]
    new: dict[str, Any]
    sources: tuple[ChapterSource, ...]
    manuscript: Manuscript
    compared: Compared
    marking: Marking


def diff_paths(root: Path) -> BuildPaths:
    """build/diff/: the marked manuscript, its .tex and LaTeX run; the caches are build/'s."""
    whole = BuildPaths.of(root)
    return dataclasses.replace(whole, work=whole.build / DIFF_DIR)


def uncommitted(repository: Repository) -> tuple[str, ...]:
    """Changed files of the project, the build's own folder left out."""
    return tuple(p for p in repository.changed_files() if not p.startswith("build/"))


def read_sides(config: Config, revision: str | None, report: Reporter) -> tuple[Sides, Revision]:
    """Both sides rendered and read by pandoc; the old one is `revision` (default: the
    newest meeting tag), the new one the working tree."""
    repository = Repository.of(config.root)
    old = repository.resolve(revision) if revision else repository.latest_meeting()
    dirty = uncommitted(repository)
    head = repository.resolve("HEAD")
    paths = diff_paths(config.root)
    refuse_planted_links(paths.build)
    sources = project_sources(config, report)  # first: the old side reuses its cache entries
    new_paths = dataclasses.replace(paths, work=paths.work / "new")
    manuscript = marked_manuscript(config, new_paths, sources, report, execution(config, report))
    new_document = read_document(manuscript.path, paths.work / "new.json", report)
    old_document = old_side(config, repository, old, paths, report)
    compared = Compared(f"{old.name} ({old.short})", None if dirty else f"HEAD ({head.short})")
    sides = Sides(old_document, new_document, tuple(sources), manuscript, compared,
                  marking_for(head, bool(dirty)))  # fmt: skip
    return sides, old


def marking_for(newer: Revision, dirty: bool) -> Marking:
    """Changes by the newer revision's author at its commit's time (now for the working
    tree), in UTC as Word's tracked changes want it."""
    when = datetime.now(timezone.utc) if dirty else datetime.fromisoformat(newer.date)
    stamp = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Marking(Mark("insertion", newer.author, stamp), Mark("deletion", newer.author, stamp))


def old_side(
    config: Config, repository: Repository, revision: Revision, paths: BuildPaths, report: Reporter
) -> dict[str, Any]:
    """The revision's tree exported into build/diff/old/, rendered through the same stages
    with the current project's execution cache, read by pandoc; its figures moved under
    old/ so they never clash with the current ones."""
    told = Reporter(lambda line: report.say(f"{revision.name}: {line}"), report.command,
                    report.running)  # fmt: skip
    root = repository.export(revision, paths.work / OLD_DIR)
    old_build = BuildPaths.of(root)
    kept = paths.work / OLD_CACHE
    seed_cache(old_build.cache, (paths.cache, kept))
    old_config = load(root)
    if config.execute == "never":  # an untrusted project's history is no more trusted
        old_config = dataclasses.replace(old_config, execute="never")
    sources = project_sources(old_config, told)
    how = execution(old_config, told)
    manuscript = marked_manuscript(old_config, old_build, sources, told, how)
    seed_cache(kept, (old_build.cache,))
    document = read_document(manuscript.path, paths.work / "old.json", report)
    prefix = f"{OLD_DIR}/{old_build.build.relative_to(root)}/"
    move_figures(document, prefix, old_build.build, paths.build)
    return document


def seed_cache(target: Path, sources: Sequence[Path]) -> None:
    """Copy executed and exported entries: an entry whose key matches is used, others are
    ignored, so the old side runs only the code cells that differ."""
    for source in sources:
        for part in ("executed", "exported"):
            if (source / part).is_dir():
                shutil.copytree(source / part, target / part, dirs_exist_ok=True)


def marked_manuscript(
    config: Config, paths: BuildPaths, sources: Sequence[ChapterSource], report: Reporter,
    how: Any,
) -> Manuscript:  # fmt: skip
    """The manuscript as the build writes it, each chapter between two markers."""
    split = len(config.chapters)
    main = [with_markers(c) for c in render_all(config, sources[:split], report, how)]
    back = [with_markers(c) for c in render_all(config, sources[split:], report, how)]
    return assemble(config, main, back, paths)


def with_markers(chapter: Chapter) -> Chapter:
    markdown = chapter_marker(chapter.key) + chapter.markdown + chapter_end()
    return dataclasses.replace(chapter, markdown=markdown)


def marked(sides: Sides, config: Config, to: Output) -> tuple[dict[str, Any], list[ChapterChanges]]:
    """The marked document with the summary page first."""
    document, changes = marked_document(sides.old, sides.new, sides.marking)
    summary = summary_blocks(sides.compared, changes, config.language, to)
    return {**document, "blocks": summary + document["blocks"]}, changes
