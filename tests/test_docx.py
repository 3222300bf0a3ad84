"""`thesisbuild docx`: the thesis as a Word document, read back from its XML (zipfile): the
title page, numbered headings, "Abbildung 1.1" captions and references, the embedded
image, citations and bibliography by the CSL style, todos as comments in a draft, the
layout of thesis.yaml, a project's reference.docx. Two pandoc builds, no TeX, no kernel."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypandoc
import pytest
from conftest import Run, run_thesisbuild
from small_project import thesis, tiny_png

from thesisbuild.config.model import Layout
from thesisbuild.config.reader import load
from thesisbuild.core.paths import BuildPaths
from thesisbuild.core.progress import Reporter
from thesisbuild.resources.lookup import PACKAGED
from thesisbuild.word.pandoc import DocxJob, write_docx
from thesisbuild.word.reference import with_layout

pytestmark = pytest.mark.xdist_group("docx")

YAML = """title: "Wörter zählen"
subtitle: "Ein Versuch"
author: {name: "Erika Musterfrau", matriculation_number: "1234567"}
thesis_type: Masterarbeit
university: Hochschule Irgendwo
reviewers: ["Prof. Dr. A", "Dr. B"]
date: "31.03.2027"
logo: logo.png
execute: never
appendix: [anhang/daten.md]
layout:
  font_size: 11pt
  line_spacing: 1.2
  margins: {left: 4cm, right: 2cm, binding: 1cm}
"""
BIB = """@book{knuth1984, author = {Donald E. Knuth}, title = {The TeXbook},
  publisher = {Addison-Wesley}, year = {1984}}
"""
FIRST = """# Einleitung

Wie @fig-punkt zeigt, ist alles klein [@knuth1984]. [todo Zahlen prüfen]

