"""`thesisbuild lint --fix`: only the flagged spans change, atomically, notebooks stay valid.

Always on copies of tests/data/fix, never on thesis/.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import nbformat
import pytest

from thesisbuild.lint.finding import Finding
from thesisbuild.lint.fix import fix_file
from thesisbuild.sources.chapter import Location

MARKDOWN = "thesis/01-markdown.md"
PERCENT = "thesis/02-percent.py"
NOTEBOOK = "thesis/03-notebook.ipynb"


@pytest.fixture
def fix_project(project, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/data/fix as the current folder (where users run thesisbuild)."""
    root = project("fix")
    monkeypatch.chdir(root)
    return root


def text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_only_flagged_spans_change(thesisbuild, fix_project: Path) -> None:
    before = {name: text(fix_project / name) for name in (MARKDOWN, PERCENT)}
    thesisbuild("lint", "--fix")
    assert text(fix_project / MARKDOWN) == (
        before[MARKDOWN]
        .replace("Entitäten-Erkennung findet Entitäten", "Eigennamenerkennung findet Eigennamen")
        .replace("ist \\hat{y}.", "ist $\\hat{y}$.")
    )
    assert text(fix_project / PERCENT) == before[PERCENT].replace(
        "# Die Entitäten mit h_{t-1}.", "# Die Eigennamen mit $h_{t-1}$."
    )


def test_notebook_stays_valid_with_outputs_untouched(thesisbuild, fix_project: Path) -> None:
    before = nbformat.read(fix_project / NOTEBOOK, as_version=4)
    thesisbuild("lint", "--fix")
    after = nbformat.read(fix_project / NOTEBOOK, as_version=4)
    nbformat.validate(after)
    assert [cell.source for cell in after.cells] == [
        "# Notebook\n\nDie Eigennamen und $x_t$ sowie\nweitere Eigennamen.",
        before.cells[1].source,
        "Schluss mit Eigennamen.",
    ]
    assert after.cells[1] == before.cells[1]
    assert after.metadata == before.metadata


def test_summary_of_changes_on_stderr(thesisbuild, fix_project: Path) -> None:
    run = thesisbuild("lint", "--fix")
    assert run.err.splitlines() == [
        f"{MARKDOWN}:3:5: fixed [terminology] Entitäten-Erkennung → Eigennamenerkennung",
        f"{MARKDOWN}:3:32: fixed [terminology] Entitäten → Eigennamen",
        f"{MARKDOWN}:3:59: fixed [math] \\hat{{y}} → $\\hat{{y}}$",
        f"{PERCENT}:4:7: fixed [terminology] Entitäten → Eigennamen",
        f"{PERCENT}:4:21: fixed [math] h_{{t-1}} → $h_{{t-1}}$",
        f"{NOTEBOOK}:cell 1:3:5: fixed [terminology] Entitäten → Eigennamen",
        f"{NOTEBOOK}:cell 1:3:19: fixed [math] x_t → $x_t$",
        f"{NOTEBOOK}:cell 1:4:9: fixed [terminology] Entitäten → Eigennamen",
        f"{NOTEBOOK}:cell 3:1:13: fixed [terminology] Entitäten → Eigennamen",
        f"{MARKDOWN}: 3 fix(es) written",
        f"{PERCENT}: 2 fix(es) written",
        f"{NOTEBOOK}: 4 fix(es) written",
        "0 error(s), 1 warning(s)",
    ]


def test_after_fix_no_terminology_errors_remain(thesisbuild, fix_project: Path) -> None:
    first = thesisbuild("lint")
    fixed = thesisbuild("lint", "--fix")
    again = thesisbuild("lint")
    assert first.code == 1
    assert first.out.count("[terminology]") == 6
    assert (fixed.code, again.code) == (0, 0)
    assert again.out.splitlines() == [f"{MARKDOWN}:4:76: warning [todo] open todo: Quelle"]


def test_writes_atomically_and_keeps_permissions(thesisbuild, fix_project: Path) -> None:
    path = fix_project / MARKDOWN
    path.chmod(0o640)
    inode = path.stat().st_ino
    thesisbuild("lint", "--fix")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # a new file renamed into place, not rewritten in place
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "01-markdown.md",
        "02-percent.py",
        "03-notebook.ipynb",
    ]


