"""`thesisbuild init`: the files of a new thesis repository (thesis.yaml and its JSON
Schema, two example chapters, a bibliography, requirements.txt, .gitignore, the CI
workflow, a pre-commit configuration), written only where no file of that name exists."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from ..config.schemaexport import json_schema
from ..core.errors import ProjectExists
from ..core.files import write_text_atomically
from .origin import Origin

SCAFFOLD = Path(__file__).parent / "files"
WORKFLOW = ".github/workflows/thesis.yml"
Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
CHAPTERS: dict[Language, tuple[str, ...]] = {
    "de": ("01-abstract.md", "02-einleitung.md"),
    "en": ("01-abstract.md", "02-introduction.md"),
}


@dataclass(frozen=True)
class Answers:
    """What `init` asks: the title page's fields, the language and the citation style."""

    title: str
    author: str
    matriculation_number: str
    thesis_type: str
    university: str
    language: Language = "de"
    citation_style: str = "din-1505-2"


DEFAULTS: dict[Language, Answers] = {
    "de": Answers("Titel der Arbeit", "Vorname Nachname", "1234567", "Masterarbeit", "Hochschule"),
    # An English thesis cites in an English style: DIN 1505-2 is a German standard.
    "en": Answers("Title of the Thesis", "Your Name", "1234567", "Master's Thesis", "University",
                  language="en", citation_style="apa"),
}  # fmt: skip


def project_files(answers: Answers, origin: Origin) -> dict[str, str]:
    """Every file of the new project, by its path relative to the project folder."""
    chapters = CHAPTERS[answers.language]
    return {
        "thesis.yaml": fill("thesis.yaml", {k: quoted(v) for k, v in asdict(answers).items()}),
        "thesis.schema.json": json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n",
        **{f"thesis/{name}": packaged(f"{answers.language}/{name}") for name in chapters},
        "bibliography.bib": packaged("bibliography.bib"),
        "requirements.txt": fill("requirements.txt", {"thesisbuild": origin.requirement}),
        ".gitignore": packaged("gitignore"),
        WORKFLOW: workflow("-r requirements.txt", "requirements.txt"),
        ".pre-commit-config.yaml": precommit_config(origin),
    }


def write_project(root: Path, files: Mapping[str, str]) -> None:
    """Write every file, or none when any of them exists already."""
    existing = sorted(name for name in files if (root / name).exists())
    if existing:
        raise ProjectExists(
            f"{root}: {', '.join(existing)} already there; init never overwrites a file: "
            "choose an empty folder or move them away."
        )
    for name, text in files.items():
        write_text_atomically(root / name, text)


def workflow(install: str, dependencies: str) -> str:
    """The CI workflow; `install` is what pip installs, `dependencies` the file whose
    content keys pip's cache."""
    return fill("thesis.yml", {"install": install, "dependencies": dependencies})


def precommit_config(origin: Origin) -> str:
    """thesisbuild's hook from its git repository, or run with the installed thesisbuild
    when there is no repository pre-commit could fetch it from."""
    if origin.repository and origin.revision:
        values = {"repository": origin.repository, "revision": origin.revision}
        return fill("pre-commit-remote.yaml", values)
    return packaged("pre-commit-local.yaml")


def fill(name: str, values: Mapping[str, str]) -> str:
    """A packaged file with its `@KEY@` placeholders filled (`{` and `$` stay literal,
    as GitHub's `${{ … }}` expressions need)."""
    text = packaged(name)
    for key, value in values.items():
        text = text.replace(f"@{key.upper()}@", value)
    return text


def quoted(value: str) -> str:
    """A YAML double-quoted string (JSON's is one), umlauts kept."""
    return json.dumps(value, ensure_ascii=False)


def packaged(name: str) -> str:
    return (SCAFFOLD / name).read_text(encoding="utf-8")
