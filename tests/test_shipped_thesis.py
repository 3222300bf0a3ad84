"""The repository's own thesis (thesis/, thesis.yaml), which its author edits every day:
only what stays true while they write — lint runs and points into the chapters, the PDF
builds with every chapter in it. Pinned counts and lines belong to tests/data/draft."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from thesisbuild.config.reader import load
from thesisbuild.notebook.export import path_key

REPO = Path(__file__).resolve().parents[1]


def test_lint_runs_and_every_finding_points_into_a_chapter(thesisbuild) -> None:
    run = thesisbuild("lint", "-C", REPO, "--format", "json")
    assert run.code in (0, 1), run.err
    config = load(REPO)
    chapters = {config.relative(path) for path in (*config.chapters, *config.appendix)}
    for finding in json.loads(run.out):
        assert finding["path"] in chapters
        lines = (REPO / finding["path"]).read_text(encoding="utf-8").splitlines()
        assert finding["cell"] is not None or 1 <= finding["line"] <= len(lines)


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory: pytest.TempPathFactory, thesisbuild) -> Path:
    """A copy of thesis/, thesis.yaml and bibliography.bib, so the repository's build/ is
    never touched."""
    root = tmp_path_factory.mktemp("shipped") / "project"
    shutil.copytree(REPO / "thesis", root / "thesis")
    for name in ("thesis.yaml", "bibliography.bib"):
        shutil.copy2(REPO / name, root / name)
    run = thesisbuild("pdf", "-q", "-C", root)
    assert run.code == 0, run.err
    return root


@pytest.mark.kernel
@pytest.mark.tex
def test_the_pdf_builds_with_every_chapter(shipped_build: Path) -> None:
    config = load(shipped_build)
    pdf = shipped_build / "build" / "thesis.pdf"
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for chapter in (*config.chapters, *config.appendix):
        key = path_key(config.relative(chapter))
        exported = (shipped_build / "build" / "chapters" / f"{key}.md").read_text("utf-8")
        headings = [line for line in exported.splitlines() if line.startswith("# ")]
        assert exported.strip(), f"{config.relative(chapter)} exported nothing"
        # a chapter just begun may have no heading yet: its text is there, unnamed
        title = headings[0][2:].split(" {", 1)[0].strip() if headings else ""
        assert title in text, f"{config.relative(chapter)}: {title!r} is not in the PDF"
