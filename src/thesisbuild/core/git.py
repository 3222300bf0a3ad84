"""The project's git history, read and tagged through the one subprocess runner: the
supervisor-meeting commands compare revisions and count old ones, and never touch the
user's working tree, index, stash, HEAD or branches (old trees are exported into build/)."""

from __future__ import annotations

import re
import shutil
import tarfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import EXIT_USAGE, ThesisbuildError
from .proc import run, which

MEETING_PREFIX = "meeting-"
MEETING_TAG = re.compile(rf"^{MEETING_PREFIX}(\d{{4}}-\d{{2}}-\d{{2}})(?:-(\d+))?$")
FIELD = "\x1f"
# Commit, ISO date, author: one line per commit from `git log`/`git show`.
COMMIT_FORMAT = FIELD.join(["%H", "%cI", "%an", "%ae"])
# No hook or file-system monitor of the repository's config runs for a read.
SAFE = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"]
REGULAR_MODES = ("100644", "100755")  # not a symbolic link (120000) or a submodule


class RepositoryProblem(ThesisbuildError):
    """The git history cannot answer: no repository, an unknown revision, no meeting tag."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Revision:
    """One commit as the user named it (a tag, HEAD, a hash)."""

    name: str
    commit: str
    date: str  # ISO 8601, the committer's
    author: str
    email: str

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Repository:
    """The git repository the project lives in; paths are relative to `root`, the
    project folder (which may be a subfolder of the repository)."""

    root: Path

    @classmethod
    def of(cls, root: Path) -> Repository:
        """The project's repository; stops with exit 2 when the project is not in one."""
        which("git", "Install git (Debian: apt-get install git).")
        repository = cls(root)
        if repository.git("rev-parse", "--is-inside-work-tree", check=False) != "true":
            raise RepositoryProblem(
                f"{root}: not a git repository; the meeting commands compare commits "
                "(run `git init` and commit the thesis first)"
            )
        return repository

    def git(self, *args: str, check: bool = True) -> str:
        """git's output without trailing space; with check=False empty when git failed."""
        done = run(["git", *SAFE, *args], cwd=self.root, check=False)
        if done.returncode != 0:
            if check:
                raise RepositoryProblem(f"git {' '.join(args)}: {last_line(done.output)}")
            return ""
        return done.output.rstrip()

    def resolve(self, name: str) -> Revision:
        """The commit `name` points at; an unknown name stops with exit 2."""
        line = self.git("log", "-1", f"--format={COMMIT_FORMAT}", f"{name}^{{commit}}", "--",
                        check=False)  # fmt: skip
        if not line:
            raise RepositoryProblem(f"unknown revision {name!r}: `git log --oneline` lists "
                                    "commits, `git tag` the meeting tags")  # fmt: skip
        commit, when, author, email = line.split(FIELD)
        return Revision(name, commit, when, author, email)

    def meeting_tags(self) -> list[Revision]:
        """Every `meeting-YYYY-MM-DD[-N]` tag, oldest meeting first."""
        names = self.git("tag", "--list", f"{MEETING_PREFIX}*").split()
        return [self.resolve(name) for name in sorted(filter(MEETING_TAG.match, names),
                                                       key=meeting_order)]  # fmt: skip

    def latest_meeting(self) -> Revision:
        """The newest meeting tag; none stops with exit 2."""
        tags = self.meeting_tags()
        if not tags:
            raise RepositoryProblem(
                "no meeting-* tag yet: `thesisbuild meeting` tags one, or name a revision "
                "(`thesisbuild diff HEAD~3`)"
            )
        return tags[-1]

    def next_meeting_tag(self, day: date) -> str:
        """`meeting-YYYY-MM-DD`, or with `-2`, `-3` for further meetings that day."""
        taken = set(self.git("tag", "--list", f"{MEETING_PREFIX}{day.isoformat()}*").split())
        name, number = f"{MEETING_PREFIX}{day.isoformat()}", 1
        while name in taken:
            number += 1
            name = f"{MEETING_PREFIX}{day.isoformat()}-{number}"
        return name

    def tag(self, name: str, revision: str = "HEAD") -> None:
        """A lightweight local tag (no identity needed; the name carries the date)."""
        self.git("tag", name, revision)

    def changed_files(self) -> list[str]:
        """Uncommitted changes in the project folder: modified, staged, untracked."""
        status = self.git("status", "--porcelain", "--untracked-files=normal", "--", ".")
        prefix = self.git("rev-parse", "--show-prefix")  # porcelain names from the top
        return [line[3:].removeprefix(prefix) for line in status.splitlines() if line.strip()]

    def show(self, revision: Revision, path: str) -> str | None:
        """A project file's text at the revision; None when it did not exist there."""
        done = run(["git", *SAFE, "show", f"{revision.commit}:./{path}"], cwd=self.root,
                   check=False)  # fmt: skip
        return done.output if done.returncode == 0 else None

    def files(self, revision: Revision, paths: list[str]) -> dict[str, str]:
        """The regular files at or under the project paths at the revision → their blob
        ids (a blob seen at an earlier revision need not be read or counted again)."""
        listing = self.git("--literal-pathspecs", "ls-tree", "-r", "-z", revision.commit, "--",
                           *paths)  # fmt: skip
        found = {}
        for entry in filter(None, listing.split("\0")):
            meta, _, name = entry.partition("\t")
            mode, _, blob = meta.split(" ")
            if mode in REGULAR_MODES:
                found[name] = blob
        return found

    def blob(self, blob: str) -> str:
        """A file's text by its blob id (from `files`)."""
        return run(["git", *SAFE, "cat-file", "blob", blob], cwd=self.root).output

    def commits_touching(self, paths: list[str]) -> list[Revision]:
        """Every commit that changed one of the paths, oldest first."""
        lines = self.git("log", "--reverse", f"--format={COMMIT_FORMAT}", "--", *paths)
        return [Revision(fields[0][:7], *fields) for fields in
                (line.split(FIELD) for line in lines.splitlines() if line)]  # fmt: skip

    def export(self, revision: Revision, folder: Path) -> Path:
        """The project folder as it was at the revision, written into `folder` (emptied
        first) from `git archive`: the user's checkout is not touched."""
        archive = folder.with_suffix(".tar")
        folder.parent.mkdir(parents=True, exist_ok=True)
        self.git("archive", "--format=tar", "-o", str(archive), revision.commit, "--", ".")
        if folder.exists():
            shutil.rmtree(folder)
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
        archive.unlink()
        return folder


def meeting_order(name: str) -> tuple[str, int]:
    match = MEETING_TAG.match(name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def meeting_day(name: str) -> str | None:
    """The date a meeting tag names, or None for another revision."""
    match = MEETING_TAG.match(name)
    return match.group(1) if match else None


def last_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ") if lines else "failed"
