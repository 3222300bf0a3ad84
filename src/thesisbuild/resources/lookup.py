"""Where the LaTeX template, the Lua filters and the citation styles come from: a
project's own `templates/<name>` overrides the copy that ships inside the package."""

from __future__ import annotations

from pathlib import Path

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
