"""Where `pdf -o` may write: a .pdf that is none of the files the build reads (the logo
may be a PDF, so may an image a chapter shows), and not among the project's sources."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..config.model import Config
from ..core.errors import ConfigError
from ..core.paths import BuildPaths
from ..notebook.inputs import input_files
from ..resources.lookup import PACKAGED, PROJECT_DIR, csl_path
from .uptodate import latex_reads


def output_problem(config: Config, output: Path, suffix: str = ".pdf") -> str | None:
    """Why `pdf -o` (`docx -o`: suffix .docx) must not write to output (resolved), or None."""
    kind = suffix[1:].upper()
    if output.suffix.lower() != suffix:
        return f"{output}: not a {suffix} file name; the {kind} would replace whatever is there."
    if output.is_relative_to(BuildPaths.of(config.root).build.resolve()):
        return None  # the tool's own folder, even when the chapters lie in the root
    role = input_role(config, output)
    if role is not None:
        return f"{output}: {role}, which the build reads; write the {kind} elsewhere."
    source_folders = {path.resolve().parent for path in (*config.chapters, *config.appendix)}
    source_folders.add((config.root / PROJECT_DIR).resolve())
    for folder in source_folders:  # a PDF beside the chapters or in templates/: a figure
        if output.is_relative_to(folder):
            return f"{output}: inside {config.relative(folder)}/, among the project's sources."
    return None


def input_role(config: Config, output: Path) -> str | None:
    """What output is to the build, if it is a file the build reads (also through a link)."""
    existing = file_identity(output)
    for path, role in build_inputs(config).items():
        same = path.resolve() == output or (existing and file_identity(path) == existing)
        if same:
            return f"the {role} ({config.relative(path)})"
    return None


def build_inputs(config: Config) -> dict[Path, str]:
    """Every file a build reads, with what it is for."""
    found = {config.path: "configuration"}
    found |= {path: "chapter" for path in (*config.chapters, *config.appendix)}
    found |= {path: "file of `inputs`" for path in input_files(config.root, config.inputs)}
    found |= {path: "template" for path in PACKAGED.rglob("*") if path.is_file()}
    found |= {path: "file LaTeX read in the last build" for path in last_reads(config)}
    if config.bibliography is not None:
        found[config.bibliography] = "bibliography"
        with contextlib.suppress(ConfigError):  # an unknown style: the build reports it
            found[csl_path(config.root, config.citation_style)] = "citation style"
    if config.logo is not None:
        found[config.logo] = "logo"
    return found


def last_reads(config: Config) -> list[Path]:
    return latex_reads(BuildPaths.of(config.root))


def file_identity(path: Path) -> tuple[int, int] | None:
    """Device and inode: a hard link to an input is that input."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino
