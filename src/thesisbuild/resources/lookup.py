"""Where the LaTeX template, its partials, the Lua filters and the citation styles come
from: a project's own `templates/<name>` overrides the copy that ships inside the package.
The template's partials are merged into one folder (build/templates/), because pandoc
looks for a partial only beside the template that includes it."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ConfigError
from ..core.paths import inside

PROJECT_DIR = "templates"
PACKAGED = Path(__file__).parent / "templates"
TEMPLATE = "thesis.latex"
# the partials thesis.latex includes, in its order (templates/README.md describes them)
PARTIALS = tuple(
    f"{name}.latex"
    for name in ("documentclass", "fonts", "language", "layout", "pandoc", "draft",
                 "hyperref", "lists", "titlepage", "sperrvermerk", "declaration", "open-todos")
)  # fmt: skip
FILTERS = ("html.lua", "syntax.lua", "crossref.lua", "todo.lua")  # pandoc runs them in this order
DOCX_FILTERS = ("html.lua", "syntax.lua", "crossref.lua", "docx.lua")  # the same for the Word copy
SHIPPED = (TEMPLATE, *PARTIALS, *FILTERS, "docx.lua")
# the Word copy's styles and page: the project's templates/reference.docx, else one made
# from pandoc's own with thesis.yaml's layout (word/reference.py)
REFERENCE_DOCX = "reference.docx"
# a partial named by a path (`${ /home/me/notes() }`): pandoc would read that file into the tex
PARTIAL_PATH = re.compile(r"\$\{?\s*(?:[\w.-]+:)?([^\s$(){}:]*[/\\][^\s$(){}:]*)\(\)")


@dataclass(frozen=True)
class TemplateFile:
    """A file of the template and which copy the build takes."""

    name: str
    path: Path
    own: bool  # the project's templates/<name>; else the packaged one


def template_path(root: Path, name: str) -> Path:
    """The project's `templates/<name>` if it exists, else the packaged one."""
    own = root / PROJECT_DIR / name
    return own if own.is_file() else PACKAGED / name


def lua_filter(root: Path, name: str, execute: str) -> Path:
    """A Lua filter pandoc runs, wherever (the thesis' pandoc run, the HTML conversion of
    a chapter's outputs): a project's own is Lua that runs with the user's rights, so it
    is project code, which `execute: never` forbids."""
    if execute == "never" and is_overridden(root, name):
        raise ConfigError(
            f"{PROJECT_DIR}/{name}: a project's Lua filter is code and thesis.yaml says "
            "`execute: never`; remove the file or set `execute: auto` if you trust the project."
        )
    return template_path(root, name)


def is_overridden(root: Path, name: str) -> bool:
    return (root / PROJECT_DIR / name).is_file()


def template_files(root: Path) -> list[TemplateFile]:
    """The template, its partials and the Lua filters, then partials only the project
    has (which its own copy of a packaged file may include)."""
    extra = sorted({p.name for p in (root / PROJECT_DIR).glob("*.latex")} - set(SHIPPED))
    return [
        TemplateFile(name, template_path(root, name), is_overridden(root, name))
        for name in (*SHIPPED, *extra)
    ]


def merge_templates(root: Path, folder: Path) -> Path:
    """Fill `folder` with the packaged template and partials, each replaced by the
    project's own copy where it has one, and nothing else; return the template's path."""
    partials = {f.name: f.path for f in template_files(root) if f.name.endswith(".latex")}
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        if stale.name not in partials and stale.is_file():
            stale.unlink()  # a partial the project has since deleted
    for name, source in partials.items():
        if is_overridden(root, name):
            refuse_partial_paths(source, name)
        shutil.copyfile(source, folder / name)
    return folder / TEMPLATE


def refuse_partial_paths(source: Path, name: str) -> None:
    """A project's partial includes partials beside it, never a file elsewhere: pandoc
    reads a partial named by a path wherever it is, so `${ /home/me/notes() }` would
    put a file of whoever builds the project into its PDF."""
    found = PARTIAL_PATH.search(source.read_text(encoding="utf-8", errors="replace"))
    if found:
        raise ConfigError(
            f"{PROJECT_DIR}/{name}: the partial {found[1]!r} is a path; a partial is a "
            f"file beside the template: ${{ logos() }} is {PROJECT_DIR}/logos.latex."
        )


def csl_path(root: Path, style: str) -> Path:
    """A citation style by name (the project's templates/csl/, then the packaged ones), or
    a path to a .csl file of the user's."""
    for candidate in (template_path(root, f"csl/{style}.csl"), root / style):
        if not (inside(root, candidate) or inside(PACKAGED, candidate)):
            raise ConfigError(
                f"thesis.yaml: citation_style: {style!r} is outside the project (a build "
                "reads only the project's own files)."
            )
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"thesis.yaml: citation_style: {style!r} is neither a known style "
        f"({', '.join(style_names(root))}) nor a .csl file."
    )


def style_names(root: Path) -> list[str]:
    """Citation styles by name: the packaged ones and the project's `templates/csl/`."""
    folders = (PACKAGED / "csl", root / PROJECT_DIR / "csl")
    return sorted({path.stem for folder in folders for path in folder.glob("*.csl")})
