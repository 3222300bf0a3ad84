"""Config: the one declaration of thesis.yaml. Each key is a field here, with its type,
default, range, template variable and README text (`key`); the reader (thesisyaml), the
template variables, the README table and the JSON Schema (schema) are derived from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .inputglob import MAX_INPUT_MATCHES
from .literal import Raw
from .spec import key

CONFIG_NAME = "thesis.yaml"
CHAPTER_DIR = "thesis"
CHAPTER_SUFFIXES = (".md", ".ipynb", ".py")
ExecuteMode = Literal["never", "auto", "always"]
CodeMode = Literal["show", "hide"]
WarningsMode = Literal["show", "hide"]
Engine = Literal["xelatex", "lualatex"]
FontFamily = Literal["serif", "sans"]
Language = Literal["de", "en"]
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-US"}
STARTER = """title: "Titel der Arbeit"
author: {name: "Vorname Nachname", matriculation_number: "1234567"}
language: de
"""


@dataclass(frozen=True)
class Author:
    name: str = key(
        "", "the author's name", variable="author", example="Erika Musterfrau", required=True
    )
    matriculation_number: str | None = key(
        None, "on the title page", variable="matriculation-number", example="1234567"
    )


def margin(default: str, where: str, example: str) -> str:
    return key(default, f"{where} margin", variable=f"margin-{where}", example=example,
               unit="cm", minimum=0.5, maximum=6)  # fmt: skip


@dataclass(frozen=True)
class Margins:
    left: str = margin("3cm", "left", "4cm")
    right: str = margin("2.5cm", "right", "3cm")
    top: str = margin("2.5cm", "top", "3cm")
    bottom: str = margin("2cm", "bottom", "3cm")
    binding: str = key("0cm", "binding correction, added on the inner side", variable="binding",
                       example="1cm", unit="cm", minimum=0, maximum=3)  # fmt: skip


@dataclass(frozen=True)
class Layout:
    font_size: str = key(
        "12pt",
        "base font size",
        variable="fontsize",
        example="11pt",
        unit="pt",
        minimum=10,
        maximum=14,
    )
    line_spacing: float = key(
        1.5,
        "line spacing (1.5: one and a half lines)",
        variable="linespacing",
        example=1.2,
        minimum=1.0,
        maximum=2.0,
    )
    twoside: bool = key(
        False,
        "printed on both sides: chapters start on a right-hand page and "
        "`margins.binding` is added to the inner margin of each page",
        variable="twoside",
        example=True,
    )
    margins: Margins = key(
        Margins(),
        "page margins; `binding` is added on the inner side",
    )
    font: FontFamily = key(
        "serif",
        "Times-like (FreeSerif) or Arial-like (FreeSans) text",
        variable="sans-text",
        to_template=lambda family: family == "sans",
        example="sans",
    )
    main_font: str | None = key(
        None,
        "any installed font by name (it must have every glyph the text uses)",
        variable="mainfont",
        read="font",
        default_text="FreeSerif",
        example="DejaVu Serif",
    )
    sans_font: str | None = key(
        None,
        "sans-serif font (headings' fallback, the text with `font: sans`)",
        variable="sansfont",
        read="font",
        default_text="FreeSans",
        example="DejaVu Sans",
    )
    mono_font: str | None = key(
        None,
        "font of code listings",
        variable="monofont",
        read="font",
        default_text="DejaVu Sans Mono",
        example="FreeMono",
    )


@dataclass(frozen=True)
class TerminologyRule:
    """Write `preferred`, not any of `forms` (a form between slashes is a regex);
    `lines` are the forms' lines in thesis.yaml, for messages."""

    preferred: str
    forms: tuple[str, ...]
    lines: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class LatexPackage:
    """`\\usepackage[options]{name}` for raw LaTeX a chapter uses."""

    name: str
    options: str = ""


@dataclass(frozen=True)
class LatexAdditions:
    """Extra packages and preamble lines, loaded after the template's own."""

    packages: tuple[LatexPackage, ...] = ()
    preamble: str = ""


