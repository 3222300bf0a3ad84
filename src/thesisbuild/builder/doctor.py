"""Check every tool, LaTeX package, font, kernel and template file the build needs; say
how to install what is missing (Debian/Ubuntu packages as in scripts/debian-packages.txt)."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..config.fonts import installed_fonts
from ..config.model import Config, Engine, ExecuteGateway
from ..core.errors import ConfigError
from ..core.proc import run_quietly
from ..latex.sandbox import SANDBOX, sandbox_problem
from ..lint.dictionaries import DICTIONARIES, ENCHANT_PACKAGE
from ..lint.dictionaries import problem as dictionary_problem
from ..notebook.gateway import gateway_of, problem
from ..resources.lookup import PACKAGED, TemplateFile, csl_path, template_files

# rsvg-convert turns SVG outputs and images into PDF for LaTeX.
TOOLS = {"latexmk": "latexmk", "rsvg-convert": "librsvg2-bin"}
# bubblewrap: LaTeX's sandbox on Linux (latex/sandbox.py), so it reads nothing outside
SANDBOX_PACKAGE = "bubblewrap"
ORIGIN = {True: "the project's own", False: "packaged"}

LATEX_FILES = {
    "scrreprt.cls": "texlive-latex-recommended",
    "scrlayer-scrpage.sty": "texlive-latex-recommended",
    "fontspec.sty": "texlive-latex-recommended",
    "unicode-math.sty": "texlive-latex-recommended",
    "setspace.sty": "texlive-latex-recommended",
    "microtype.sty": "texlive-latex-recommended",
    "booktabs.sty": "texlive-latex-recommended",
    "footnotehyper.sty": "texlive-latex-recommended",
    "lineno.sty": "texlive-latex-recommended",
    "geometry.sty": "texlive-latex-base",
    "hyperref.sty": "texlive-latex-base",
    "ngerman.ldf": "texlive-lang-german",
    "tikz.sty": "texlive-pictures",
    "todonotes.sty": "texlive-latex-extra",
    "tcolorbox.sty": "texlive-latex-extra",
    "fvextra.sty": "texlive-latex-extra",
    "csquotes.sty": "texlive-latex-extra",
    "xurl.sty": "texlive-latex-extra",
    "upquote.sty": "texlive-latex-extra",
    "soul.sty": "texlive-plain-generic",
    "pzdr.tfm": "texlive-fonts-recommended",  # Zapf Dingbats: hyperref reads it (a build's .fls)
    "newunicodechar.sty": "texlive-latex-extra",
    "listings.sty": "texlive-latex-recommended",
}
LUALATEX_FILES = {"selnolig.sty": "texlive-luatex"}
FONTS = {"FreeSerif": "fonts-freefont-otf", "FreeSans": "fonts-freefont-otf",
         "DejaVu Sans Mono": "fonts-dejavu-core", "Latin Modern Math": "fonts-lmodern",
         # fallbacks for symbols and emoji (fallback.FALLBACK_FONTS)
         "DejaVu Sans": "fonts-dejavu-core", "Noto Sans Symbols2": "fonts-noto-core",
         "Noto Sans Symbols": "fonts-noto-core", "Noto Sans Math": "fonts-noto-core",
         "Symbola": "fonts-symbola"}  # fmt: skip
ENGINE_PACKAGES = {"xelatex": "texlive-xetex", "lualatex": "texlive-luatex"}
REINSTALL = "reinstall thesisbuild: its packaged templates are missing"
OTHER_SYSTEMS = (
    "macOS: install MacTeX (brew install --cask mactex) and GNU FreeFont; "
    "Windows: install TeX Live or MiKTeX and GNU FreeFont. Then run `thesisbuild doctor` again."
)


@dataclass(frozen=True)
class Check:
    """One requirement: met or not, and the command that installs it."""

    name: str
    ok: bool
    detail: str
    install: str = ""

    def line(self) -> str:
        """`ok      name: detail`, or MISSING with how to install it."""
        if self.ok:
            return f"ok      {self.name}: {self.detail}"
        debian = "Debian/Ubuntu: " if " " not in self.install else ""
        hint = f"  ({debian}{self.install})" if self.install else ""
        return f"MISSING {self.name}: {self.detail}{hint}"


def run_checks(engine: Engine = "xelatex") -> list[Check]:
    files = {**LATEX_FILES, **(LUALATEX_FILES if engine == "lualatex" else {})}
    return [pandoc(), tool(engine, ENGINE_PACKAGES[engine]),
            *(tool(name, package) for name, package in TOOLS.items()),
            *sandbox(), *latex_files(files), *fonts(), kernel()]  # fmt: skip


def debian_packages(engine: Engine = "xelatex") -> list[str]:
    """Every Debian/Ubuntu package behind the checks, for CI's `apt-get install`."""
    files = {**LATEX_FILES, **(LUALATEX_FILES if engine == "lualatex" else {})}
    spelling = (*(package for _, package in DICTIONARIES.values()), ENCHANT_PACKAGE)
    tables = (files.values(), FONTS.values(), TOOLS.values(),
              (ENGINE_PACKAGES[engine], SANDBOX_PACKAGE), spelling)  # fmt: skip
    return sorted({package for table in tables for package in table})


