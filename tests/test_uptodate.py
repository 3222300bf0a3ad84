"""No-op builds: `pdf` does nothing when nothing it reads changed, and rebuilds when
anything did (sources, thesis.yaml, bibliography, templates, inputs, mode, output)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, copy_built
from tex import pdf_text

from thesisbuild.builder.uptodate import build_key, is_current, latex_reads, record
from thesisbuild.config.reader import load
from thesisbuild.core.paths import BuildPaths

OUTPUT = Path("build/thesis.pdf")


def key_of(root: Path, mode: str = "draft", output: Path = OUTPUT) -> str:
    paths = BuildPaths.of(root)
    return build_key(load(root), mode, root / output, paths)  # type: ignore[arg-type]


def append(path: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).parent.mkdir(exist_ok=True)
        with (root / path).open("a", encoding="utf-8") as stream:
            stream.write(text)

    return change


def override(name: str) -> Callable[[Path], None]:
    """The project's own copy of a packaged template, changed by one comment."""

    def change(root: Path) -> None:
        from thesisbuild.resources.lookup import PACKAGED

        target = root / "templates" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        comment = {".lua": "-- ", ".yaml": "# "}.get(target.suffix, "% ") + "eigene Fassung\n"
        target.write_text((PACKAGED / name).read_text("utf-8") + comment, encoding="utf-8")

    return change


CHANGES = {
    "chapter": append("thesis/01-kapitel.md", "\nNeuer Satz.\n"),
    "thesis.yaml": append("thesis.yaml", "subtitle: Neu\n"),
    "bibliography": append("bibliography.bib", "\n@misc{neu, title={Neu}}\n"),
    "data-file": append("data/messung.csv", "2\n"),
    "template": override("thesis.latex"),
    "partial": override("titlepage.latex"),
    "own-partial": append("templates/logos.latex", "% zwei Logos\n"),
    "lua-filter": override("todo.lua"),
    "crossref-filter": override("crossref.lua"),
    "html-filter": override("html.lua"),
    "strings": override("strings/de.yaml"),
}


