"""Faults and bad input end in one located message and the README's exit code, never a
traceback; nothing the user wrote is lost. The CLI runs as its own process."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_built
from processes import command, no_traceback, run
from small_project import thesis

CHAPTER = "# Kapitel\n\nDie Entitäten und x_n.\n"

TERMS = "lint:\n  terminology:\n    Eigennamen: [Entitäten]\n"


@pytest.mark.kernel
def test_a_dying_kernel_is_located(project) -> None:
    done = run("md", "-q", "-C", project("kernel-dies"))
    assert done.returncode == 1 and no_traceback(done)
    assert "thesis/01-kapitel.md:12: code cell 4: the kernel died" in done.stderr


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ("  - notes.txt\n", "thesis.yaml:3: chapters[0]: not a chapter notebook"),
        ("  - /etc/passwd\n", "thesis.yaml:3: chapters[0]: outside the project"),
        ("  - thesis/01.md\n  - thesis/01.md\n", "thesis.yaml:4: chapters[1]: thesis/01.md is"),
    ],
    ids=["txt", "absolute", "twice"],
)
def test_chapter_list_problems_are_located(tmp_path: Path, entries: str, message: str) -> None:
    root = thesis(tmp_path, f"title: x\nchapters:\n{entries}", {"01.md": CHAPTER})
    (root / "notes.txt").write_text("Notizen\n", encoding="utf-8")
    done = run("lint", "-C", root)
    assert done.returncode == 2 and no_traceback(done)
    assert message in done.stderr


def test_deeply_nested_yaml_is_a_configuration_error(tmp_path: Path) -> None:
    root = thesis(tmp_path, "title: x\nlayout: " + "[" * 600 + "]" * 600 + "\n", {})
    done = run("lint", "-C", root)
    assert done.returncode == 2 and no_traceback(done)
    assert "thesis.yaml: nested too deeply" in done.stderr


def test_broken_chapter_symlink_is_a_configuration_error(tmp_path: Path) -> None:
    root = thesis(tmp_path, "title: x\n", {"01.md": CHAPTER})
    (root / "thesis" / "02.md").symlink_to("verschoben.md")
    done = run("lint", "-C", root)
    assert done.returncode == 2
    assert "thesis/02.md: a symbolic link to a missing file (verschoben.md)" in done.stderr


def test_unreadable_thesis_yaml_is_exit_2(tmp_path: Path) -> None:
    root = thesis(tmp_path, "title: x\n", {"01.md": CHAPTER})
    config = root / "thesis.yaml"
    if os.geteuid() == 0:  # root reads any mode; /proc/self/mem refuses a plain read (EIO)
        config.unlink()
        config.symlink_to("/proc/self/mem")
    else:
        config.chmod(0)
    done = run("lint", "-C", root)
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert "thesis.yaml: cannot read it" in done.stderr


@pytest.fixture(scope="module")
def linted(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A project after its first `lint --format json`, which cached its chapter; each test
    damages the entry in a copy."""
    root = thesis(tmp_path_factory.mktemp("linted") / "p", f"title: x\n{TERMS}", {"01.md": CHAPTER})
    return root, run("lint", "--format", "json", "-C", root)


@pytest.mark.parametrize(
    "entry",
    ['{"notebook": {}, "cells": []}', "[]", '"text"', '{"notebook": {"cells": [{}]}}'],
    ids=["empty-notebook", "list", "string", "cell-without-keys"],
)
def test_damaged_cache_entry_is_a_miss(
    linted: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path, entry: str
) -> None:
    root, first = copy_built(linted[0], tmp_path / "p"), linted[1]
    (cached,) = (root / "build" / ".cache" / "sources").glob("*.json")
    cached.write_text(entry, encoding="utf-8")
    again = run("lint", "--format", "json", "-C", root)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert "cells" in json.loads(cached.read_text(encoding="utf-8"))


def test_notebook_without_cell_ids_makes_no_warning(tmp_path: Path) -> None:
    notebook = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Kapitel\n\nx_n"}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    root = thesis(tmp_path, "title: x\nexecute: never\n", {"01.ipynb": json.dumps(notebook)})
    for args in (("lint", "--fix"), ("md", "-q")):
        done = run(*args, "-C", root)
        assert "Warning" not in done.stderr, done.stderr
    assert "id" not in json.loads((root / "thesis" / "01.ipynb").read_text("utf-8"))["cells"][0]


