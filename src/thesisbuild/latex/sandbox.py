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


def refuse_planted_links(build_dir: Path) -> None:
    """build/ is the tool's own: pandoc, TeX and the logs write through a symlink there, so a
    project that ships `build/thesis.tex -> ~/.bashrc` would have the build overwrite it."""
    if build_dir.is_symlink():
        raise ConfigError(f"{build_dir}: a symbolic link; delete it, the build makes build/.")
    links = [
        Path(folder, name)
        for folder, folders, files in os.walk(build_dir)
        for name in (*folders, *files)
        if Path(folder, name).is_symlink()
    ]
    if links:
        shown = ", ".join(str(link) for link in sorted(links)[:5])
        raise ConfigError(f"build/ holds symbolic links ({shown}); delete build/ and build again.")
