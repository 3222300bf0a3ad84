"""Config: the one declaration of thesis.yaml. Each key is a field here, with its type,
default, range, template variable and README text (`key`); the reader (thesisyaml), the
template variables, the README table and the JSON Schema (schema) are derived from it."""

from __future__ import annotations

import dataclasses
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
RuleLevel = Literal["error", "warning", "off"]
RULE_LEVELS: tuple[RuleLevel, ...] = ("error", "warning", "off")
FigureFormat = Literal["pdf", "png"]
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
class Figures:
    """matplotlib's figures from code the build runs (notebook/figures.py)."""

    width: float = key(6.0, "default figure width in inches (a cell's `#| fig-width` wins); "
                       "printed at this width, at most the text width",
                       minimum=1, maximum=20)  # fmt: skip
    height: float = key(4.0, "default figure height in inches (`#| fig-height`)",
                        minimum=1, maximum=30)  # fmt: skip
    dpi: int = key(300, "resolution of PNG figures and of raster parts of PDF ones "
                   "(`#| fig-dpi`)", minimum=72, maximum=1200)  # fmt: skip
    format: FigureFormat = key(
        "png", "`png` at `dpi`, or `pdf` (vector: sharp at any zoom; Word gets it as PNG)"
    )


@dataclass(frozen=True)
class TerminologyRule:
    """Write `preferred`, not any of `forms` (a form between slashes is a regex);
    `lines` are the forms' lines in thesis.yaml, for messages."""

    preferred: str
    forms: tuple[str, ...]
    lines: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class RuleSetting:
    """`lint.rules`: a rule's severity, or off; `line` in thesis.yaml, for messages."""

    name: str
    level: RuleLevel
    line: int = field(default=0, compare=False)


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


Paper = Literal["A4", "letter"]
Part = Literal["title_page", "contents", "bibliography", "declaration"]
PageCount = Literal["main", "all"]
SpacingKind = Literal["factor", "baseline", "word"]
PdfA = Literal["2b", "2u", "3b"]


@dataclass(frozen=True)
class LineSpacing:
    """A prescribed line spacing: a `factor` like layout.line_spacing, a `baseline`
    distance in pt, or Word's `word` lines (see submission/rules.py for the conversions)."""

    kind: SpacingKind
    value: float


def required_margin(where: str) -> str | None:
    return key(None, f"least {where} margin", unit="cm", minimum=0, maximum=10,
               default_text=f"`layout.margins.{where}`")  # fmt: skip


@dataclass(frozen=True)
class RequiredMargins:
    left: str | None = required_margin("left")
    right: str | None = required_margin("right")
    top: str | None = required_margin("top")
    bottom: str | None = required_margin("bottom")


@dataclass(frozen=True)
class PageLimits:
    least: int | None = key(None, "fewest pages", yaml="min", minimum=1, maximum=5000)
    most: int | None = key(None, "most pages", yaml="max", minimum=1, maximum=5000)
    count: PageCount = key(
        "main",
        "pages counted: `main` from chapter 1 to the end of the last chapter, `all` every page",
    )

    def problem(self) -> str | None:
        """min above max: no PDF could pass (the reader reports it at the mapping)."""
        if self.least is not None and self.most is not None and self.least > self.most:
            return f"min ({self.least}) is more than max ({self.most})"
        return None