@pytest.fixture
def root(project) -> Path:
    root: Path = project("exec-cache")
    (root / "bibliography.bib").write_text("@misc{alt, title={Alt}}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("change", CHANGES)
def test_every_input_changes_the_key(root: Path, change: str) -> None:
    before = key_of(root)
    CHANGES[change](root)
    assert key_of(root) != before


def test_mode_and_output_change_the_key(root: Path) -> None:
    assert key_of(root) == key_of(root)
    assert key_of(root, "final") != key_of(root)
    assert key_of(root, output=Path("abgabe.pdf")) != key_of(root)


def test_a_pdf_replaced_or_deleted_since_is_not_current(root: Path) -> None:
    pdf = root / OUTPUT
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.5 alt")
    record(BuildPaths.of(root), "k", pdf, "xelatex")
    assert is_current(BuildPaths.of(root), "k", pdf)
    assert not is_current(BuildPaths.of(root), "anders", pdf)
    pdf.write_bytes(b"%PDF-1.5 von Hand ersetzt")
    assert not is_current(BuildPaths.of(root), "k", pdf)
    pdf.unlink()
    assert not is_current(BuildPaths.of(root), "k", pdf)


def test_the_logo_counts(root: Path) -> None:
    (root / "logo.png").write_bytes(b"\x89PNG alt")
    append("thesis.yaml", "logo: logo.png\n")(root)
    before = key_of(root)
    (root / "logo.png").write_bytes(b"\x89PNG neu")
    assert key_of(root) != before


def test_a_project_file_latex_read_counts(root: Path) -> None:
    """An image a chapter includes by path is read by LaTeX only: latexmk's recorder file
    names it, and a changed image means a rebuild; files in build/ and TeX's own do not."""
    pdf = root / OUTPUT
    (root / "build" / "latex").mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.5")
    (root / "bilder").mkdir()
    (root / "bilder" / "x.png").write_bytes(b"\x89PNG alt")
    reads = ["../bilder/x.png", "figures/a.png", "/usr/share/texmf/tex/latex/base/book.cls"]
    fls = "PWD " + str(root / "build") + "\n" + "".join(f"INPUT {p}\n" for p in reads)
    (root / "build" / "latex" / "thesis.fls").write_text(fls, encoding="utf-8")
    record(BuildPaths.of(root), "k", pdf, "xelatex")
    assert is_current(BuildPaths.of(root), "k", pdf)
    stamp = (root / "build" / ".cache" / "last-build.json").read_text(encoding="utf-8")
    assert "x.png" in stamp and "a.png" not in stamp and "book.cls" not in stamp
    (root / "bilder" / "x.png").write_bytes(b"\x89PNG neu")
    assert not is_current(BuildPaths.of(root), "k", pdf)


# --- with TeX: the real thing ------------------------------------------------------------


@pytest.fixture
def built(exec_cache_build: tuple[Path, Run], tmp_path: Path) -> Path:
    """A copy of tests/data/exec-cache after `thesisbuild pdf` (conftest's)."""
    return copy_built(exec_cache_build[0], tmp_path / "built")


@pytest.mark.tex
@pytest.mark.kernel
def test_no_change_means_no_work(exec_cache_build: tuple[Path, Run], thesisbuild) -> None:
    """On the shared build itself, which it leaves as it was (a copy elsewhere is another
    output path, which is a reason to build)."""
    built = exec_cache_build[0]
    before = (built / OUTPUT).stat().st_mtime_ns
    run = thesisbuild("pdf", "-C", built)
    assert run.code == 0, run.err
    assert run.err == "build/thesis.pdf: up to date (nothing changed since the last build)\n"
    assert run.out == "build/thesis.pdf\n"
    assert (built / OUTPUT).stat().st_mtime_ns == before


@pytest.mark.tex
@pytest.mark.kernel
def test_a_prose_edit_rebuilds_without_running_code(built: Path, thesisbuild) -> None:
    token = re.search(r"lauf-[0-9a-f]{8}", pdf_text(built / OUTPUT))
    assert token
    chapter = built / "thesis" / "01-kapitel.md"
    longer = "Erster Absatz. " + "Ein Satz, der nach dem ersten Build dazukam. " * 12
    chapter.write_text(chapter.read_text("utf-8").replace("Erster Absatz", longer), "utf-8")
    run = thesisbuild("pdf", "-C", built)
    assert run.code == 0, run.err
    assert "outputs from the cache" in run.err
    assert "executed" not in run.err
    # the margin todo below moved: in a draft that is no reason for a second pass
    assert "LaTeX pass 1 (xelatex)" in run.err
    assert "LaTeX pass 2" not in run.err
    text = pdf_text(built / OUTPUT)
    assert "nach dem ersten Build dazukam" in text
    assert token.group(0) in text


def test_input_hashes_are_kept_while_size_and_time_stay(root: Path) -> None:
    """A large corpus is hashed once, not at every build; a changed file is hashed again."""
    from thesisbuild.notebook.inputs import inputs_digest

    path = BuildPaths.of(root).inputs_memo
    first = inputs_digest(root, ["data/*.csv"], path)
    memo = path.read_text(encoding="utf-8")
    assert inputs_digest(root, ["data/*.csv"], path) == first
    assert path.read_text(encoding="utf-8") == memo
    (root / "data" / "messung.csv").write_text("ein anderer wert\n", encoding="utf-8")
    assert inputs_digest(root, ["data/*.csv"], path) != first


@pytest.mark.parametrize("work", ["build", "build/preview"])
def test_files_latex_read_are_found_in_a_moved_project(tmp_path: Path, work: str) -> None:
    """latexmk's recorder names the project's old place (absolute paths, PWD): after the
    folder moved, they are the project's files here (what `pdf -o` must not replace)."""
    root, old = tmp_path / "now", tmp_path / "before"
    paths = BuildPaths.of(root) if work == "build" else BuildPaths.of(root).preview()
    (root / "abbildungen").mkdir(parents=True)
    (root / "abbildungen" / "a.pdf").write_bytes(b"%PDF")
    paths.recorder.parent.mkdir(parents=True)
    recorded = [f"PWD {old / work}", "INPUT thesis.tex", f"INPUT {old}/abbildungen/a.pdf"]
    recorded += [f"INPUT {old}/{work}/figures/f.png", "INPUT /usr/share/texmf/x.sty"]
    paths.recorder.write_text("\n".join(recorded) + "\n", encoding="utf-8")
    assert latex_reads(paths) == [(root / "abbildungen" / "a.pdf").resolve()]
