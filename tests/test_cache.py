"""The execution cache: which edits run a chapter's code again and which take its outputs
from build/.cache/executed/. Each rule starts from a copy of one project built once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_built

from thesisbuild.core.progress import QUIET_VARIABLE

pytestmark = pytest.mark.kernel

CHAPTER = "thesis/01-kapitel.md"
RAN = f"{CHAPTER}: executed and exported"
CACHED = f"{CHAPTER}: exported (code unchanged: outputs from the cache)"
TOKEN = re.compile(r"lauf-[0-9a-f]{8}")


@pytest.fixture
def copy(exec_cache_build: tuple[Path, Run], tmp_path: Path) -> Path:
    """A copy of tests/data/exec-cache after its one build (conftest's `exec_cache_build`),
    whose chapter ran then."""
    root, run = exec_cache_build
    assert RAN in run.err
    return copy_built(root, tmp_path / "project")


def entries(root: Path) -> int:
    """How many chapters' outputs build/.cache/executed/ keeps."""
    return len(list((root / "build" / ".cache" / "executed").iterdir()))


def token(root: Path) -> str:
    found = TOKEN.search((root / "build" / "thesis.md").read_text(encoding="utf-8"))
    assert found, "the cell's output is missing from build/thesis.md"
    return found.group(0)


def edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: dict[str, tuple[Callable[[Path], None], bool]] = {
    "nothing": (lambda root: None, False),
    "prose": (lambda r: edit(r, CHAPTER, "Erster Absatz", "Ein neuer erster Absatz"), False),
    "prose-only-heading": (lambda r: edit(r, CHAPTER, "# Kapitel", "# Ein Kapitel"), False),
    "code": (lambda r: edit(r, CHAPTER, 'print("lauf-"', 'print( "lauf-"'), True),
    "cell-option": (lambda r: edit(r, CHAPTER, "import uuid", "#| echo: false\nimport uuid"), True),
    "data-file": (lambda r: (r / "data" / "messung.csv").write_text("neu\n", "utf-8"), True),
    "new-data-file": (lambda r: (r / "data" / "zweite.csv").write_text("1\n", "utf-8"), True),
    "code-hide": (lambda r: edit(r, "thesis.yaml", "title:", "code: hide\ntitle:"), False),
}


@pytest.mark.parametrize("change", EDITS)
def test_what_runs_the_code_again(copy: Path, thesisbuild, change: str) -> None:
    make_edit, runs = EDITS[change]
    before = token(copy)
    make_edit(copy)
    run = thesisbuild("md", "-C", copy)
    assert run.code == 0, run.err
    assert (RAN in run.err, CACHED in run.err) == (runs, not runs)
    assert (token(copy) != before) == runs
    assert entries(copy) == 1  # a re-run replaces the chapter's old outputs
    if change == "prose":
        assert "Ein neuer erster Absatz" in (copy / "build" / "thesis.md").read_text("utf-8")


def test_rerun_ignores_the_cache(copy: Path, thesisbuild) -> None:
    before = token(copy)
    run = thesisbuild("md", "--rerun", "-C", copy)
    assert (run.code, RAN in run.err) == (0, True)
    assert token(copy) != before


def test_a_kernel_change_is_not_served_from_the_cache(copy: Path, thesisbuild) -> None:
    """Another kernel name is another key: the build tries that kernel (not installed here)
    instead of showing the python3 outputs."""
    edit(copy, CHAPTER, "name: python3", "name: thesis-anderer-kern")
    run = thesisbuild("md", "-C", copy)
    assert run.code == 2
    assert "Jupyter kernel 'thesis-anderer-kern' is not installed" in run.err


def test_a_damaged_cache_entry_runs_the_code(copy: Path, thesisbuild) -> None:
    for entry in (copy / "build" / ".cache" / "executed").iterdir():
        entry.write_text("{kaputt", encoding="utf-8")
    run = thesisbuild("md", "-C", copy)
    assert (run.code, RAN in run.err) == (0, True)


def test_one_entry_per_chapter(copy: Path, thesisbuild) -> None:
    """Old outputs are dropped when the code changes: build/ does not grow per edit (the
    second edit drops what the first one's run wrote; every re-run of
    test_what_runs_the_code_again drops the shared build's)."""
    for number in range(2):
        edit(copy, CHAPTER, "import uuid", f"import uuid  # {number}")
        assert thesisbuild("md", "-C", copy).code == 0
        assert entries(copy) == 1


def test_auto_keeps_a_saved_notebook_with_an_import_cell_without_output(
    project, thesisbuild
) -> None:
    root = project("stored-outputs")
    run = thesisbuild("md", "-C", root)
    assert run.code == 0, run.err
    assert "thesis/01-gespeichert.ipynb: exported\n" in run.err
    assert "gespeichert-nicht-neu-berechnet" in (root / "build" / "thesis.md").read_text("utf-8")


def test_a_long_cell_is_reported_and_its_timeout_located(
    copy: Path, thesisbuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notice comes after 1 s here, and whenever the machine lets it: a lower bound
    on the time only, which a busy machine cannot break (its thread waits 1 s, the cell's
    timeout 2 s, both in the same process)."""
    monkeypatch.setenv(QUIET_VARIABLE, "1")
    (copy / "thesis.yaml").write_text("title: Lang\nexecute_timeout: 2\n", encoding="utf-8")
    edit(copy, CHAPTER, "import uuid", "import time\ntime.sleep(30)")
    run = thesisbuild("md", "-C", copy)
    assert run.code == 1
    assert re.search(rf"^{CHAPTER}:14: code cell 2: running for [12] s$", run.err, re.M)
    assert f"Error: {CHAPTER}:14: code cell 2 ran longer than 2 s and was stopped." in run.err
    assert "`execute_timeout` in thesis.yaml" in run.err
    assert "Traceback" not in run.err