@dataclass(frozen=True)
class AiTool:
    tool: str = key("", "the tool's name", required=True)
    purpose: str = key("", "what it was used for", required=True)
    sections: str = key("", "the sections it touched")


@dataclass(frozen=True)
class Config:
    """Everything thesis.yaml says, with paths resolved against the project root."""

    root: Path
    title: str = key(
        "",
        "title of the thesis",
        variable="title",
        default_text="— (required)",
        required=True,
        example="Ein Titel",
    )
    subtitle: str | None = key(
        None, "subtitle on the title page", variable="subtitle", example="Ein Untertitel"
    )
    author: Author | None = key(
        None,
        "`{name: …, matriculation_number: …}` or just the name",
        type_text="mapping or text",
        read="author",
        example=Author("Erika Musterfrau", "1234567"),
    )
    thesis_type: str | None = key(
        None,
        "e.g. `Masterarbeit`, `Bachelorarbeit`",
        variable="thesis-type",
        example="Masterarbeit",
    )
    degree: str | None = key(
        None,
        "e.g. `zur Erlangung des akademischen Grades Master of Science (M.Sc.)`",
        variable="degree",
        example="Master of Science",
    )
    logo: Path | None = key(
        None, "image file (PNG, JPG, PDF) at the top of the title page", variable="logo",
        to_template=lambda path: Raw(f"`{path}`{{=latex}}") if path else None,  # not escaped
        example=Path("logo.png"),
    )  # fmt: skip
    university: str | None = key(
        None, "on the title page", variable="university", example="Hochschule"
    )
    faculty: str | None = key(
        None, "on the title page", variable="faculty", example="Fachbereich Informatik"
    )
    reviewers: tuple[str, ...] = key(
        (),
        "first and second reviewer (Erstgutachter, Zweitgutachter)",
        variable="reviewers",
        example=("Prof. Dr. A", "Dr. B"),
    )
    company: str | None = key(
        None, '"in Zusammenarbeit mit …" on the title page', variable="company", example="ML6"
    )
    date: str | None = key(
        None, "submission date (Abgabedatum)", variable="date", example="31.03.2027"
    )
    place: str | None = key(
        None, "place for the signature line of the declaration", variable="place", example="Berlin"
    )
    language: Language = key(
        "de",
        "language of the generated text (list names, title page, declaration, draft marks), "
        "the hyphenation, quotes and citations",
        variable="lang",
        to_template=LANGUAGE_TAGS.get,
        example="en",
    )
    chapters: tuple[Path, ...] = key(
        (),
        "chapter order; each a `.md`, `.py` or `.ipynb` file, listed once (a broken symlink "
        "or a named pipe in `thesis/` is an error; a `.qmd`, `.Rmd` or `.MD` file there is "
        "left out with a warning)",
        default_text="`thesis/*` sorted by file name (`.md`, `.py`, `.ipynb`)",
        read="chapter_list",
    )
    appendix: tuple[Path, ...] = key(
        (), "chapters printed after the bibliography as Anhang A, B, …", read="chapter_list"
    )
    bibliography: Path | None = key(
        None, "BibTeX file for citations", default_text="`bibliography.bib` if it exists"
    )
    citation_style: str = key(
        "din-1505-2",
        "a packaged style (`din-1505-2`, "
        "`din-1505-2-numeric`, `din-1505-2-alphanumeric`, `ieee`, `apa`), "
        "a style in the project's `templates/csl/`, or a path to a `.csl` "
        "file",
    )
    execute: ExecuteMode = key(
        "auto",
        "where outputs come from: `never` the stored ones (none for text notebooks); `auto` "
        "the stored ones when the notebook was run before (a code cell with outputs or an "
        "execution count, as Jupyter and Colab save it), else running the code; `always` "
        "running the code, ignoring stored outputs. Code runs through "
        "[the execution cache](#the-execution-cache). The one switch for running the "
        "project's code (see [Security](#security))",
    )
    execute_timeout: int = key(
        600,
        "longest a single code cell may run; a cell that takes longer stops the build at its "
        "chapter file and line",
        minimum=1,
        maximum=86400,
    )
    inputs: tuple[str, ...] = key(
        (),
        "data files the code reads (`data/*.csv`, `corpus/**/*.txt`), relative to the project; "
        "their contents are part of the execution cache key, so editing one re-runs the code "
        "(a pattern that matches no file is an error, and so is one that matches more than "
        f"{MAX_INPUT_MATCHES:,} paths; a symlink to its own folder or a parent, such as "
        "`data/loop -> .`, is not followed)",
        type_text="list of glob patterns",
        read="input_globs",
    )
    code: CodeMode = key(
        "show",
        "code cells' input in the PDF: shown, or hidden in every chapter (their outputs "
        "stay); a cell's own echo option wins",
    )
    warnings: WarningsMode = key(
        "hide",
        "Python warnings a stored output printed to stderr (pandas' SettingWithCopyWarning, "
        "…): left out of the PDF, or shown; a cell's own `#| warning:` option wins",
    )
    engine: Engine = key("xelatex", "LaTeX engine")
    abbreviations: tuple[tuple[str, str], ...] = key(
        (),
        "`NER: Named Entity Recognition` … → Abkürzungsverzeichnis, in the given order",
        variable="abbreviations",
        to_template=lambda pairs: [{"short": short, "long": long} for short, long in pairs],
        type_text="mapping",
        read="pairs",
        example=(("NER", "Named Entity Recognition"),),
    )
    sperrvermerk: bool | str = key(
        False,
        "a Sperrvermerk page after the title page (`true`: the standard wording of the language)",
        variable="sperrvermerk",
        to_template=lambda value: {"text": value} if isinstance(value, str) else value,
        type_text="`true` or text",
        default_text="none",
        read="sperrvermerk",
        example="Vertraulich.",
    )
    declaration: str | None = key(
        None,
        "text of the declaration (Eidesstattliche Erklärung), as your university prescribes it",
        variable="declaration",
        default_text="the standard wording of the language",
        example="Ich versichere es.",
    )
    ai_tools: tuple[AiTool, ...] = key(
        (),
        "table of AI tools and aids on the declaration page",
        variable="ai-tools",
        example=(AiTool("T", "P", "S"),),
        type_text="list of `{tool, purpose, sections}`",
    )
    layout: Layout = key(Layout(), "page layout")
    latex: LatexAdditions = key(
        LatexAdditions(),
        "LaTeX the chapters' raw LaTeX needs beyond the template: `packages`, a list of names "
        'or `{name, options}` (e.g. `[siunitx, {name: tikz-cd, options: "arrows"}]`), and '
        "`preamble`, lines such as `\\newcommand…`; loaded after the template's own packages",
        type_text="mapping `{packages, preamble}`",
        default_text="none",
        read="latex",
    )
    terminology: tuple[TerminologyRule, ...] = key(
        (),
        "`preferred term: [discouraged forms]`; plain forms match whole words, ignoring "
        "case; a form between slashes is a regular expression (Python's syntax, matched "
        "with the `regex` module: one that takes longer than 2 s on a chapter stops lint at "
        "its line, exit 2)",
        yaml="lint.terminology",
        type_text="mapping",
        read="terminology",
    )

    # Not a key: files in thesis/ named like chapters of another kind (.qmd, .Rmd, .MD),
    # which are not read; commands warn about them rather than drop them silently.
    ignored: tuple[Path, ...] = ()

    @property
    def path(self) -> Path:
        return self.root / CONFIG_NAME

    def relative(self, path: Path) -> str:
        """Show a path the way the user types it: relative to the project root."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def default_chapters(root: Path) -> tuple[Path, ...]:
    """Every chapter file in thesis/, sorted by file name."""
    folder = root / CHAPTER_DIR
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(p for p in folder.iterdir() if p.suffix in CHAPTER_SUFFIXES and p.is_file())
    )
