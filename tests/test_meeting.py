"""`thesisbuild meeting` on real git repositories: a dirty tree is refused before any tag;
a clean one is tagged, both PDFs built and named, with the push hint; a second meeting the
same day gets `-2`. The built repository is shared with test_diff.py (conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import MeetingBuild, Run
from meeting_project import EARLIER, git, meeting_repository

pytestmark = [pytest.mark.tex, pytest.mark.kernel]


def test_a_dirty_tree_is_refused_and_nothing_tagged(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    root = meeting_repository(tmp_path / "arbeit")
    (root / "thesis" / "03-schluss.md").write_text("# Schluss\n\nGeändert.\n", encoding="utf-8")
    (root / "notizen.md").write_text("neu\n", encoding="utf-8")
    done = thesisbuild("meeting", "-C", root)
    assert done.code == 2
    assert "thesis/03-schluss.md" in done.err and "notizen.md" in done.err
    assert "nothing was tagged" in done.err and len(done.err.strip().splitlines()) == 1
    assert git(root, "tag") == EARLIER
    assert not (root / "build" / "thesis.pdf").exists()


def test_a_clean_tree_is_tagged_and_both_pdfs_built(meeting_build: MeetingBuild) -> None:
    today = f"meeting-{date.today().isoformat()}"
    first = meeting_build.first
    assert first.out.strip().splitlines()[-2:] == ["build/thesis.pdf", "build/diff.pdf"]
    assert "Schluss: unchanged" in first.out and f"changed since {EARLIER}:" in first.out
    assert "\ntotal " in first.out  # the stats table
    assert f"git push origin {today}" in first.err
    assert (meeting_build.root / "build" / "thesis.pdf").is_file()
    tags = git(meeting_build.root, "tag").split()
    assert tags == [EARLIER, today, f"{today}-2"]
    assert git(meeting_build.root, "rev-parse", f"{today}^{{commit}}") == git(
        meeting_build.root, "rev-parse", "HEAD"
    )


def test_a_second_meeting_the_same_day_gets_its_number(meeting_build: MeetingBuild) -> None:
    second = meeting_build.second
    today = f"meeting-{date.today().isoformat()}"
    assert second.code == 0, second.err
    assert f"tagged HEAD {today}-2" in second.err
    assert f"no commits since {today}" in second.err
    assert second.out.strip().splitlines()[-1] == "build/thesis.pdf"
    assert "build/diff.pdf" not in second.out and "total" in second.out  # the stats table
