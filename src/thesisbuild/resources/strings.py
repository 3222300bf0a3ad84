"""The words the PDF prints around the thesis text (list names, title page labels,
declaration, draft marks): one table per language in templates/strings/<language>.yaml.
A project's own templates/strings/<language>.yaml changes single entries."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core.errors import ConfigError
from .lookup import PACKAGED, PROJECT_DIR


def strings(root: Path, language: str) -> dict[str, str]:
    """The language's table, with the project's changes to it."""
    packaged = read_table(PACKAGED / "strings" / f"{language}.yaml", f"{language}.yaml")
    name = f"{PROJECT_DIR}/strings/{language}.yaml"
    own = read_table(root / name, name) if (root / name).is_file() else {}
    unknown = sorted(own.keys() - packaged.keys())
    if unknown:
        raise ConfigError(
            f"{name}: unknown key(s) {', '.join(unknown)}; "
            f"known keys: {', '.join(sorted(packaged))}"
        )
    return {**packaged, **own}


def read_table(path: Path, shown: str) -> dict[str, str]:
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown}: not a readable YAML file: {error}") from None
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError(f"{shown}: expected a mapping of names to text, like `figure: Figure`")
    return {str(key): value for key, value in table.items()}
