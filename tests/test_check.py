"""`thesisbuild check` names each broken requirement: two real builds (one compliant PDF/A-2b,
one whose inline-code hash runs into the right margin); every other violation is the same
compliant PDF checked against other requirements, or a copy edited with pypdf (a font
unembedded, the metadata stripped, the declaration page removed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_thesisbuild
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from small_project import thesis
from tex import poppler, require_tex

from thesisbuild.config.reader import load
from thesisbuild.core.errors import ConfigError
from thesisbuild.latex.log import Overfull, overfull_boxes
from thesisbuild.submission.report import warnings
from thesisbuild.submission.verdict import Verdict

pytestmark = [pytest.mark.tex, pytest.mark.xdist_group("check")]

YAML = 'title: "Messbare Regeln"\nauthor: "Erika Musterfrau"\nexecute: never\nplace: Berlin\n'
PARAGRAPH = (
    "Ein Absatz über die Messung der Ränder, der Schriftgröße und des Zeilenabstands, "
    "der lang genug ist, um mehrere Zeilen zu füllen und den Blocksatz zu zeigen. "
) * 3
PDFA_YAML = YAML.replace("Erika Musterfrau", "Jürgen Groß")
HASH = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
OVERRUN = f"Die Konfiguration liegt in `{HASH}` bereit."


def chapters(middle: str = "") -> dict[str, str]:
    first = "# Einleitung\n\n" + "\n\n".join([PARAGRAPH] * 4 + ([middle] if middle else []))
    second = "# Ergebnisse\n\n" + "\n\n".join([PARAGRAPH] * 6)
    return {"01-einleitung.md": first + "\n", "02-ergebnisse.md": second + "\n"}


@pytest.fixture(scope="module")
def compliant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A final build that meets thesis.yaml: 12 pt, 1.5 spacing, the default margins, and
    PDF/A-2b (an author with umlauts, which the Info dictionary and XMP must both hold)."""
    require_tex()
    yaml = f"{PDFA_YAML}requirements:\n  pdfa: 2b\n"
    root = thesis(tmp_path_factory.mktemp("compliant") / "p", yaml, chapters())
    run = run_thesisbuild("pdf", "--final", "-q", "-C", root)
    assert run.code == 0, run.err
    return root