def template_checks(root: Path, config: Config | None) -> list[Check]:
    """Which copy the build takes of the template, each partial and each Lua filter: the
    project's own or the packaged one."""
    checks = [template(file) for file in template_files(root)]
    return [*checks, citation_style(config)] if config else checks


def template(file: TemplateFile) -> Check:
    if not file.path.is_file():
        return Check(f"template {file.name}", False, f"{file.path} is missing", REINSTALL)
    return Check(f"template {file.name}", True, f"{ORIGIN[file.own]}, {file.path}")


def citation_style(config: Config) -> Check:
    name = f"citation style {config.citation_style}"
    try:
        path = csl_path(config.root, config.citation_style)
    except ConfigError as error:
        return Check(name, False, error.message)
    packaged = path.resolve().is_relative_to(PACKAGED.resolve())
    return Check(name, True, f"{ORIGIN[not packaged]}, {path}")


def missing(checks: list[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]


def install_hint(failed: list[Check]) -> str:
    """One apt-get line for the Debian packages, then the other commands, then other OSes."""
    debian = sorted({c.install for c in failed if c.install and " " not in c.install})
    others = sorted({c.install for c in failed if " " in c.install})
    lines = [f"sudo apt-get install {' '.join(debian)}"] if debian else []
    return "\n".join([*lines, *others, *([OTHER_SYSTEMS] if debian else [])])


def pandoc() -> Check:
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
        return Check("pandoc", True, f"{pypandoc.get_pandoc_version()} ({path})")
    except (ImportError, OSError) as error:
        return Check("pandoc", False, str(error), "pip install pypandoc-binary")


def tool(name: str, package: str) -> Check:
    path = shutil.which(name)
    return Check(name, path is not None, path or "not on PATH", package)


def sandbox() -> list[Check]:
    """bubblewrap, tried once: installed is not enough where namespaces are forbidden."""
    if not sys.platform.startswith("linux"):
        return []
    if shutil.which(SANDBOX) is None:
        return [Check(SANDBOX, False, "not installed: LaTeX runs unconfined", SANDBOX_PACKAGE)]
    problem = sandbox_problem()  # installed but forbidden (a container): a note, no failure
    detail = f"{problem}; LaTeX runs unconfined" if problem else "LaTeX's sandbox works"
    return [Check(SANDBOX, True, f"{detail} ({shutil.which(SANDBOX)})", SANDBOX_PACKAGE)]


def latex_files(files: dict[str, str]) -> list[Check]:
    """One kpsewhich call for all files: it prints the found ones, in order."""
    listing = run_quietly(["kpsewhich", *files], partial=True)
    found = {line.rsplit("/", 1)[-1] for line in listing.splitlines()}
    return [
        Check(name, name in found, "found" if name in found else "not found by kpsewhich", package)
        for name, package in files.items()
    ]


def fonts() -> list[Check]:
    names = installed_fonts() or set()
    return [
        Check(f"font {name}", name in names, "installed" if name in names else "missing", package)
        for name, package in FONTS.items()
    ]


def kernel() -> Check:
    from jupyter_client.kernelspec import find_kernel_specs

    specs = find_kernel_specs()
    if "python3" in specs:
        return Check("kernel python3", True, specs["python3"])
    return Check("kernel python3", False, "no python3 kernel", "pip install ipykernel")


def gateway_checks(setting: ExecuteGateway) -> list[Check]:
    """`doctor --gateway URL`: jupyter_server to talk to it, the gateway reachable with the
    token, and the kernel there."""
    gateway = gateway_of(setting)
    if gateway is None:
        return []
    kernel = gateway.kernel or "python3"
    found = problem(gateway, kernel)
    name = f"kernel gateway {gateway.url}"
    detail = found or f"reachable, kernel {kernel!r} there"
    return [jupyter_server(), Check(name, found is None, detail)]


def jupyter_server() -> Check:
    try:
        found = version("jupyter_server")
    except PackageNotFoundError:
        return Check("jupyter_server", False, "not installed", "pip install 'thesisbuild[gateway]'")
    return Check("jupyter_server", True, found)


def dictionaries() -> list[Check]:
    """The Hunspell dictionaries lint's spelling rule reads (lint skips it without them)."""
    checks = []
    for language, (tag, package) in DICTIONARIES.items():
        missing = dictionary_problem(language)
        detail = missing or f"found (lint's spelling rule, {language})"
        install = ENCHANT_PACKAGE if missing and "enchant" in missing else package
        checks.append(Check(f"dictionary {tag}", missing is None, detail, install))
    return checks