![Ein Punkt](punkt.png){#fig-punkt}

## Daten {#sec-daten}

| a | b |
|---|---|
| 1 | 2 |

: Werte {#tbl-werte}
"""
SECOND = """# Methode

Siehe @tbl-werte in @sec-daten, @sec-anhang und $$ x^2 $$ {#eq-q} sowie @eq-q.

![Als PDF gespeichert](plot.pdf){#fig-plot}
"""
APPENDIX = "# Rohdaten {#sec-anhang}\n\n![Alles](../thesis/punkt.png){#fig-roh}\n"


@dataclass(frozen=True)
class Docx:
    """A built .docx: its paragraphs as (style, text) and its parts."""

    paragraphs: list[tuple[str, str]]
    parts: dict[str, str]
    names: list[str]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.paragraphs)

    def styled(self, style: str) -> list[str]:
        return [text for name, text in self.paragraphs if name == style]


def read_docx(path: Path) -> Docx:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name).decode() for name in names if name.endswith(".xml")}
    paragraphs = []
    for xml in re.findall(r"<w:p[ >].*?</w:p>", parts["word/document.xml"], re.S):
        style = re.search(r'<w:pStyle w:val="([^"]+)"', xml)
        xml = re.sub(r"<w:tab\s*/>", "<w:t>\t</w:t>", xml)
        text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)).replace("\xa0", " ")
        paragraphs.append((style[1] if style else "", text))
    return Docx(paragraphs, parts, names)


def blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(144, 72)
    with path.open("wb") as stream:
        writer.write(stream)


def project(root: Path, yaml: str = YAML, first: str = FIRST) -> Path:
    thesis(root, yaml, {"01-einleitung.md": first, "02-methode.md": SECOND})
    (root / "thesis" / "punkt.png").write_bytes(tiny_png())
    (root / "logo.png").write_bytes(tiny_png())
    blank_pdf(root / "thesis" / "plot.pdf")
    (root / "bibliography.bib").write_text(BIB, encoding="utf-8")
    (root / "anhang").mkdir()
    (root / "anhang" / "daten.md").write_text(APPENDIX, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run, Docx]:
    root = project(tmp_path_factory.mktemp("docx") / "arbeit")
    run = run_thesisbuild("docx", "-C", root)
    assert run.code == 0, run.err
    return root, run, read_docx(root / "build" / "thesis.docx")


@pytest.fixture(scope="module")
def english_final(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run, Docx]:
    """English, no todo, a reference.docx of the project's own (14 pt), --final, -o."""
    root = tmp_path_factory.mktemp("docx-en") / "thesis"
    yaml = YAML.replace('title: "Wörter zählen"', 'title: "Counting words"\nlanguage: en')
    project(root, yaml, FIRST.replace(" [todo Zahlen prüfen]", ""))
    own = root / "templates" / "reference.docx"
    own.parent.mkdir()
    with_layout(pandoc_reference(root), own, Layout(font_size="14pt"))
    run = run_thesisbuild("docx", "--final", "-C", root, "-o", root / "out" / "copy.docx")
    assert run.code == 0, run.err
    return root, run, read_docx(root / "out" / "copy.docx")


def pandoc_reference(root: Path) -> Path:
    path = root / "pandoc-reference.docx"
    argv = [pypandoc.get_pandoc_path(), "-o", path, "--print-default-data-file", "reference.docx"]
    subprocess.run(argv, check=True)
    return path


def test_every_part_is_well_formed_xml(draft: tuple[Path, Run, Docx]) -> None:
    import xml.etree.ElementTree as ET

    _, _, docx = draft
    for name, xml in docx.parts.items():
        assert ET.fromstring(xml.encode()) is not None, name


def test_prints_the_docx_path_last(draft: tuple[Path, Run, Docx]) -> None:
    _, run, _ = draft
    assert run.out.strip().splitlines()[-1] == "build/thesis.docx"
    assert "pandoc: build/thesis.md → build/thesis.docx" in run.err


def test_title_page_holds_thesis_yaml_fields_then_a_page_break(
    draft: tuple[Path, Run, Docx],
) -> None:
    _, _, docx = draft
    assert docx.styled("Title") == ["", "Wörter zählen"]  # the logo, the title
    assert docx.styled("Subtitle") == ["Hochschule Irgendwo", "Ein Versuch", "Masterarbeit"]
    fields = docx.styled("Author")
    assert fields[:4] == [
        "vorgelegt von: Erika Musterfrau",
        "Matrikelnummer: 1234567",
        "Erstgutachter: Prof. Dr. A",
        "Zweitgutachter: Dr. B",
    ]
    assert "Abgabedatum: 31.03.2027" in fields
    assert docx.styled("Date")[0].startswith("Entwurf · ")  # the draft label
    document = docx.parts["word/document.xml"]
    assert document.index('w:type="page"') < document.index("Einleitung")


def test_a_table_of_contents_follows_the_title_page(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    document = docx.parts["word/document.xml"]
    assert docx.styled("TOCHeading") == ["Inhaltsverzeichnis"]
    assert document.index("Abgabedatum") < document.index('TOC \\o "1-3"')
    assert document.index('TOC \\o "1-3"') < document.index("Einleitung")


def test_headings_are_numbered_the_appendix_lettered(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    assert docx.styled("Heading1") == [
        "1\tEinleitung", "2\tMethode", "Literaturverzeichnis", "A\tRohdaten"
    ]  # fmt: skip
    assert docx.styled("Heading2") == ["1.1\tDaten"]


def test_captions_and_references_carry_the_pdfs_numbers(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    assert docx.styled("ImageCaption") == [
        "Abbildung 1.1: Ein Punkt", "Abbildung 2.1: Als PDF gespeichert", "Abbildung A.1: Alles"
    ]  # fmt: skip
    assert docx.styled("TableCaption") == ["Tabelle 1.1: Werte"]
    assert "Wie Abbildung 1.1 zeigt" in docx.text
    assert "Siehe Tabelle 1.1 in Abschnitt 1.1, Anhang A und" in docx.text
    assert "sowie Gleichung (2.1)." in docx.text
    assert "@" not in docx.text
    anchors = re.findall(r'w:hyperlink w:anchor="([^"]+)"', docx.parts["word/document.xml"])
    assert {"fig-punkt", "tbl-werte", "sec-daten", "sec-anhang", "eq-q"} <= set(anchors)


def test_images_are_embedded(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    media = [name for name in docx.names if name.startswith("word/media/")]
    assert len(media) == 4  # the logo and the three figures
    document = docx.parts["word/document.xml"]
    assert document.count("<w:drawing>") == 4
    assert document.index("<w:drawing>") < document.index("Wörter zählen")  # the logo


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_pdf_figure_reaches_word_as_png(draft: tuple[Path, Run, Docx]) -> None:
    root, _, docx = draft
    media = [name for name in docx.names if name.startswith("word/media/")]
    assert all(name.endswith(".png") for name in media)  # Word shows no PDF image
    assert len(list((root / "build" / "docx-figures").glob("*.png"))) == 1


def test_citation_and_bibliography_by_the_csl_style(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    assert "ist alles klein (Knuth, 1984)." in docx.text  # din-1505-2, the default
    assert docx.styled("Bibliography") == ["Knuth, Donald E.: The TeXbook : Addison-Wesley, 1984"]


def test_todo_is_a_word_comment_in_a_draft(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    comments = docx.parts["word/comments.xml"]
    assert re.findall(r'<w:comment [^>]*w:author="thesisbuild"', comments)
    assert "Zahlen prüfen" in comments
    assert "Zahlen prüfen" not in docx.text and "todo" not in docx.text
    assert 'w:commentRangeStart w:id="0"' in docx.parts["word/document.xml"]


def test_layout_comes_from_thesis_yaml(draft: tuple[Path, Run, Docx]) -> None:
    _, _, docx = draft
    styles = docx.parts["word/styles.xml"]
    normal = re.search(r'w:styleId="Normal".*?</w:style>', styles, re.S)
    assert normal is not None
    assert '<w:sz w:val="22" />' in normal[0]  # 11pt
    assert 'w:line="288"' in normal[0]  # 1.2 × 240
    assert 'w:ascii="Times New Roman"' in normal[0]  # font: serif
    margins = re.search(r"<w:pgMar [^>]*>", docx.parts["word/document.xml"])
    assert margins is not None
    for side, twips in {"left": 2268, "right": 1134, "top": 1417, "gutter": 567}.items():
        assert f'w:{side}="{twips}"' in margins[0]  # 4cm, 2cm, 2.5cm (default), 1cm
    assert (
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in docx.parts["word/footer1.xml"]
    )
    assert 'w:footerReference r:id="rIdThesisbuildFooter"' in docx.parts["word/document.xml"]
    size = re.search(r"<w:pgSz [^>]*>", docx.parts["word/document.xml"])
    assert size is not None
    assert 'w:w="11906"' in size[0] and 'w:h="16838"' in size[0]  # A4


def test_final_refuses_with_an_open_todo_and_keeps_the_docx(
    draft: tuple[Path, Run, Docx],
) -> None:
    root, _, _ = draft
    before = (root / "build" / "thesis.docx").read_bytes()
    run = run_thesisbuild("docx", "--final", "-C", root)
    assert run.code == 1
    assert "thesis/01-einleitung.md:3:" in run.err and "[todo]" in run.err
    assert "--final refuses to build" in run.err
    assert (root / "build" / "thesis.docx").read_bytes() == before


def test_output_must_be_a_docx(draft: tuple[Path, Run, Docx]) -> None:
    root, _, _ = draft
    run = run_thesisbuild("docx", "-C", root, "-o", root / "x.pdf")
    assert run.code == 2
    assert "not a .docx file name" in run.err


def test_english_final_build(english_final: tuple[Path, Run, Docx]) -> None:
    _, run, docx = english_final
    assert run.out.strip().splitlines()[-1] == "out/copy.docx"
    assert docx.styled("ImageCaption") == [
        "Figure 1.1: Ein Punkt", "Figure 2.1: Als PDF gespeichert", "Figure A.1: Alles"
    ]  # fmt: skip
    assert "Wie Figure 1.1 zeigt" in docx.text
    assert "Siehe Table 1.1 in Section 1.1, Appendix A und" in docx.text
    assert "Submitted by: Erika Musterfrau" in docx.styled("Author")
    assert not docx.styled("Date")  # no draft label
    assert "<w:comment " not in docx.parts.get("word/comments.xml", "")


def test_a_projects_reference_docx_wins(english_final: tuple[Path, Run, Docx]) -> None:
    root, _, docx = english_final
    normal = re.search(r'w:styleId="Normal".*?</w:style>', docx.parts["word/styles.xml"], re.S)
    assert normal is not None
    assert '<w:sz w:val="28" />' in normal[0]  # the project's 14pt, not thesis.yaml's 11pt
    assert "templates/reference.docx" in (root / "build" / "docx.yaml").read_text()
    assert not (root / "build" / "reference.docx").exists()


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="libreoffice not installed")
def test_libreoffice_reads_it(draft: tuple[Path, Run, Docx], tmp_path: Path) -> None:
    root, _, _ = draft
    argv = ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*argv, str(root / "build" / "thesis.docx")], check=True, timeout=120)
    assert (tmp_path / "thesis.pdf").stat().st_size > 0


def test_write_docx_takes_any_manuscript(draft: tuple[Path, Run, Docx], tmp_path: Path) -> None:
    """The function `diff --to docx` reuses: a markdown of its own, the project's reference
    DOCX and filters, written where asked."""
    root, _, _ = draft
    config = load(root)
    manuscript = tmp_path / "changed.md"
    text = (root / "build" / "thesis.md").read_text(encoding="utf-8")
    manuscript.write_text(text.replace("alles klein", "alles winzig"), encoding="utf-8")
    job = DocxJob(config, BuildPaths.of(config.root), manuscript, draft=False)
    result = write_docx(job, tmp_path / "changed.docx", Reporter())
    assert result.path == tmp_path / "changed.docx"
    assert (result.citations, result.references) == ((), ())
    docx = read_docx(result.path)
    assert "ist alles winzig (Knuth, 1984). [todo Zahlen prüfen]" in docx.text  # not a draft
    assert "Abbildung 1.1: Ein Punkt" in docx.styled("ImageCaption")


def native(markdown: str, *metadata: str) -> str:
    """markdown through crossref.lua and docx.lua as the docx build runs them (pandoc's
    native form: what the docx writer gets)."""
    filters = [arg for name in ("crossref.lua", "docx.lua") for arg in ("-L", PACKAGED / name)]
    argv = [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "native", *filters]
    done = subprocess.run([*argv, *metadata], input=markdown, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


def test_a_todo_of_paragraphs_is_one_comment_on_the_paragraph_before() -> None:
    blocks = native("Davor.\n\n::: todo\nEins.\n\nZwei.\n:::\n", "-M", "draft=true")
    assert '[ "comment-start" ]' in blocks and '( "author" , "thesisbuild" )' in blocks
    assert 'Str "Eins." , LineBreak , Str "Zwei."' in blocks
    assert blocks.count("Para") == 1  # the comment sits at the end of "Davor."


def test_outside_a_draft_a_todo_stays_text() -> None:
    blocks = native("Text [Zahl]{.todo}.\n")
    assert 'Str "[todo" , Space , Str "Zahl" , Str "]"' in blocks
    assert "comment-start" not in blocks


def test_listings_get_a_numbered_caption() -> None:
    blocks = native('# Eins\n\n```{#lst-a .python lst-cap="Code"}\nx = 1\n```\n\nSiehe @lst-a.\n')
    assert 'Str "Listing\\160\\&1.1" , Str ":" , Space , Str "Code"' in blocks
    assert 'Link ( "" , [] , [] ) [ Str "Listing\\160\\&1.1" ] ( "#lst-a" , "" )' in blocks


def test_an_untrusted_projects_own_filter_is_refused(tmp_path: Path) -> None:
    """`execute: never`: the project's docx.lua would be code run with the user's rights."""
    root = project(tmp_path / "fremd")
    (root / "templates").mkdir()
    (root / "templates" / "docx.lua").write_text("os.execute('touch pwned')\n", encoding="utf-8")
    run = run_thesisbuild("docx", "-C", root)
    assert run.code == 2
    assert "templates/docx.lua: a project's Lua filter is code" in run.err
    assert not (root / "pwned").exists() and not (root / "build" / "thesis.docx").exists()


def test_final_stops_on_a_citation_missing_from_the_bibliography(tmp_path: Path) -> None:
    first = FIRST.replace(" [todo Zahlen prüfen]", "").replace("@knuth1984", "@knuth1999")
    root = project(tmp_path / "arbeit", first=first)
    run = run_thesisbuild("docx", "--final", "-C", root)
    assert run.code == 1
    assert "thesis/01-einleitung.md:3:40: error [citation] citation @knuth1999" in run.err
    assert not (root / "build" / "thesis.docx").exists()
    assert not (root / "build" / "staged.docx").exists()


def test_reference_forms_as_in_the_pdf() -> None:
    blocks = native(
        "# Eins\n\n## Ohne {#sec-ohne .unnumbered}\n\n![A](a.png){#fig-a}\n\n"
        "[-@fig-a], [Abb. @fig-a], [@fig-a; @sec-ohne], @fig-fehlt.\n"
    )
    assert 'Link ( "" , [] , [] ) [ Str "1.1" ] ( "#fig-a" , "" )' in blocks
    assert '[ Str "Abb." , Str "\\160\\&1.1" ] ( "#fig-a" , "" )' in blocks
    assert 'Str "," , Space , Link ( "" , [] , [] ) [ Str "Ohne" ] ( "#sec-ohne" , "" )' in blocks
    assert 'Strong [ Str "?@fig-fehlt" ]' in blocks
