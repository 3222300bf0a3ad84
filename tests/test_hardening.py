"""Issue 22, hardening: hostile or unusual input in a real project ends in one located
sentence and the README's exit code, never a traceback, a hang or a lost file. The CLI
runs as its own process."""

from __future__ import annotations

import ctypes
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import copy_built
from processes import PATIENCE, no_traceback, run
from small_project import thesis, tiny_pdf
from tex import pdf_text, require_tex

CHAPTER = "# Kapitel\n\nText.\n"


class Build(NamedTuple):
    """A project and what `thesisbuild pdf` said building it."""

    root: Path
    done: subprocess.CompletedProcess[str]


@pytest.mark.parametrize("command", ["md", "doctor", "watch", "lint"])
@pytest.mark.parametrize("value", ["1e400", "-1e400"])
def test_an_infinite_number_is_a_located_config_error(
    tmp_path: Path, command: str, value: str
) -> None:
    root = thesis(tmp_path, f"title: x\nexecute_timeout: {value}\n", {"01.md": CHAPTER})
    done = run(command, "-C", root, timeout=PATIENCE)
    assert done.returncode == 2 and no_traceback(done)
    assert "thesis.yaml:2: execute_timeout: expected a whole number from 1 to 86400" in done.stderr


BIB = "@book{mueller2020,\n  author = {Müller, Jürgen},\n  title = {Größe},\n  year = {2020}\n}\n"


# A figure (a PDF xdvipdfmx takes: pypdf's blank page is not) in the Windows-1252
# project, for the test that -o never names a file LaTeX read: one build serves both.
FIGURE = "```{=latex}\n\\includegraphics[width=2cm]{abbildungen/diagramm.pdf}\n```\n"


@pytest.fixture(scope="module")
def bib_builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """`bib_builds(encoding)`: a project whose bibliography.bib is in that encoding, built
    once a module (by a first call). Windows-1252 first, with FIGURE, built cold; the
    others from a copy of that build with their own .bib (a rebuild: one LaTeX pass)."""
    done: dict[str, Build] = {}

    def build(encoding: str) -> Build:
        if encoding not in done:
            require_tex()
            folder = tmp_path_factory.mktemp(encoding) / "project"
            if encoding == "cp1252":
                chapter = f"# K\n\nWie [@mueller2020].\n\n{FIGURE}"
                root = thesis(folder, "title: x\nexecute: never\n", {"01.md": chapter})
                (root / "abbildungen").mkdir()
                (root / "abbildungen" / "diagramm.pdf").write_bytes(tiny_pdf())
            else:
                root = copy_built(build("cp1252").root, folder)
            (root / "bibliography.bib").write_bytes(BIB.encode(encoding))
            done[encoding] = Build(root, run("pdf", "-C", root))
        return done[encoding]

    return build


@pytest.mark.tex
@pytest.mark.parametrize(
    ("encoding", "warning"),
    [("cp1252", "bibliography.bib:2: warning: not UTF-8 text; read as Windows-1252"),
     ("utf-16", None)],
    ids=["windows-1252", "utf-16-bom"],
)  # fmt: skip
def test_a_windows_bib_still_builds(
    bib_builds: Callable[[str], Build], encoding: str, warning: str | None
) -> None:
    root, done = bib_builds(encoding)
    assert done.returncode == 0 and no_traceback(done), done.stderr
    if warning:
        assert warning in done.stderr
    else:
        assert "not UTF-8" not in done.stderr
    shown = pdf_text(root / "build" / "thesis.pdf", joined=True).lower()
    assert "müller, jürgen" in shown and "größe" in shown


@pytest.mark.tex
def test_a_binary_bib_is_a_located_error(tmp_path: Path) -> None:
    require_tex()
    root = thesis(tmp_path, "title: x\nexecute: never\n", {"01.md": CHAPTER})
    (root / "bibliography.bib").write_bytes(b"@book{a,\n\x00\x01\xff\xfe\n")
    done = run("pdf", "-C", root)
    assert done.returncode == 1 and no_traceback(done)
    assert "bibliography.bib:2: not a text file (it holds NUL bytes)" in done.stderr


