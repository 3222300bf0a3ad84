"""The reference DOCX pandoc takes the Word copy's styles and page from: the project's
templates/reference.docx as it is, else pandoc's own with thesis.yaml's layout written
into it — the text font, size and line spacing in the Normal style (and the document
defaults), A4 with the margins and binding in the section properties, mirrored margins
when two-sided, the page number centred in the footer as in the PDF (pandoc keeps the
reference's footers). Word insists on the schema's order of elements, so each one is inserted
after those that must precede it."""

from __future__ import annotations

import io
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..config.model import Config, Layout, Margins
from ..config.reader import in_unit
from ..core.files import replace_atomically
from ..core.paths import BuildPaths
from ..core.proc import run
from ..resources.lookup import PROJECT_DIR, REFERENCE_DOCX, is_overridden

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
FOOTER_PART, FOOTER_ID = "word/footer1.xml", "rIdThesisbuildFooter"
FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
)
TWIPS_PER_INCH = 1440
SINGLE_LINE = 240  # w:line in 240ths of a line (lineRule auto)
A4 = {"w": "11906", "h": "16838"}  # twips
# What FreeSerif and FreeSans, the PDF's default fonts, stand in for on a Word machine.
WORD_FONTS = {"serif": "Times New Roman", "sans": "Arial"}
# Styles set single-spaced, as LaTeX sets tables, captions and footnotes.
SINGLE_SPACED = ("Compact", "Caption", "FootnoteText")

# The elements the schema puts before the one inserted (CT_Style, CT_PPr, CT_RPr, …).
BEFORE_STYLE_PPR = {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
                    "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked",
                    "personal", "personalCompose", "personalReply", "rsid"}  # fmt: skip
BEFORE_SPACING = {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                  "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
                  "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                  "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                  "snapToGrid"}  # fmt: skip
BEFORE_SIZE = {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
               "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
               "vanish", "webHidden", "color", "spacing", "w", "kern", "position"}  # fmt: skip
BEFORE_PAGE_SIZE = {"headerReference", "footerReference", "footnotePr", "endnotePr", "type"}
BEFORE_FOOTER = {"headerReference"}
BEFORE_MIRROR = {"writeProtection", "view", "zoom", "removePersonalInformation",
                 "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                 "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
                 "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
                 "saveFormsData"}  # fmt: skip


def reference_docx(config: Config, paths: BuildPaths) -> Path:
    """The project's templates/reference.docx, else build/reference.docx made now."""
    if is_overridden(config.root, REFERENCE_DOCX):
        return config.root / PROJECT_DIR / REFERENCE_DOCX
    paths.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=paths.work) as folder:
        default, made = Path(folder, "pandoc.docx"), Path(folder, REFERENCE_DOCX)
        run([pandoc(), "-o", str(default), "--print-default-data-file", REFERENCE_DOCX])
        with_layout(default, made, config.layout)
        replace_atomically(made, paths.reference_docx)
    return paths.reference_docx


def pandoc() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def with_layout(default: Path, target: Path, layout: Layout) -> None:
    """Copy the DOCX at `default` to `target`, its styles, page and settings changed."""
    changes: dict[str, Callable[[ET.Element], None]] = {
        "word/styles.xml": lambda root: set_styles(root, layout),
        "word/document.xml": lambda root: set_page(root, layout.margins),
        "word/theme/theme1.xml": lambda root: set_theme_fonts(root, body_font(layout)),
        "word/settings.xml": lambda root: set_mirrored(root, layout.twoside),
        "word/_rels/document.xml.rels": add_footer_relationship,
        "[Content_Types].xml": add_footer_type,
    }
    with zipfile.ZipFile(default) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in changes:
                data = changed(data, changes[item.filename])
            out.writestr(zipfile.ZipInfo(item.filename, item.date_time), data, zipfile.ZIP_DEFLATED)
        out.writestr(FOOTER_PART, FOOTER, zipfile.ZIP_DEFLATED)


def changed(xml: bytes, change: Callable[[ET.Element], None]) -> bytes:
    """The part with `change` applied, its namespace prefixes kept (Word reads them).
    ElementTree keeps prefixes only in its process-wide map: the part's are registered
    there (nothing else in thesisbuild writes XML with ElementTree)."""
    for _, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=("start-ns",)):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(xml)
    change(root)
    written: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return written


def body_font(layout: Layout) -> str:
    chosen = layout.sans_font if layout.font == "sans" else layout.main_font
    return chosen or WORD_FONTS[layout.font]


