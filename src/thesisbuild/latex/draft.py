"""What a draft PDF shows beyond the text: a footer with "Entwurf", the date and the git
commit, and a last page listing the open todos by chapter."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config.model import Config
from ..core.proc import run_quietly
from ..resources.strings import strings

if TYPE_CHECKING:  # the no-op check reads draft_label without loading the sources layer
    from ..sources.chapter import ChapterSource, Location

TODO_TEXT_LIMIT = 160


@dataclass(frozen=True)
class OpenTodo:
    """A todo lint found, for the draft's last page (the build runs lint; LaTeX does not)."""

    location: Location
    text: str


def draft_metadata(
    config: Config, todos: Sequence[OpenTodo], sources: Sequence[ChapterSource]
) -> dict[str, Any]:
    return {
        "draft": True,
        "draft-label": draft_label(config),
        "open-todos": open_todos(todos, sources),
    }


def draft_label(config: Config, today: datetime.date | None = None) -> str:
    """ "Entwurf · 27.11.2026 · 1a2b3c4" in the thesis' language."""
    words = strings(config.root, config.language)
    day = (today or datetime.date.today()).strftime(words["draft-date"])
    commit = git_commit(config.root, trusted=config.execute != "never")
    return " · ".join(part for part in (words["draft"], day, commit) if part)


def git_commit(root: Path, trusted: bool = True) -> str:
    """The short commit, with `-dirty` for uncommitted changes; empty outside git. Finding
    changes runs the repository's own fsmonitor and clean filters (.git/config): commands,
    so an untrusted project (`execute: never`) gets the commit alone."""
    dirty = ["--dirty"] if trusted else []
    return run_quietly(["git", "describe", "--always", *dirty, "--abbrev=7"], cwd=root).strip()


def open_todos(todos: Sequence[OpenTodo], sources: Sequence[ChapterSource]) -> list[dict[str, Any]]:
    """[{chapter, items: [{location, text}]}] in chapter order, for the template."""
    titles = {source.display: source.title for source in sources}
    groups: dict[str, list[dict[str, str]]] = {}
    for todo in todos:
        where = todo.location
        item = {"location": where.at_line(), "text": shorten(todo.text)}
        groups.setdefault(where.path, []).append(item)
    return [{"chapter": titles.get(path, path), "items": items} for path, items in groups.items()]


def shorten(text: str) -> str:
    """Long todos (pasted paragraphs) are cut on the list page; the margin shows them whole."""
    if not text:
        return "todo"
    return text if len(text) <= TODO_TEXT_LIMIT else text[: TODO_TEXT_LIMIT - 1].rstrip() + " …"