@pytest.mark.parametrize(
    ("yaml", "argument", "message"),
    [("", None, "thesis/02.md: a named pipe, not a file; a chapter must be a regular file"),
     ("chapters: [thesis/01.md, thesis/02.md]\n", None,
      "thesis.yaml:2: chapters[1]: thesis/02.md is a named pipe, not a file"),
     ("chapters: [thesis/01.md]\n", "pipe.md", "pipe.md: a named pipe, not a file")],
    ids=["in-thesis", "listed", "argument"],
)  # fmt: skip
def test_lint_refuses_a_named_pipe(
    tmp_path: Path, yaml: str, argument: str | None, message: str
) -> None:
    root = thesis(tmp_path, f"title: x\n{yaml}", {"01.md": CHAPTER})
    os.mkfifo(root / "thesis" / "02.md")
    os.mkfifo(root / "pipe.md")
    done = run("lint", "-C", root, *([root / argument] if argument else []), timeout=PATIENCE)
    assert done.returncode == 2 and no_traceback(done)
    assert message in done.stderr


def test_fix_removes_only_its_own_leftovers(tmp_path: Path) -> None:
    terms = "lint:\n  terminology:\n    Eigennamen: [Entitäten]\n"
    root = thesis(tmp_path, f"title: x\n{terms}", {"01.md": "# K\n\nDie Entitäten.\n"})
    folder = root / "thesis"
    users = [".01.md.my-notes.tmp", ".01.md.thesisbuild-notes.tmp", ".01.md.thesisbuild-.tmp"]
    for name in users:
        (folder / name).write_text("meine Notizen", encoding="utf-8")
    leftover = folder / ".01.md.thesisbuild-0123456789abcdef.tmp"
    leftover.write_text("halb", encoding="utf-8")
    done = run("lint", "--fix", "-C", root)
    assert done.returncode == 0 and no_traceback(done), done.stderr
    assert "Eigennamen" in (folder / "01.md").read_text(encoding="utf-8")
    assert all((folder / name).read_text(encoding="utf-8") == "meine Notizen" for name in users)
    assert not leftover.exists()


PNG = (  # a 1×1 PNG of the given gray, so two chapters' figures differ
    "import base64, zlib, struct\nfrom IPython.display import Image, display\n"
    "def png(gray):\n"
    "    def chunk(kind, data):\n"
    "        body = kind + data\n"
    "        return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body))\n"
    "    header = struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0)\n"
    "    pixels = zlib.compress(bytes([0, gray]))\n"
    "    return b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', header) + chunk(b'IDAT', pixels) + "
    "chunk(b'IEND', b'')\n"
)


@pytest.mark.kernel
def test_two_chapters_never_share_a_name_in_build(tmp_path: Path) -> None:
    def chapter(gray: int) -> str:
        return f"# K{gray}\n\n```python\n{PNG}display(Image(data=png({gray})))\n```\n"

    root = thesis(tmp_path, "title: x\n", {"02-a.b.md": chapter(10), "02-a-b.md": chapter(200)})
    first = run("md", "-C", root)
    assert first.returncode == 0 and no_traceback(first), first.stderr
    figures = sorted((root / "build" / "figures").iterdir())
    assert len(figures) == 2 and figures[0].read_bytes() != figures[1].read_bytes()
    assert (root / "build" / "chapters" / "thesis-02-a-b-md.md").is_file()  # README's form
    again = run("md", "-C", root)
    assert again.stderr.count("code unchanged: outputs from the cache") == 2, again.stderr


