"""`thesisbuild meeting`: one command before a supervisor meeting. On a clean tree it tags
HEAD `meeting-YYYY-MM-DD` (`-2`, `-3` for further meetings that day), builds the draft
build/thesis.pdf and build/diff.pdf against the previous meeting tag (or `--since`). A
tree with uncommitted changes is refused before anything is tagged: the tag must name
what the supervisor reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from ..config.model import Config
from ..core.errors import BuildFailed
from ..core.git import Repository, RepositoryProblem, Revision
from ..core.paths import BuildPaths
from ..core.progress import Reporter
from .diff import DiffOutcome, build_diff
from .diffsides import uncommitted
from .pipeline import build_pdf
from .target import Target

T = TypeVar("T")


@dataclass(frozen=True)
class MeetingOutcome:
    """The tag made, the PDFs built (None: not built), and the failures of builds that
    still delivered (a draft with parts set aside) or did not."""

    tag: str
    thesis: Path | None
    diff: DiffOutcome | None
    previous: Revision | None
    failures: tuple[str, ...]


def prepare_meeting(
    config: Config, since: str | None, report: Reporter, today: date | None = None
) -> MeetingOutcome:
    repository = Repository.of(config.root)
    dirty = uncommitted(repository)
    if dirty:
        raise RepositoryProblem(
            f"uncommitted changes in {', '.join(dirty)}: commit them first "
            "(the meeting tag names what your supervisor reads); nothing was tagged"
        )
    previous = repository.resolve(since) if since else last_meeting(repository)
    if previous is None:
        report.say("first meeting: no earlier meeting-* tag to compare with (or give --since REV)")
    tag = repository.next_meeting_tag(today or date.today())
    repository.tag(tag)
    report.say(f"tagged HEAD {tag}")
    paths = BuildPaths.of(config.root)
    failures: list[str] = []
    thesis = attempt(lambda: build_pdf(config, Target("draft", paths.default_pdf), report),
                     failures)  # fmt: skip
    diff = None
    if previous is not None and previous.commit == repository.resolve("HEAD").commit:
        report.say(f"no commits since {previous.name}: nothing to compare, no diff.pdf")
        previous = None
    if previous is not None:
        output = paths.build / "diff.pdf"
        diff = attempt(lambda: build_diff(config, previous.name, "pdf", output, report), failures)
    return MeetingOutcome(tag, thesis, diff, previous, tuple(failures))


def last_meeting(repository: Repository) -> Revision | None:
    tags = repository.meeting_tags()
    return tags[-1] if tags else None


def attempt(build: Callable[[], T], failures: list[str]) -> T | None:
    """A failed build is told at the end; the other one is still made."""
    try:
        return build()
    except BuildFailed as failure:
        failures.append(str(failure.message))
        return None
