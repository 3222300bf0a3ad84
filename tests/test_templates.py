"""The template as a skeleton with partials: a golden build/thesis.tex per mode guards
every partial (pandoc alone, no TeX), a project overrides one partial and keeps the
rest, and `thesisbuild templates` says which copy the build takes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GOLDEN
from tex import require_tex

from thesisbuild.builder.pipeline import execution, todos_of, write_manuscript
from thesisbuild.config.reader import load
from thesisbuild.core.errors import ConfigError
from thesisbuild.core.paths import BuildPaths
from thesisbuild.core.progress import Reporter
from thesisbuild.latex.draft import draft_metadata
from thesisbuild.latex.job import PdfJob
from thesisbuild.latex.pandoc import run_pandoc
from thesisbuild.lint.linter import lint_chapters
from thesisbuild.resources.lookup import PACKAGED, PARTIALS, SHIPPED, TEMPLATE
from thesisbuild.sources.project import read_sources

# the fixture sets every thesis.yaml key a partial prints: logo, three reviewers, company,
# Sperrvermerk text, declaration, AI tools, abbreviations, two-sided; its chapters have a
# todo, a citation, a captioned listing and an appendix
FIXTURE = "templates"
DRAFT_LABEL = "Entwurf · 01.04.2027 · 1a2b3c4"  # the real one holds today's date
OWN_TITLE_PAGE = "\\begin{titlepage}\nEIGENE TITELSEITE: $title$\n\\end{titlepage}\n"


def render(root: Path, mode: str = "draft") -> str:
    """build/thesis.tex as `pdf` makes it, without LaTeX (and without build/preamble.tex,
    whose fallback fonts depend on the machine's fonts)."""
    config = load(root)
    paths = BuildPaths.of(config.root)
    sources = read_sources(config)
    report = Reporter()
    manuscript = write_manuscript(config, paths, sources, report, execution(config, report))
    metadata = {}
    if mode == "draft":
        todos = todos_of(lint_chapters(sources, config))
        metadata = {**draft_metadata(config, todos, sources), "draft-label": DRAFT_LABEL}
    job = PdfJob(config, paths, manuscript, tuple(sources), metadata, None, config.bibliography)
    run_pandoc(job, report)
    return paths.tex.read_text(encoding="utf-8")


def own_title_page(root: Path) -> Path:
    (root / "templates").mkdir()
    page = root / "templates" / "titlepage.latex"
    page.write_text(OWN_TITLE_PAGE, encoding="utf-8")
    return page


def test_the_skeleton_includes_every_packaged_partial() -> None:
    skeleton = (PACKAGED / TEMPLATE).read_text(encoding="utf-8")
    called = re.findall(r"^\$\{ ([a-z-]+)\(\) \}$", skeleton, re.M)
    assert tuple(f"{name}.latex" for name in called) == PARTIALS
    assert {path.name for path in PACKAGED.glob("*.latex")} == {TEMPLATE, *PARTIALS}


@pytest.mark.parametrize("mode", ["draft", "final"])
def test_golden_tex(project: Callable[[str], Path], update_golden: bool, mode: str) -> None:
    tex = render(project(FIXTURE), mode)
    golden = GOLDEN / f"templates-{mode}.tex"
    if update_golden:
        golden.write_text(tex, encoding="utf-8")
    assert tex == golden.read_text(encoding="utf-8"), (
        "pytest tests/test_templates.py --update-golden"
    )


def test_every_partial_reaches_the_tex(project: Callable[[str], Path]) -> None:
    tex = render(project(FIXTURE))
    for printed in [
        "]{scrreprt}",  # documentclass
        "\\setmainfont[]{FreeSerif}",  # fonts
        "\\expandafter\\addto\\csname captionsngerman\\endcsname",  # language
        "bindingoffset=1cm",  # layout
        "\\newenvironment{CSLReferences}",  # pandoc
        "\\AddLayersToPageStyle{@everystyle@}{thesis.draftlabel}",  # draft
        "pdfsubject={Masterarbeit}",  # hyperref
        "NER & Named Entity Recognition",  # lists
        "\\includegraphics[height=2.5cm,keepaspectratio]{logo.png}",  # titlepage
        "Diese Arbeit enthält vertrauliche Daten der Beispiel GmbH.",  # sperrvermerk
        "ChatGPT & Formulierungshilfe & Kapitel 1",  # declaration
        "\\item \\textbf{thesis/01-einleitung.md:4}: Motivation schreiben",  # open-todos
    ]:
        assert printed in tex


def test_a_project_overrides_only_its_title_page(project: Callable[[str], Path]) -> None:
    root = project(FIXTURE)
    page = own_title_page(root)
    tex = render(root)
    assert "EIGENE TITELSEITE: Vorlagen im Test" in tex
    assert "vorgelegt von" not in tex  # the packaged title page is gone …
    assert "\\addchap{Eidesstattliche Erklärung}" in tex  # … the other partials stay
    assert "\\newenvironment{CSLReferences}" in tex
    page.unlink()  # the merged folder forgets it again
    assert "EIGENE TITELSEITE" not in render(root)
    assert (BuildPaths.of(root).templates / "titlepage.latex").read_bytes() == (
        PACKAGED / "titlepage.latex"
    ).read_bytes()


def test_a_partial_only_the_project_has(project: Callable[[str], Path]) -> None:
    root = project(FIXTURE)
    own_title_page(root).write_text("${ logos() }\n\n", encoding="utf-8")
    (root / "templates" / "logos.latex").write_text("ZWEI LOGOS\n", encoding="utf-8")
    assert "ZWEI LOGOS" in render(root)


@pytest.mark.tex
def test_the_pdf_has_the_projects_title_page(project: Callable[[str], Path], thesisbuild) -> None:
    require_tex()
    root = project(FIXTURE)
    own_title_page(root)
    run = thesisbuild("pdf", "-q", "-C", root)
    assert run.code == 0, run.err
    page_one = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(root / "build" / "thesis.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "EIGENE TITELSEITE: Vorlagen im Test" in page_one


def test_templates_lists_every_file_with_the_copy_the_build_takes(
    project: Callable[[str], Path], thesisbuild
) -> None:
    root = project(FIXTURE)
    own_title_page(root)
    run = thesisbuild("templates", "-C", root)
    assert run.code == 0, run.err
    rows = {line.split()[0]: line.split()[1:] for line in run.out.splitlines()}
    assert list(rows) == list(SHIPPED)
    assert rows["titlepage.latex"] == ["project", "templates/titlepage.latex"]
    assert rows["pandoc.latex"] == ["packaged", str(PACKAGED / "pandoc.latex")]
    assert all(
        source == "packaged" for name, (source, _) in rows.items() if name != "titlepage.latex"
    )


def test_templates_copy_starts_the_projects_copy_and_never_overwrites(
    project: Callable[[str], Path], thesisbuild
) -> None:
    root = project(FIXTURE)
    run = thesisbuild("templates", "copy", "titlepage", "-C", root)
    assert run.code == 0, run.err
    copied = root / "templates" / "titlepage.latex"
    assert copied.read_bytes() == (PACKAGED / "titlepage.latex").read_bytes()
    copied.write_text(OWN_TITLE_PAGE, encoding="utf-8")
    again = thesisbuild("templates", "-C", root, "copy", "titlepage.latex")
    assert again.code == 2
    assert "templates/titlepage.latex exists already" in again.err
    assert copied.read_text(encoding="utf-8") == OWN_TITLE_PAGE
    unknown = thesisbuild("templates", "copy", "titelseite", "-C", root)
    assert unknown.code == 2
    assert "no template file 'titelseite'; known: thesis.latex, documentclass.latex" in unknown.err


@pytest.mark.parametrize("call", ["${ /etc/hostname() }", "$../../secret()$", "$it:sub/x()$"])
def test_a_partial_named_by_a_path_is_refused(project: Callable[[str], Path], call: str) -> None:
    root = project(FIXTURE)
    own_title_page(root).write_text(f"{call}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"templates/titlepage.latex: the partial .* is a path"):
        render(root)