def test_keeps_windows_line_endings(thesisbuild, fix_project: Path) -> None:
    path = fix_project / MARKDOWN
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    thesisbuild("lint", "--fix")
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 8
    assert b"Eigennamenerkennung findet Eigennamen" in data


def test_nothing_to_fix(thesisbuild, project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project("lint-formats")
    monkeypatch.chdir(root)
    (root / "thesis.yaml").write_text("title: Ohne Regeln\n", encoding="utf-8")
    chapter = root / "thesis" / "01-markdown.md"
    before = chapter.read_bytes()
    run = thesisbuild("lint", "--fix", chapter)
    assert "nothing to fix" in run.err
    assert chapter.read_bytes() == before


def test_a_span_that_changed_since_lint_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "kapitel.md"
    path.write_text("# Kapitel\n\nDie Eigennamen.\n", encoding="utf-8")
    stale = Finding(
        Location("kapitel.md", 3, 5), "terminology", "error", "…", "Entitäten", "Eigennamen"
    )
    [change] = fix_file(path, [stale])
    assert not change.applied
    assert path.read_text(encoding="utf-8") == "# Kapitel\n\nDie Eigennamen.\n"


def test_fix_with_project_option_from_another_folder(
    thesisbuild, project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = project("fix")
    monkeypatch.chdir(tmp_path)
    run = thesisbuild("lint", "--fix", "-C", os.path.relpath(root, tmp_path))
    assert run.code == 0
    assert "Eigennamenerkennung" in text(root / MARKDOWN)


@pytest.mark.parametrize("suffix", [".md", ".ipynb"])
def test_a_chapter_with_a_byte_order_mark_is_fixed_in_place(
    tmp_path: Path, thesisbuild, suffix: str
) -> None:
    text = "# x_n am Anfang\n\nUnd y_n.\n"
    if suffix == ".ipynb":
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
        text = nbformat.writes(notebook)
    chapter = tmp_path / "thesis" / f"01{suffix}"
    chapter.parent.mkdir()
    chapter.write_bytes(b"\xef\xbb\xbf" + text.encode())
    (tmp_path / "thesis.yaml").write_text("title: T\n", encoding="utf-8")
    run = thesisbuild("lint", "--fix", "-C", tmp_path)
    assert "Traceback" not in run.err and "2 fix(es) written" in run.err
    assert "# $x_n$ am Anfang" in chapter.read_text(encoding="utf-8-sig")


def test_an_image_path_in_another_case_gets_the_files_name(thesisbuild, tmp_path: Path) -> None:
    """`example1.png` for `img/example1.PNG` (written on macOS): --fix writes the real
    name in a Markdown chapter and a notebook; a missing image stays a finding."""
    from small_project import thesis, tiny_png

    chapter = "# A\n\n![Eins](IMG/example1.png)\n\n![Fehlt](img/fehlt.png)\n"
    root = thesis(tmp_path, 'title: "T"\nauthor: "A"\nexecute: never\n', {"01-a.md": chapter})
    (root / "thesis" / "img").mkdir()
    (root / "thesis" / "img" / "example1.PNG").write_bytes(tiny_png())
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# B\n\nSiehe ![Zwei](thesis/img/EXAMPLE1.png).")])  # fmt: skip
    nbformat.write(notebook, root / "thesis" / "02-b.ipynb")
    before = thesisbuild("lint", "-C", root)
    assert "01-a.md:3:9: warning [image] image path differs in case from the file " \
           "'img/example1.PNG'" in before.out  # fmt: skip
    assert "01-a.md:5:10: warning [image] image not found: img/fehlt.png" in before.out
    thesisbuild("lint", "--fix", "-C", root)
    assert "![Eins](img/example1.PNG)" in text(root / "thesis" / "01-a.md")
    fixed = nbformat.read(root / "thesis" / "02-b.ipynb", as_version=4)
    assert fixed.cells[0].source == "# B\n\nSiehe ![Zwei](thesis/img/example1.PNG)."
    after = thesisbuild("lint", "-C", root)
    assert "differs in case" not in after.out and "img/fehlt.png" in after.out
