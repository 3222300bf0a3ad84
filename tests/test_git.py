"""core/git.py on real repositories in tmp: revisions, meeting tags, old files, export —
and the user's checkout untouched."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from thesisbuild.core.git import Repository, RepositoryProblem, meeting_day


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.org", *args],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    project = tmp_path / "repo" / "thesis-project"
    (project / "thesis").mkdir(parents=True)
    git(tmp_path / "repo", "init", "-q", "-b", "main")
    (project / "thesis" / "01.md").write_text("# Eins\n\nAlt.\n", encoding="utf-8")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first")
    git(project, "tag", "meeting-2026-11-02")
    (project / "thesis" / "01.md").write_text("# Eins\n\nNeu.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "second")
    return project


def test_revisions_and_old_text(repository: Path) -> None:
    repo = Repository.of(repository)
    first = repo.resolve("meeting-2026-11-02")
    assert first.author == "Ada" and len(first.commit) == 40
    assert repo.show(first, "thesis/01.md") == "# Eins\n\nAlt.\n"
    assert repo.show(first, "thesis/02.md") is None
    assert repo.commits_touching(["thesis"])[0].commit == first.commit


def test_meeting_tags_in_meeting_order(repository: Path) -> None:
    repo = Repository.of(repository)
    repo.tag(repo.next_meeting_tag(date(2026, 11, 2)))
    repo.tag("meeting-2026-10-30")
    names = [tag.name for tag in repo.meeting_tags()]
    assert names == ["meeting-2026-10-30", "meeting-2026-11-02", "meeting-2026-11-02-2"]
    assert repo.latest_meeting().name == "meeting-2026-11-02-2"
    assert meeting_day("meeting-2026-11-02-2") == "2026-11-02"


def test_export_leaves_the_checkout_alone(repository: Path, tmp_path: Path) -> None:
    repo = Repository.of(repository)
    (repository / "thesis" / "01.md").write_text("uncommitted\n", encoding="utf-8")
    state = ("status", "--porcelain"), ("rev-parse", "HEAD"), ("stash", "list")
    before = [git(repository, *args) for args in state]
    old = repo.export(repo.resolve("meeting-2026-11-02"), tmp_path / "old")
    assert (old / "thesis" / "01.md").read_text(encoding="utf-8") == "# Eins\n\nAlt.\n"
    assert [git(repository, *args) for args in state] == before
    assert repo.changed_files() == ["thesis/01.md"]


def test_no_repository_no_tag_unknown_revision(tmp_path: Path, repository: Path) -> None:
    with pytest.raises(RepositoryProblem, match="not a git repository"):
        Repository.of(tmp_path)
    repo = Repository.of(repository)
    with pytest.raises(RepositoryProblem, match="unknown revision 'nope'"):
        repo.resolve("nope")
    git(repository, "tag", "-d", "meeting-2026-11-02")
    with pytest.raises(RepositoryProblem, match="no meeting-\\* tag"):
        repo.latest_meeting()
