"""`thesisbuild diff` against one cold build of the same thesis, in the same run. The diff
is cold too (nothing built before): it renders both revisions (the old one's code from the
cache the new side just filled), has pandoc read both manuscripts, and builds one PDF.
The commits are made before the clock starts: the copy becomes a git repository, its
state is tagged as a meeting, then a prose edit and a code edit are committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from commands import Tools
from loop import edit_code, edit_prose
from timing import Case

TAG = "meeting-2026-11-02"
DIFF_TARGET = "cold `thesisbuild diff` ≤ 2× one cold `thesisbuild pdf` of the same thesis"
DIFF_TARGET_RATIO = 2.0


def git(copy: Path, *args: str) -> None:
    identity = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", *identity, *args], cwd=copy, check=True, capture_output=True)


def two_revisions(copy: Path) -> None:
    """The copy as a repository: its thesis tagged as a meeting, then edited and committed."""
    (copy / ".gitignore").write_text("build/\n", encoding="utf-8")
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", ".")
    git(copy, "commit", "-q", "-m", "before the meeting")
    git(copy, "tag", TAG)
    edit_prose(copy)
    edit_code(copy)
    git(copy, "commit", "-q", "-am", "after the meeting")


def diff_argv(tools: Tools, copy: Path) -> list[str]:
    two_revisions(copy)  # untimed: argv is made before the clock starts
    return [tools.thesisbuild, "diff", "-q"]


def diff_cases(tools: Tools) -> list[Case]:
    return [
        Case(
            f"thesisbuild diff {TAG} (cold; a prose and a code edit since)",
            "thesisbuild",
            lambda copy: diff_argv(tools, copy),
            "thesisbuild",
        ),
        Case(
            "thesisbuild pdf (one cold build of the same thesis)",
            "cold pdf",
            lambda _: [tools.thesisbuild, "pdf", "-q"],
        ),
    ]