@dataclass(frozen=True)
class Requirements:
    """What the university prescribes, measured on the PDF by `thesisbuild check`."""

    paper: Paper = key("A4", "paper size of every page")
    font_size: str | None = key(
        None, "body text size, ±0.1 pt", unit="pt", minimum=6, maximum=24,
        default_text="`layout.font_size`",
    )  # fmt: skip
    line_spacing: LineSpacing | None = key(
        None,
        "distance of the body text's baselines, ±0.25 pt: a factor as `layout.line_spacing` "
        "(× LaTeX's single spacing: 12 pt at 10 pt, 13.6 pt at 11 pt, 14.5 pt at 12 pt, "
        "else 1.2 × the size), `{baseline: 18pt}`, or `{word: 1.5}` for Word's "
        '"1,5 Zeilen" (× 1.15 × the font size, Word\'s single line of Times New Roman '
        "and Arial)",
        read="spacing",
        type_text="number, `{baseline: length}` or `{word: number}`",
        default_text="`layout.line_spacing`",
    )
    margins: RequiredMargins = key(
        RequiredMargins(), "least margins; text, figures and tables may not cross them"
    )
    pages: PageLimits = key(PageLimits(), "page count limits")
    fonts_embedded: bool = key(True, "every font is embedded in the PDF")
    metadata: bool = key(
        True, "title, author and language in the PDF's document properties match thesis.yaml"
    )
    pdfa: PdfA | None = key(
        None,
        "build PDF/A of this part and level (XMP with pdfaid, an sRGB output intent, links "
        "marked printable) and check its markers; see [Before you submit](#before-you-submit)",
        variable="pdfa",
        to_template=lambda level: {"part": level[0], "level": level[1],
                                   "conformance": level[1].upper()} if level else None,
        example="2b",
    )  # fmt: skip
    parts: tuple[Part, ...] = key(
        ("title_page", "contents", "declaration"),
        "parts the PDF must have: `title_page`, `contents`, `bibliography`, `declaration` "
        "(with its signature line)",
        default_text="`[title_page, contents, declaration]`",
        type_text="list of `title_page` \\| `contents` \\| `bibliography` \\| `declaration`",
    )


@dataclass(frozen=True)
class ExecuteGateway:
    """Where code runs when not on this machine: a Jupyter kernel gateway (Enterprise
    Gateway, Kernel Gateway, Jupyter Server in gateway mode)."""

    url: str | None = key(
        None,
        "the gateway's address; set, every chapter's code runs there (`--gateway URL` on "
        "`md`, `pdf` and `watch` sets it for one build)",
    )
    kernel: str | None = key(
        None,
        "the kernel to start there",
        default_text="the notebook's kernelspec (`python3`)",
    )
    token_env: str = key(
        "THESIS_GATEWAY_TOKEN",
        "the environment variable that holds the gateway's token (the token itself is "
        "never written in thesis.yaml, build/ or a log)",
    )
    directory: str | None = key(
        None,
        "the project's folder as the gateway's kernels see it: each kernel starts in "
        "`<directory>/<chapter's folder>` (sent as `KERNEL_WORKING_DIR`)",
        default_text="where the gateway starts kernels",
    )


def with_gateway(config: Config, url: str | None) -> Config:
    """thesis.yaml's config with `--gateway URL` in place of its execute_gateway.url."""
    if url is None:
        return config
    gateway = dataclasses.replace(config.execute_gateway, url=url)
    return dataclasses.replace(config, execute_gateway=gateway)


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
    execute_jobs: int | None = key(
        None,
        "how many chapters' code runs at the same time, each on a kernel of its own (`1`: one "
        "after another); output, messages and errors are the same either way",
        default_text="the number of cores",
        minimum=1,
        maximum=256,
    )
    execute_gateway: ExecuteGateway = key(
        ExecuteGateway(),
        "run the code on a Jupyter kernel gateway: see "
        "[Running code elsewhere](#running-code-elsewhere)",
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
    figures: Figures = key(
        Figures(),
        "matplotlib figures from code the build runs: size, resolution, format (print "
        "quality by default); a cell's `#| fig-width`, `fig-height`, `fig-dpi` win",
    )
    abbreviations: tuple[tuple[str, str], ...] = key(
        (),
        "`NER: Named Entity Recognition` … → Abkürzungsverzeichnis, in the given order, "
        'followed by those the chapters define as "Long Form (ABBR)"',
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
    requirements: Requirements = key(
        Requirements(), "what `thesisbuild check` and `pdf --final` verify on the PDF"
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
    words: tuple[str, ...] = key(
        (),
        "the thesis's own words that lint's `spelling` rule accepts (names, terms): "
        "`[Huggingface, gelabelt]`; case is ignored",
        yaml="lint.words",
        type_text="list of words",
    )
    rules: tuple[RuleSetting, ...] = key(
        (),
        "`rule: error|warning|off`: a lint rule's severity, or `off` to not run it "
        "(`thesisbuild lint --list-rules` names them)",
        yaml="lint.rules",
        type_text="mapping",
        read="rule_settings",
    )

    # Not a key: files in thesis/ named like chapters of another kind (.qmd, .Rmd, .MD),
    # which are not read; commands warn about them rather than drop them silently.
    ignored: tuple[Path, ...] = ()

    @property
    def path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def rule_levels(self) -> dict[str, RuleLevel]:
        return {setting.name: setting.level for setting in self.rules}

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
