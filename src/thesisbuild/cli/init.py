"""`thesisbuild init [DIR]`: ask for the title page's fields (in a terminal; otherwise
the options and defaults), then write a new thesis project."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from ..init.origin import Origin, installed
from ..init.scaffold import DEFAULTS, LANGUAGES, Answers, Language, project_files, write_project
from ..resources.lookup import PACKAGED

STYLES = sorted(path.stem for path in (PACKAGED / "csl").glob("*.csl"))
QUESTIONS = {
    "title": "Title",
    "author": "Author",
    "matriculation_number": "Matriculation number",
    "thesis_type": "Thesis type",
    "university": "University",
}


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="Title of the thesis.")
@click.option("--author", help="The author's name.")
@click.option("--matriculation-number", help="Matriculation number (Matrikelnummer).")
@click.option("--thesis-type", help="e.g. Masterarbeit, Bachelorarbeit.")
@click.option("--university", help="On the title page.")
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help="Language of thesis.yaml and the example chapters.  [default: de]",
)
@click.option(
    "--citation-style",
    type=click.Choice(STYLES),
    help="[default: din-1505-2; with --language en: apa]",
)
def init(directory: Path, language: Language | None, **given: str | None) -> None:
    """Start a thesis project in DIRECTORY (default: here): thesis.yaml and its JSON
    Schema, two example chapters in thesis/, bibliography.bib, requirements.txt,
    .gitignore, a GitHub Actions workflow and a pre-commit configuration.

    In a terminal it asks for what the options leave open; otherwise it takes the
    defaults. Exit 2, writing nothing, when one of these files exists already.
    """
    answers = ask(language, given, interactive=interactive())
    origin = installed()
    files = project_files(answers, origin)
    write_project(directory, files)
    for name in files:
        click.echo(directory / name)
    click.echo(next_steps(directory, origin), err=True)


def interactive() -> bool:
    """Prompts only for a person at a terminal; CI and scripts get the defaults."""
    return sys.stdin.isatty()


def ask(
    given_language: Language | None, given: dict[str, str | None], interactive: bool
) -> Answers:
    """The options given; in a terminal, prompts for the rest; else the defaults."""
    language = given_language or choose_language(interactive)
    defaults: dict[str, str] = asdict(DEFAULTS[language])

    def answer(key: str, question: str, kind: click.Choice[str] | None = None) -> str:
        value = given[key]
        if value is None:
            value = (
                click.prompt(question, defaults[key], type=kind) if interactive else defaults[key]
            )
        return value

    values = {key: answer(key, question) for key, question in QUESTIONS.items()}
    style = answer("citation_style", "Citation style", click.Choice(STYLES))
    return Answers(**values, language=language, citation_style=style)


def choose_language(interactive: bool) -> Language:
    """Asked first: the other defaults depend on it."""
    if not interactive:
        return "de"
    answer: Language = click.prompt("Language", "de", type=click.Choice(LANGUAGES))
    return answer


def next_steps(directory: Path, origin: Origin) -> str:
    lines = [f"next: thesisbuild pdf -C {directory}   (then build/thesis.pdf)"]
    if origin.local:
        lines.append(
            f"note: requirements.txt says {origin.requirement}, but this thesisbuild was "
            "installed from a local file or folder: point that line at where CI can install "
            "it from (a package index or git+https://…)."
        )
    return "\n".join(lines)