@pytest.fixture(scope="module")
def overrun(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    require_tex()
    yaml = f"{YAML}requirements:\n  pages: {{min: 1}}\n"  # stated: a draft checks too
    root = thesis(tmp_path_factory.mktemp("overrun") / "p", yaml, chapters(OVERRUN))
    return root, run_thesisbuild("pdf", "--final", "-C", root)


def checked(root: Path, *args: str | Path) -> tuple[int, list[dict[str, object]]]:
    run = run_thesisbuild("check", "--format", "json", "-C", root, *args)
    return run.code, json.loads(run.out) if run.out else []


def failing(verdicts: list[dict[str, object]]) -> list[object]:
    return [verdict["rule"] for verdict in verdicts if not verdict["ok"]]


def against(tmp_path: Path, compliant: Path, requirements: str) -> tuple[int, list[object]]:
    """The compliant PDF checked against thesis.yaml with other requirements."""
    root = thesis(tmp_path / "p", f"{PDFA_YAML}requirements:\n{requirements}", chapters())
    code, verdicts = checked(root, compliant / "build" / "thesis.pdf")
    return code, failing(verdicts)


def test_compliant_final_build_passes_with_the_measured_layout(compliant: Path) -> None:
    code, verdicts = checked(compliant)
    measured = {verdict["rule"]: verdict["measured"] for verdict in verdicts}
    assert (code, failing(verdicts)) == (0, [])
    assert measured["font size"] == "12.0 pt"
    assert measured["line spacing"] == "21.75 pt baseline"  # 1.5 × 14.5 pt
    margins = dict(
        part.split() for part in str(measured["margins"]).removesuffix(" cm").split(", ")
    )
    assert float(margins["left"]) == pytest.approx(3.0, abs=0.01)
    assert 2.5 - 0.1 <= float(margins["right"]) <= 2.5 + 0.05  # microtype's hanging punctuation
    assert float(margins["top"]) >= 2.5 and float(margins["bottom"]) >= 2.0 - 0.1  # descenders
    assert set(verdicts[0]) == {"rule", "required", "measured", "ok", "pages", "where"}


def test_table_lists_every_rule(compliant: Path) -> None:
    run = run_thesisbuild("check", "-C", compliant)
    assert run.code == 0
    assert run.out.splitlines()[0].split(" | ")[0].strip() == "rule"
    rules = [line.split("|")[0].strip() for line in run.out.splitlines()[2:]]
    assert rules == ["paper", "font size", "line spacing", "margins", "pages", "fonts",
                     "metadata", "parts", "PDF/A"]  # fmt: skip
    assert "every rule holds" in run.err


@pytest.mark.parametrize(
    ("requirements", "rule"),
    [
        ("  font_size: 11pt\n", "font size"),
        ("  line_spacing: 1.0\n", "line spacing"),
        ("  pages: {max: 1}\n", "pages"),
        ("  paper: letter\n", "paper"),
        ("  margins: {right: 3cm}\n", "margins"),
    ],
    ids=["11pt-against-12pt", "single-against-1.5", "page-limit", "letter", "wider-margin"],
)
def test_each_other_requirement_is_named(
    tmp_path: Path, compliant: Path, requirements: str, rule: str
) -> None:
    assert against(tmp_path, compliant, requirements) == (1, [rule])


def edited(compliant: Path, tmp_path: Path, edit: object) -> Path:
    writer = PdfWriter(clone_from=compliant / "build" / "thesis.pdf")
    edit(writer)  # type: ignore[operator]
    path = tmp_path / "edited.pdf"
    with path.open("wb") as file:
        writer.write(file)
    return path


def unembed_first_font(writer: PdfWriter) -> None:
    font = writer.pages[2]["/Resources"]["/Font"]
    first = next(iter(font.values())).get_object()
    if first["/Subtype"] == "/Type0":
        first = first["/DescendantFonts"][0].get_object()
    descriptor = first["/FontDescriptor"].get_object()
    for name in ("/FontFile", "/FontFile2", "/FontFile3"):
        descriptor.pop(NameObject(name), None)


def strip_metadata(writer: PdfWriter) -> None:
    writer.metadata = None  # no Info dictionary
    writer.root_object.pop(NameObject("/Lang"), None)


def test_unembedded_font_is_named(compliant: Path, tmp_path: Path) -> None:
    code, verdicts = checked(compliant, edited(compliant, tmp_path, unembed_first_font))
    assert (code, failing(verdicts)) == (1, ["fonts", "PDF/A"])
    fonts = next(v for v in verdicts if v["rule"] == "fonts")
    assert str(fonts["measured"]).startswith("not embedded: Free")


def test_stripped_metadata_fails(compliant: Path, tmp_path: Path) -> None:
    code, verdicts = checked(compliant, edited(compliant, tmp_path, strip_metadata))
    assert (code, failing(verdicts)) == (1, ["metadata"])
    metadata = next(v for v in verdicts if v["rule"] == "metadata")
    assert metadata["measured"] == "wrong or missing: title, author, language"


def test_missing_declaration_is_named(compliant: Path, tmp_path: Path) -> None:
    last = len(PdfReader(compliant / "build" / "thesis.pdf").pages) - 1
    path = edited(compliant, tmp_path, lambda writer: writer.remove_page(last))
    code, verdicts = checked(compliant, path)
    parts = next(v for v in verdicts if v["rule"] == "parts")
    assert (code, failing(verdicts), parts["measured"]) == (1, ["parts"], "missing: declaration")


def test_unreadable_files_exit_2(compliant: Path, tmp_path: Path) -> None:
    (tmp_path / "not.pdf").write_text("kein PDF\n", encoding="utf-8")
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    blank.write(tmp_path / "blank.pdf")
    locked = PdfWriter(clone_from=compliant / "build" / "thesis.pdf")
    locked.encrypt("geheim")
    locked.write(tmp_path / "locked.pdf")
    said = {}
    for name in ("not.pdf", "blank.pdf", "locked.pdf", "missing.pdf"):
        run = run_thesisbuild("check", "-C", compliant, tmp_path / name)
        said[name] = (run.code, run.out, run.err.splitlines()[-1])
    assert {name: code for name, (code, _, _) in said.items()} == dict.fromkeys(said, 2)
    assert "not a readable PDF" in said["not.pdf"][2]
    assert "scanned?" in said["blank.pdf"][2]
    assert "encrypted" in said["locked.pdf"][2]
    assert "not found" in said["missing.pdf"][2]


def test_final_build_fails_at_the_margin_with_the_chapter_line(
    overrun: tuple[Path, object],
) -> None:
    root, run = overrun
    line = chapters(OVERRUN)["01-einleitung.md"].splitlines().index(OVERRUN) + 1
    assert run.code == 1  # type: ignore[attr-defined]
    err: str = run.err  # type: ignore[attr-defined]
    assert f"thesis/01-einleitung.md:{line}:1: warning: line " in err  # LaTeX's overfull box
    assert "pt too wide, into the right margin" in err
    assert "margins      |" in err and "| FAIL" in err
    assert f"margins: thesis/01-einleitung.md:{line}:1: page " in err
    assert "pt into the right margin" in err
    assert "--final: 1 of 8 requirements failed; the PDF is left for inspection." in err
    assert (root / "build" / "thesis.pdf").is_file()
    code, verdicts = checked(root)  # the no-op check did not record the failed build
    margins = next(v for v in verdicts if v["rule"] == "margins")
    assert (code, failing(verdicts), len(margins["pages"])) == (1, ["margins"], 1)
    again = run_thesisbuild("pdf", "--final", "-q", "-C", root)
    assert again.code == 1 and "FAIL" in again.err


def test_overrun_located_without_the_log(overrun: tuple[Path, object], tmp_path: Path) -> None:
    root = shutil.copytree(overrun[0], tmp_path / "p")
    shutil.rmtree(root / "build" / "latex")
    code, verdicts = checked(root)
    margins = next(v for v in verdicts if v["rule"] == "margins")
    assert code == 1
    assert str(margins["where"][0]).startswith("thesis/01-einleitung.md:")  # type: ignore[index]


def test_draft_warns_and_delivers(overrun: tuple[Path, object], tmp_path: Path) -> None:
    """A draft of a thesis.yaml with requirements prints the failed rules as warnings;
    its margin notes and footer are not text."""
    root = shutil.copytree(overrun[0], tmp_path / "p")
    chapter = root / "thesis" / "02-ergebnisse.md"
    chapter.write_text(chapter.read_text() + "\n[todo Ergebnisse prüfen]\n", encoding="utf-8")
    run = run_thesisbuild("pdf", "-C", root)
    line = chapters(OVERRUN)["01-einleitung.md"].splitlines().index(OVERRUN) + 1
    assert run.code == 0, run.err
    assert "warning: check: margins: required left 3.00, right 2.50" in run.err
    assert f"thesis/01-einleitung.md:{line}:1: page " in run.err
    assert [text for text in run.err.splitlines() if "warning: check:" in text][-1].endswith(
        "warning: check: margins"
    )  # one place: the hash, not the todo's margin note


def test_draft_warnings_name_rule_and_place() -> None:
    verdicts = [
        Verdict("paper", "A4", "210 × 297 mm", True),
        Verdict("margins", "right 2.50 cm", "right -1.02 cm", False, (4,), ("t.md:3:1: page 4",)),
    ]
    assert warnings(verdicts) == [
        "warning: check: margins: required right 2.50 cm, measured right -1.02 cm",
        "t.md:3:1: page 4: warning: check: margins",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("font_size: 12 pts", "3: requirements.font_size: expected a length from 6pt to 24pt"),
        ("margins: {left: -1cm}", "3: requirements.margins.left: expected a length from 0cm"),
        ("pages: {min: 80, max: 60}", "3: requirements.pages: min (80) is more than max (60)"),
        ("line_spacing: {lines: 2}", "3: requirements.line_spacing.lines: unknown key"),
    ],
)
def test_bad_requirements_are_config_errors_at_their_line(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "thesis.yaml").write_text(f"title: T\nrequirements:\n  {text}\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    assert caught.value.message.startswith(f"thesis.yaml:{message}")


def test_pdfa_build_has_the_structure_pdfa_needs(compliant: Path) -> None:
    """Read with pypdf and poppler, not with check's own code: the properties the README
    lists as verified."""
    pdf = compliant / "build" / "thesis.pdf"
    reader = PdfReader(pdf)
    xmp = reader.xmp_metadata
    assert xmp is not None and not reader.is_encrypted
    raw = xmp.stream.get_data().decode("utf-8")
    assert (
        "<pdfaid:part>2</pdfaid:part>" in raw
        and "<pdfaid:conformance>B</pdfaid:conformance>" in raw
    )
    info = reader.metadata
    assert info is not None and (info.title, info.author) == ("Messbare Regeln", "Jürgen Groß")
    assert list(xmp.dc_title.values()) == [info.title] and xmp.dc_creator == [info.author]
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    profile = intent["/DestOutputProfile"].get_object().get_data()
    assert (intent["/S"], profile[36:40], profile[16:20]) == ("/GTS_PDFA1", b"acsp", b"RGB ")
    assert "/ID" in reader.trailer and reader.pdf_header <= "%PDF-1.7"
    annotations = [a.get_object() for p in reader.pages for a in p.get("/Annots") or []]
    assert all(int(a["/F"]) & 4 for a in annotations)
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the emb column


def test_pdfa_missing_is_named(tmp_path: Path, overrun: tuple[Path, object]) -> None:
    root = thesis(tmp_path / "p", f"{YAML}requirements:\n  pdfa: 2b\n", chapters())
    code, verdicts = checked(root, overrun[0] / "build" / "thesis.pdf")
    pdfa = next(v for v in verdicts if v["rule"] == "PDF/A")
    assert (code, pdfa["ok"]) == (1, False)
    assert str(pdfa["measured"]).startswith("no XMP metadata; no PDF/A output intent")


def test_overfull_boxes_are_read_without_font_switches() -> None:
    log = (
        "Overfull \\hbox (100.29443pt too wide) in paragraph at lines 317--320\n"
        "[]\\TU/FreeSerif(0)/m/n/12 Die Konfiguration liegt in \\TU/DejaVuSansMono(0)/m/n/12 "
        "sha256:9f86|\n\n"
        "Overfull \\hbox (45.80295pt too wide) detected at line 483\n[][]\n"
    )
    assert overfull_boxes(log) == [
        Overfull(100.29443, 317, "Die Konfiguration liegt in sha256:9f86"),
        Overfull(45.80295, 483, ""),
    ]
