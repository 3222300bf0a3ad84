"""Image paths in a chapter's Markdown and the files they name. A thesis written on macOS
or Windows says `example1.png` for `example1.PNG`, which those systems find and Linux
(CI) does not: the file is found whatever the case, and its real name reported."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote

MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(?P<path><[^>]+>|[^\s)]+)")
# a URL, an attachment, an absolute path or an anchor: no file of the chapter's folder
NOT_A_FILE = re.compile(r"^([a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)


def image_paths(markdown: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, path) of each Markdown image's local path, as written."""
    for match in MARKDOWN_IMAGE.finditer(markdown):
        start, end = match.span("path")
        written = match.group("path")
        if written.startswith("<"):
            start, end, written = start + 1, end - 1, written[1:-1]
        if not NOT_A_FILE.match(written):
            yield start, end, written


def in_any_case(folder: Path, relative: str) -> Path | None:
    """The file `relative` names under `folder`, each part matched regardless of case
    when no part of that exact name exists; None when there is none."""
    found = folder
    for part in Path(relative).parts:
        if part in (".", ".."):
            found = found / part
            continue
        exact = found / part
        if exact.exists():
            found = exact
            continue
        same = [entry for entry in listing(found) if entry.name.lower() == part.lower()]
        if len(same) != 1:
            return None
        found = same[0]
    return found if found.is_file() else None


def listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def real_name(written: str, found: Path) -> str:
    """`written` with the file's real case, e.g. `img/example1.PNG`."""
    parts = Path(unquote(written)).parts
    return "/".join(found.parts[-len(parts) :])


def located_image(written: str, folders: Sequence[Path]) -> tuple[Path | None, bool]:
    """The file a path names, looked for in `folders` in turn, and whether it was found
    only in another case."""
    bare = unquote(written)
    exact = next((folder / bare for folder in folders if (folder / bare).is_file()), None)
    if exact is not None:
        return exact, False
    other = (in_any_case(folder, bare) for folder in folders)
    return next((found for found in other if found is not None), None), True