def test_fix_writes_through_a_symlinked_chapter(tmp_path: Path) -> None:
    root = thesis(tmp_path / "p", f"title: x\n{TERMS}", {})
    shared = root / "gemeinsam" / "kapitel.md"  # a link out of the project is refused
    shared.parent.mkdir()
    shared.write_text(CHAPTER, encoding="utf-8")
    link = root / "thesis" / "01.md"
    link.symlink_to(shared)
    done = run("lint", "--fix", "-C", root)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert shared.read_text(encoding="utf-8") == "# Kapitel\n\nDie Eigennamen und $x_n$.\n"
    assert list(shared.parent.iterdir()) == [shared]


def test_full_disk_names_the_file_and_keeps_the_chapter(tmp_path: Path) -> None:
    chapter = CHAPTER + "Noch ein Satz mit Entitäten. " * 200
    root = thesis(tmp_path, f"title: x\n{TERMS}", {"01.md": chapter})
    limit = len(chapter.encode()) // 2

    def small_disk() -> None:  # writes past `limit` bytes fail as on a full disk (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = run("lint", "--fix", "-C", root, setup=small_disk)
    assert done.returncode == 1 and no_traceback(done)
    assert f"{root / 'thesis' / '01.md'}: File too large" in done.stderr
    assert (root / "thesis" / "01.md").read_text(encoding="utf-8") == chapter
    assert not list((root / "thesis").glob(".*.tmp"))


def test_fix_killed_mid_write_loses_nothing(tmp_path: Path) -> None:
    """SIGKILL at random moments: the chapter is always the old or the fixed text, and the
    next run removes what the killed ones left."""
    chapter = "# Kapitel\n\n" + "Die Entitäten im Satz.\n" * 10_000
    fixed = chapter.replace("Entitäten", "Eigennamen")
    root = thesis(tmp_path, f"title: x\n{TERMS}", {"01.md": chapter})
    path = root / "thesis" / "01.md"
    (root / "thesis" / f".01.md.thesisbuild-{'0' * 16}.tmp").write_text("halb", encoding="utf-8")
    rng = random.Random(4)
    for _ in range(4):
        process = subprocess.Popen(command("lint", "--fix", "-C", root), stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert path.read_text(encoding="utf-8") in (chapter, fixed)
        path.write_text(chapter, encoding="utf-8")
    done = run("lint", "--fix", "-C", root)
    assert done.returncode == 0
    assert path.read_text(encoding="utf-8") == fixed
    assert not list((root / "thesis").glob(".*.tmp"))


LOG = r"""(./thesis.tex (/usr/share/texlive/texmf-dist/tex/latex/foo/foo.sty
/usr/share/texlive/texmf-dist/tex/latex/foo/foo.sty:12: Undefined control sequence.
l.12 \bla
./latex/thesis.aux:3: Missing \endcsname inserted.
l.3 \newlabel{fig
./thesis.tex:348: FancyVerb Error:
  No verbatim file tabelle.txt
.
l.348 \VerbatimInput{tabelle.txt}
"""


def test_latex_errors_in_any_file_keep_file_line_and_message() -> None:
    """Recorded log lines (-file-line-error) from a package, the .aux and thesis.tex: an
    error outside thesis.tex keeps that file's line (it has no line of thesis.tex);
    relative names are relative to build/."""
    from thesisbuild.latex.log import parse_log

    sty = "/usr/share/texlive/texmf-dist/tex/latex/foo/foo.sty"
    found = [(p.file, p.file_line, p.message, p.context) for p in parse_log(LOG)]
    assert found == [
        (sty, 12, "Undefined control sequence.", "\\bla"),
        ("build/latex/thesis.aux", 3, "Missing \\endcsname inserted.", "\\newlabel{fig"),
        ("build/thesis.tex", None, "FancyVerb Error: No verbatim file tabelle.txt",
         "\\VerbatimInput{tabelle.txt}"),
    ]  # fmt: skip


# An install that lost the packaged nbconvert template: the child points the template's
# path at a file that does not exist (the install itself stays intact for other tests).
WITHOUT_TEMPLATE = """
import sys
from pathlib import Path
import thesisbuild.notebook.template as template
template.TEMPLATE = Path(sys.argv[1])
from thesisbuild.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_missing_export_template_says_reinstall(tmp_path: Path) -> None:
    root = thesis(tmp_path / "p", "title: x\nexecute: never\n", {"01.md": CHAPTER})
    missing = tmp_path / "thesisbuild" / "notebook" / "nbconvert" / "thesis.md.j2"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEMPLATE, str(missing), "md", "-C", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and no_traceback(done)
    assert f"{missing}: thesisbuild's nbconvert template is missing" in done.stderr
    assert "reinstall thesisbuild" in done.stderr
