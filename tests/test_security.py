"""What a build of a hostile project may run, read and write (README "Security"): real
pandoc, real TeX Live via latexmk, the CLI as its own process, the PDF read back."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from pathlib import Path

import pytest
from processes import no_traceback, run
from tex import pdf_text as text_of
from tex import require_tex

pytestmark = pytest.mark.tex
RAW = "```{{=latex}}\n{}\n```\n"
PERL_RC = 'system("touch {}");\n'


def pdf_text(pdf: Path) -> str:
    return text_of(pdf, joined=True)


@pytest.fixture(autouse=True, scope="module")
def tex_installed() -> None:
    require_tex()


@pytest.fixture(scope="module")
def hostile(project) -> Path:
    """tests/data/hostile built once, with a Perl rc file planted in build/ beforehand."""
    root = project("hostile")
    (root / "build").mkdir()
    marker = root / "build-latexmkrc-ran"
    (root / "build" / "latexmkrc").write_text(PERL_RC.format(marker), encoding="utf-8")
    done = run("pdf", "-q", "-C", root)
    assert done.returncode == 0, done.stderr
    return root


def test_thesis_yaml_text_prints_literally(hostile: Path) -> None:
    text = pdf_text(hostile / "build" / "thesis.pdf")
    assert "Über C:\\temp & 100 % #1 \\input{/etc/hostname}" in text
    assert "$\\input{/etc/hostname}$" in text
    assert "Sub_title ~ ^ {braces} \\\\ end" in text
    assert "A. \\textbf{Bold} Autor" in text
    assert "Named_Entity & Recognition 50 %" in text
    hostname = socket.gethostname()
    if len(hostname) >= 6:  # what \input{/etc/hostname} would have printed
        assert hostname not in text


def test_raw_latex_reads_project_files(hostile: Path) -> None:
    assert "Projektdatei-gelesen-42." in pdf_text(hostile / "build" / "thesis.pdf")


def test_no_rc_file_and_no_shell_escape_runs(hostile: Path) -> None:
    ran = [name for name in ("build-latexmkrc-ran", "latexmkrc-ran") if (hostile / name).exists()]
    ran += [p.name for p in (hostile / "build").rglob("*-ran")]
    assert ran == []
    assert not (hostile / "build" / "shell-escape-ran").exists()


def test_build_files_have_the_usual_mode(hostile: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    for name in ("thesis.md", "pandoc.yaml", "chapters/thesis-01-kapitel-md.md", "thesis.pdf"):
        mode = stat.S_IMODE((hostile / "build" / name).stat().st_mode)
        assert mode == 0o666 & ~umask, name


@pytest.mark.parametrize(
    ("command", "mode"),
    [
        ("\\input{SECRET}", "draft"),
        ("\\input{../../../secret.txt}", "--final"),
        ("\\VerbatimInput{SECRET}", "--final"),
    ],
    ids=["absolute-input", "parent-input", "verbatim-input"],
)
def test_raw_latex_cannot_read_outside_the_project(
    project, tmp_path: Path, command: str, mode: str
) -> None:
    """A draft sets the refused read aside and delivers the rest (one case: each draft
    refusal costs a second LaTeX run); --final stops at it and writes no PDF."""
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS-7f3a\n", encoding="utf-8")
    root = project("hostile")
    shutil.copytree(root, tmp_path / "a" / "b")  # from build/, ../../../secret.txt is it
    root = tmp_path / "a" / "b"
    chapter = root / "thesis" / "01-kapitel.md"
    raw = RAW.format(command.replace("SECRET", str(secret)))
    chapter.write_text(f"# Kapitel\n\nText.\n\n{raw}", encoding="utf-8")
    done = run("pdf", "-q", *([mode] if mode == "--final" else []), "-C", root)
    assert done.returncode == 1, done.stderr
    assert "thesis/01-kapitel.md:6" in done.stderr
    assert "refused to read" in done.stderr and no_traceback(done)
    pdf = root / "build" / "thesis.pdf"
    if mode == "--final":
        assert not pdf.exists()
        return
    assert "draft built with 1 place set aside" in done.stderr
    text = pdf_text(pdf)
    assert "GEHEIMNIS" not in text
    assert "Dieser Abschnitt konnte nicht gesetzt werden: thesis/01-kapitel.md:6" in text


def test_a_refused_read_fails_again_on_the_next_build(project, tmp_path: Path) -> None:
    """A probe that LaTeX survives (\\IfFileExists) leaves a PDF latexmk calls up to date;
    the unchanged rebuild must still refuse it, not install that PDF as a success."""
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS-7f3a\n", encoding="utf-8")
    root = project("hostile")
    chapter = root / "thesis" / "01-kapitel.md"
    raw = RAW.format(f"\\IfFileExists{{{secret}}}{{da}}{{weg}}")
    chapter.write_text(f"# Kapitel\n\nText.\n\n{raw}", encoding="utf-8")
    for _ in range(2):
        done = run("pdf", "-q", "-C", root)
        assert done.returncode == 1, done.stderr
        assert "thesis/01-kapitel.md:6" in done.stderr and "refused to read" in done.stderr
    assert not (root / "build" / "thesis.pdf").exists()


def test_latex_error_in_an_input_file_names_that_file(project) -> None:
    root = project("hostile")
    (root / "tabellen" / "kaputt.tex").write_text("Text\n\\undefinedmacro\n", encoding="utf-8")
    chapter = root / "thesis" / "01-kapitel.md"
    chapter.write_text("# Kapitel\n\n" + RAW.format("\\input{tabellen/kaputt.tex}"), "utf-8")
    done = run("pdf", "-q", "-C", root)
    assert done.returncode == 1
    assert "LaTeX: Undefined control sequence." in done.stderr
    assert "tabellen/kaputt.tex:2: LaTeX: Undefined control sequence." in done.stderr
    assert "Collected error summary" not in done.stderr


@pytest.mark.parametrize(
    "output", ["thesis.yaml", "thesis/01-kapitel.md", "thesis/abbildung.pdf", "templates/x.pdf"]
)
def test_pdf_output_never_replaces_a_source(project, output: str) -> None:
    root = project("hostile")
    (root / "thesis" / "abbildung.pdf").write_bytes(b"%PDF-1.4 figure")
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    done = run("pdf", "-q", "-C", root, "-o", root / output)
    assert done.returncode == 2 and "--output" in done.stderr and no_traceback(done)
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == before


def test_own_lua_filter_is_code_that_execute_never_refuses(project) -> None:
    root = project("hostile")
    (root / "templates").mkdir()
    (root / "templates" / "todo.lua").write_text('os.execute("touch lua-ran")\n', "utf-8")
    done = run("pdf", "-q", "-C", root)
    assert done.returncode == 2 and "templates/todo.lua" in done.stderr
    assert not (root / "lua-ran").exists()


def test_symlink_planted_in_build_is_refused(project, tmp_path: Path) -> None:
    root = project("hostile")
    victim = tmp_path / "victim.txt"
    victim.write_text("unberührt\n", encoding="utf-8")
    (root / "build").mkdir()
    (root / "build" / "thesis.md").symlink_to(victim)
    done = run("md", "-q", "-C", root)
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert victim.read_text(encoding="utf-8") == "unberührt\n"
