"""What a build says, said once and plainly: a refused read, a full disk, a damaged .aux
cleared like the other stale working files. Small projects written here, built with the
real pandoc and TeX."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import Run
from small_project import SECOND, intro, pdf_text, tiny_png, write_project
from tex import require_tex

pytestmark = [pytest.mark.tex]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    require_tex(("latexmk", "xelatex", "pdftotext"))
    return write_project(tmp_path / "p", {"01-intro.md": intro(""), "02-zwei.md": SECOND})


def test_an_aux_with_a_broken_csname_line_is_cleared_once(
    root: Path, thesisbuild: Callable[..., Run]
) -> None:
    assert thesisbuild("pdf", "-q", "-C", root).code == 0
    aux = root / "build" / "latex" / "thesis.aux"
    aux.write_text(aux.read_text(encoding="utf-8") + "\\csname r@kaputt\n", encoding="utf-8")
    (root / "thesis" / "02-zwei.md").write_text(SECOND + "\nNeu geschrieben.\n")
    run = thesisbuild("pdf", "-C", root)
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
    small_disk: Path, thesisbuild: Callable[..., Run]
) -> None:
    require_tex(("latexmk", "xelatex", "pdftotext"))
    root = write_project(small_disk / "p", {"01-intro.md": intro(""), "02-zwei.md": SECOND})
    assert thesisbuild("pdf", "-q", "-C", root).code == 0
    pdf = (root / "build" / "thesis.pdf").read_bytes()
    shutil.rmtree(root / "build" / "latex")  # LaTeX now writes its working files anew
    (root / "thesis" / "02-zwei.md").write_text(SECOND + "\nNeu geschrieben.\n")
    filler = fill(small_disk, 60_000)
    run = thesisbuild("pdf", "-C", root)
    assert run.code == 1 and "Traceback" not in run.err
    assert "build/latex: No space left on device: LaTeX could not write its files" in run.err
    assert (root / "build" / "thesis.pdf").read_bytes() == pdf
    filler.unlink()
    assert thesisbuild("pdf", "-q", "-C", root).code == 0
    assert "Neu geschrieben." in pdf_text(root)


def test_a_refused_image_is_said_once_and_set_aside(
    tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    """graphicx asks for the file with 23 extensions and a .bb: 24 refused reads."""
    require_tex(("latexmk", "xelatex", "pdftotext"))
    outside = tmp_path / "outside.png"
    outside.write_bytes(tiny_png())
    raw = f"```{{=latex}}\n\\includegraphics{{{outside}}}\n```"
    root = write_project(tmp_path / "p", {"01-intro.md": intro(raw), "02-zwei.md": SECOND})
    run = thesisbuild("pdf", "-C", root)
    said = [line for line in run.err.splitlines() if "refused to read" in line]
    assert said == [
        f"LaTeX: thesis/01-intro.md:6:18 — refused to read {outside} (outside the project): "
        "set aside, building the rest",
        f"Error: thesis/01-intro.md:6:18: LaTeX: refused to read {outside} (outside the project)",
    ]
    assert run.code == 1 and "draft built with 1 place set aside" in run.err
    assert "Zweiter guter Absatz." in pdf_text(root)
