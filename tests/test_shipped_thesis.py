"""The repository's own thesis (thesis/, thesis.yaml), which its author edits every day:
only what stays true while they write — lint runs and points into the chapters, the PDF
builds with every chapter in it. Pinned counts and lines belong to tests/data/draft."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tex import pdf_text, require_tex

from thesisbuild.config.reader import load
from thesisbuild.notebook.export import path_key

REPO = Path(__file__).resolve().parents[1]


def test_lint_runs_and_every_finding_points_into_a_chapter(thesisbuild) -> None:
    """…or into the bibliography, where an entry no chapter cites stands."""
    run = thesisbuild("lint", "-C", REPO, "--format", "json")
    assert run.code in (0, 1), run.err
    config = load(REPO)
    files = {config.relative(path) for path in (*config.chapters, *config.appendix)}
    if config.bibliography is not None:
        files.add(config.relative(config.bibliography))
    for finding in json.loads(run.out):
        assert finding["path"] in files
        lines = (REPO / finding["path"]).read_text(encoding="utf-8").splitlines()
        assert finding["cell"] is not None or 1 <= finding["line"] <= len(lines)


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory: pytest.TempPathFactory, thesisbuild) -> Path:
    """A copy of thesis/, thesis.yaml and bibliography.bib, so the repository's build/ is
    never touched."""
    require_tex()
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
    text = pdf_text(pdf, joined=True)
    for chapter in (*config.chapters, *config.appendix):
        key = path_key(config.relative(chapter))
        exported = (shipped_build / "build" / "chapters" / f"{key}.md").read_text("utf-8")
        assert exported.strip(), f"{config.relative(chapter)} exported nothing"
        seen = printed_words(exported)
        assert seen, f"{config.relative(chapter)}: no plain words to look for"
        assert seen in text, f"{config.relative(chapter)}: {seen!r} is not in the PDF"


def printed_words(markdown: str) -> str:
    """The chapter's title, or (a chapter just begun may have none) the first words of its
    first plain paragraph: text the PDF shows as written, whatever the author wrote."""
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block.startswith("# "):
            return block[2:].split(" {", 1)[0].strip()
        words = block.split()[:4]
        if words and all(word.isalpha() for word in words):
            return " ".join(words)
    return ""
