"""What a build may read and run. Raw LaTeX in a chapter is a legitimate tool, but a
project someone else wrote must not read the builder's files through it: TeX reads only
below its working folder, the project and the TeX installation (kpathsea's `p`aranoid
mode refuses absolute paths and `..`), writes only below build/, and runs nothing
(`-no-shell-escape`; latexmk `-norc` so no rc file runs as Perl)."""

from __future__ import annotations

import os
from pathlib import Path

from ..config.model import Config
from ..core.errors import ConfigError
from ..resources.lookup import is_overridden, template_path


def confined(root: Path) -> dict[str, str]:
    """Environment for LaTeX: the project root on TeX's input path (so `\\input{tabellen/x}`
    from a chapter resolves), then the user's TEXINPUTS or (empty entry) TeX's default."""
    search = os.pathsep.join((".", str(root), os.environ.get("TEXINPUTS", "")))
    return {
        "openin_any": "p",
        "openout_any": "p",
        "TEXINPUTS": search,
    }


def lua_filter_path(config: Config, name: str) -> Path:
    """A Lua filter; a project's own is Lua that pandoc runs with the user's rights, so
    it is project code, which `execute: never` forbids."""
    if config.execute == "never" and is_overridden(config.root, name):
        raise ConfigError(
            f"templates/{name}: a project's Lua filter is code and thesis.yaml says "
            "`execute: never`; remove the file or set `execute: auto` if you trust the project."
        )
    return template_path(config.root, name)


def refuse_untrusted_lua(config: Config) -> None:
    """LuaLaTeX runs Lua from raw LaTeX (`\\directlua`) with the user's rights: it can read
    and write any file, which TeX's file policy does not confine. That is project code,
    which `execute: never` forbids, like a project's own Lua filter."""
    if config.engine == "lualatex" and config.execute == "never":
        raise ConfigError(
            "thesis.yaml: engine: lualatex runs the project's Lua (\\directlua) with your "
            "rights, and thesis.yaml says `execute: never`; build with `engine: xelatex`, "
            "or set `execute: auto` if you trust the project."
        )
