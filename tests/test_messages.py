"""What a build says, said once and plainly: a refused read, a full disk, a damaged .aux
cleared like the other stale working files. One small project, written and built here
with the real pandoc and TeX: a draft whose first chapter shows an image from outside
the project; the later tests change copies of it, taking the image out."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Run, copy_built, run_thesisbuild
from small_project import SECOND, intro, pdf_text, tiny_png, write_project
from tex import require_tex

pytestmark = [pytest.mark.tex]
TOOLS = ("latexmk", "xelatex", "pdftotext")
# What the author writes once the refused image is gone: the rebuilt PDF shows it.
REWRITTEN = intro("Neu geschrieben.")


@dataclass(frozen=True)
class Refused:
    """The project, the image outside it and what its build said."""

    root: Path
    outside: Path
    run: Run


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Refused:
    require_tex(TOOLS)
    folder = tmp_path_factory.mktemp("messages")
    outside = folder / "outside.png"
    outside.write_bytes(tiny_png())
    raw = f"```{{=latex}}\n\\includegraphics{{{outside}}}\n```"
    root = write_project(folder / "p", {"01-intro.md": intro(raw), "02-zwei.md": SECOND})
    return Refused(root, outside, run_thesisbuild("pdf", "-C", root))


def test_a_refused_image_is_said_once_and_set_aside(refused: Refused) -> None:
    """graphicx asks for the file with 23 extensions and a .bb: 24 refused reads."""
    run, outside = refused.run, refused.outside
    said = [line for line in run.err.splitlines() if "refused to read" in line]
    assert said == [
        f"LaTeX: thesis/01-intro.md:6:18 — refused to read {outside} (outside the project): "
        "set aside, building the rest",
        f"Error: thesis/01-intro.md:6:18: LaTeX: refused to read {outside} (outside the project)",
    ]
    assert run.code == 1 and "draft built with 1 place set aside" in run.err
    assert "Zweiter guter Absatz." in pdf_text(refused.root)


def test_an_aux_with_a_broken_csname_line_is_cleared_once(refused: Refused, tmp_path: Path) -> None:
    root = copy_built(refused.root, tmp_path / "p")
    aux = root / "build" / "latex" / "thesis.aux"
    aux.write_text(aux.read_text(encoding="utf-8") + "\\csname r@kaputt\n", encoding="utf-8")
    (root / "thesis" / "01-intro.md").write_text(REWRITTEN, encoding="utf-8")
    run = run_thesisbuild("pdf", "-C", root)
    assert run.code == 0, run.err
    assert "thesis.aux: Missing \\endcsname inserted (right after LaTeX read it)" in run.err
    assert "cleared LaTeX's working files, running it again" in run.err
    assert "Neu geschrieben." in pdf_text(root)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs: a real full disk (needs root, as in the CI container; else skipped)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill the disk up to `leave` bytes."""
    stat = os.statvfs(disk)
    filler = disk / "filler"
    filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - leave))
    return filler


def test_a_full_disk_during_latex_says_so_and_keeps_the_pdf(
    refused: Refused, small_disk: Path
) -> None:
    root = copy_built(refused.root, small_disk / "p")
    pdf = (root / "build" / "thesis.pdf").read_bytes()
    shutil.rmtree(root / "build" / "latex")  # LaTeX now writes its working files anew
    (root / "thesis" / "01-intro.md").write_text(REWRITTEN, encoding="utf-8")
    filler = fill(small_disk, 60_000)
    run = run_thesisbuild("pdf", "-C", root)
    assert run.code == 1 and "Traceback" not in run.err
    assert "build/latex: No space left on device: LaTeX could not write its files" in run.err
    assert (root / "build" / "thesis.pdf").read_bytes() == pdf
    filler.unlink()
    assert run_thesisbuild("pdf", "-q", "-C", root).code == 0
    assert "Neu geschrieben." in pdf_text(root)