def without_root_rights() -> None:
    """In the child: root loses its right to write anywhere, so a folder's mode counts."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture(scope="module")
def md_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-chapter project after `thesisbuild md`, for tests that change copies of it."""
    root = thesis(tmp_path_factory.mktemp("md"), "title: x\nexecute: never\n", {"01.md": CHAPTER})
    assert run("md", "-q", "-C", root).returncode == 0
    return root


@pytest.mark.parametrize(
    ("command", "folder"),
    [("md", "build"), ("pdf", "build"), ("md", "build/chapters"), ("md", ".")],
    ids=["md", "pdf", "md-subfolder", "md-project-read-only"],
)
def test_a_read_only_build_folder_is_exit_2_naming_it(
    md_built: Path, tmp_path: Path, command: str, folder: str
) -> None:
    if folder == ".":  # no build/ yet
        root = thesis(tmp_path, "title: x\nexecute: never\n", {"01.md": CHAPTER})
    else:
        root = copy_built(md_built, tmp_path / "project")
    (root / folder).chmod(0o555)
    try:
        done = run(command, "-C", root, setup=without_root_rights)
    finally:
        (root / folder).chmod(0o755)
    assert done.returncode == 2 and no_traceback(done), done.stderr
    shown = "build/" if folder == "." else f"{folder}/"
    assert f"Error: {shown}: the build cannot write there (Permission denied)" in done.stderr


@pytest.mark.parametrize("command", ["lint", "md"])
def test_lookalike_chapters_in_thesis_are_named(tmp_path: Path, command: str) -> None:
    others = {"03.qmd": CHAPTER, "04.Rmd": CHAPTER, "05.MD": CHAPTER, "notes.txt": "x"}
    root = thesis(tmp_path, "title: x\nexecute: never\n", {"01.md": CHAPTER, **others})
    done = run(command, "-C", root)
    assert done.returncode == 0 and no_traceback(done), done.stderr
    for name in ("03.qmd", "04.Rmd", "05.MD"):
        assert f"thesis/{name}: warning: not part of the thesis: only .md, .ipynb, .py" in (
            done.stderr
        )
    assert "notes.txt" not in done.stderr


def blank_pdf(path: Path) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        writer.write(stream)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("output", "role"),
    [("logo.pdf", "the logo (logo.pdf)"), ("daten/tabelle.pdf", "file of `inputs`"),
     ("verweis.pdf", "the logo (logo.pdf)")],
    ids=["logo", "inputs", "hard-link-to-logo"],
)  # fmt: skip
def test_pdf_output_is_never_an_input(tmp_path: Path, output: str, role: str) -> None:
    yaml = "title: x\nexecute: never\nlogo: logo.pdf\ninputs: ['daten/*']\n"
    root = thesis(tmp_path, yaml, {"01.md": CHAPTER})
    logo = blank_pdf(root / "logo.pdf")
    data = blank_pdf(root / "daten" / "tabelle.pdf")
    os.link(root / "logo.pdf", root / "verweis.pdf")
    done = run("pdf", "-C", root, "-o", root / output)
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert role in done.stderr and "which the build reads" in done.stderr
    assert (root / "logo.pdf").read_bytes() == logo
    assert (root / "daten" / "tabelle.pdf").read_bytes() == data


@pytest.mark.tex
def test_pdf_output_is_never_an_image_latex_read(
    bib_builds: Callable[[str], Build], tmp_path: Path
) -> None:
    """From a copy of the build: a project moved since its last build, whose record of
    what LaTeX read names the files at the old place."""
    built, done = bib_builds("cp1252")  # its chapter shows abbildungen/diagramm.pdf
    assert done.returncode == 0, done.stderr
    root = copy_built(built, tmp_path / "project")
    image = root / "abbildungen" / "diagramm.pdf"
    before = image.read_bytes()
    done = run("pdf", "-C", root, "-o", image)
    assert done.returncode == 2 and no_traceback(done), done.stderr
    assert "file LaTeX read in the last build (abbildungen/diagramm.pdf)" in done.stderr
    assert image.read_bytes() == before
