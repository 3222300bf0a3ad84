"""Where the LaTeX template, the Lua filters and the citation styles come from: a
project's own `templates/<name>` overrides the copy that ships inside the package."""

from __future__ import annotations

from pathlib import Path

from ..config.model import Config
from ..core.errors import ConfigError

PROJECT_DIR = "templates"
PACKAGED = Path(__file__).parent / "templates"


def template_path(root: Path, name: str) -> Path:
    """The project's `templates/<name>` if it exists, else the packaged one."""
    own = root / PROJECT_DIR / name
    return own if own.is_file() else PACKAGED / name


def is_overridden(root: Path, name: str) -> bool:
    return (root / PROJECT_DIR / name).is_file()


def style_names(root: Path) -> list[str]:
    """Citation styles by name: the packaged ones and the project's `templates/csl/`."""
    folders = (PACKAGED / "csl", root / PROJECT_DIR / "csl")
    return sorted({path.stem for folder in folders for path in folder.glob("*.csl")})


def csl_path(config: Config) -> Path:
    """A style by name (the project's templates/csl/, then the packaged ones), or a path
    to a .csl file of the user's."""
    named = template_path(config.root, f"csl/{config.citation_style}.csl")
    own = config.root / config.citation_style
    for candidate in (named, own):
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"thesis.yaml: citation_style: {config.citation_style!r} is neither a known style "
        f"({', '.join(style_names(config.root))}) nor a .csl file."
    )