def set_styles(styles: ET.Element, layout: Layout) -> None:
    """Font and size in the document defaults and Normal, line spacing in Normal; tables,
    captions and footnotes single-spaced; code in thesis.yaml's mono font if it names one."""
    font, size = body_font(layout), in_unit(layout.font_size, "pt") or 12
    defaults = styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
    for run_properties in (defaults, style_part(styles, "Normal", "rPr")):
        if run_properties is not None:
            set_font(run_properties, font)
            set_size(run_properties, size)
    line = round(SINGLE_LINE * layout.line_spacing)
    set_line(style_part(styles, "Normal", "pPr"), line)
    for name in SINGLE_SPACED:
        set_line(style_part(styles, name, "pPr"), SINGLE_LINE)
    code = style_part(styles, "VerbatimChar", "rPr")
    if layout.mono_font and code is not None:
        set_font(code, layout.mono_font)


def style_part(styles: ET.Element, style_id: str, part: str) -> ET.Element | None:
    """A style's pPr or rPr, made where it has none; None for a style it lacks."""
    for style in styles.iter(f"{{{W}}}style"):
        if style.get(f"{{{W}}}styleId") == style_id:
            before = BEFORE_STYLE_PPR | ({"pPr"} if part == "rPr" else set())
            return placed(style, part, before)
    return None


def placed(parent: ET.Element, tag: str, before: set[str]) -> ET.Element:
    """parent's child `tag`, inserted after the children the schema puts first if new."""
    found = parent.find(f"{{{W}}}{tag}")
    if found is not None:
        return found
    names = [child.tag.rpartition("}")[2] for child in parent]
    index = max((i + 1 for i, name in enumerate(names) if name in before), default=0)
    element = ET.Element(f"{{{W}}}{tag}")
    parent.insert(index, element)
    return element


def set_font(run_properties: ET.Element, font: str) -> None:
    fonts = placed(run_properties, "rFonts", {"rStyle"})
    fonts.attrib.clear()  # the theme's fonts (asciiTheme, …) would win over the names
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(f"{{{W}}}{script}", font)


def set_size(run_properties: ET.Element, points: float) -> None:
    half_points = str(round(points * 2))
    placed(run_properties, "sz", BEFORE_SIZE).set(f"{{{W}}}val", half_points)
    placed(run_properties, "szCs", BEFORE_SIZE | {"sz"}).set(f"{{{W}}}val", half_points)


def set_line(paragraph_properties: ET.Element | None, line: int) -> None:
    if paragraph_properties is not None:
        spacing = placed(paragraph_properties, "spacing", BEFORE_SPACING)
        spacing.set(f"{{{W}}}line", str(line))
        spacing.set(f"{{{W}}}lineRule", "auto")


def set_page(document: ET.Element, margins: Margins) -> None:
    """A4 with thesis.yaml's margins; the binding is Word's gutter (the inner side)."""
    section = placed(placed(document, "body", set()), "sectPr", {"p", "tbl", "sdt"})
    size = placed(section, "pgSz", BEFORE_PAGE_SIZE)
    size.attrib.update({f"{{{W}}}{key}": value for key, value in A4.items()})
    page_margins = placed(section, "pgMar", BEFORE_PAGE_SIZE | {"pgSz"})
    sides = {"top": margins.top, "right": margins.right, "bottom": margins.bottom,
             "left": margins.left, "gutter": margins.binding}  # fmt: skip
    page_margins.attrib.update({f"{{{W}}}{side}": twips(length) for side, length in sides.items()})
    page_margins.attrib.update({f"{{{W}}}header": "708", f"{{{W}}}footer": "708"})
    footer = placed(section, "footerReference", BEFORE_FOOTER)
    footer.attrib.update({f"{{{W}}}type": "default", f"{{{R}}}id": FOOTER_ID})


def add_footer_relationship(relationships: ET.Element) -> None:
    """word/footer1.xml, the page number, as the document's footer part."""
    kind = f"{R}/footer"
    attributes = {"Id": FOOTER_ID, "Type": kind, "Target": FOOTER_PART.removeprefix("word/")}
    ET.SubElement(relationships, f"{{{RELATIONSHIPS}}}Relationship", attributes)


def add_footer_type(types: ET.Element) -> None:
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
    attributes = {"PartName": f"/{FOOTER_PART}", "ContentType": kind}
    ET.SubElement(types, f"{{{CONTENT_TYPES}}}Override", attributes)


def twips(length: str) -> str:
    return str(round((in_unit(length, "in") or 0) * TWIPS_PER_INCH))


def set_theme_fonts(theme: ET.Element, font: str) -> None:
    """Headings use the theme's major font, body text its minor: both the text font, as
    the PDF sets headings in the main font (bold)."""
    for latin in theme.iter(f"{{{A}}}latin"):
        latin.set("typeface", font)


def set_mirrored(settings: ET.Element, twoside: bool) -> None:
    """Two-sided: inner and outer margins mirror on facing pages."""
    if twoside:
        placed(settings, "mirrorMargins", BEFORE_MIRROR)
