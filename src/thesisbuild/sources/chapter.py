"""Chapter files → ChapterSource: notebook cells that know where they stand in the file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..config.model import CHAPTER_SUFFIXES
from ..core.errors import ConfigError, SourceError
from ..core.files import not_regular, read_regular
from . import cache as sourcecache
from .linebreaks import protect, restore, split_lines
from .nbvalid import validated

CellKind = Literal["markdown", "code", "raw"]
CELL_KINDS: tuple[CellKind, ...] = ("markdown", "code", "raw")
HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*(\{[^}]*\})?\s*$", re.MULTILINE)
COMMENT_PREFIXES = ("# ", "#")


@dataclass(frozen=True)
class Location:
    """A place in the file the user edits; `cell` is set for .ipynb chapters only."""

    path: str
    line: int
    column: int
    cell: int | None = None

    def __str__(self) -> str:
        """`thesis/02.md:14:3`, `thesis/02.ipynb:cell 4:2:3`: what lint prints."""
        return f"{self.at_line()}:{self.column}"

    def at_line(self) -> str:
        """`thesis/02.md:14`, `thesis/02.ipynb:cell 4:2`: a place without its column."""
        cell = f"cell {self.cell}:" if self.cell is not None else ""
        return f"{self.path}:{cell}{self.line}"

    def at_cell(self) -> str:
        """`thesis/02.md:14`, `thesis/02.ipynb:cell 4`: a notebook's cell, a text file's line."""
        return (
            f"{self.path}:cell {self.cell}" if self.cell is not None else f"{self.path}:{self.line}"
        )


@dataclass(frozen=True)
class SourceCell:
    """One notebook cell and, per source line, its (file line, column offset)."""

    number: int
    kind: CellKind
    source: str
    tags: tuple[str, ...]
    positions: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ChapterSource:
    """A chapter as read from disk: the notebook and its cells with positions."""

    path: Path
    display: str
    notebook: Any
    cells: tuple[SourceCell, ...]

    @property
    def is_ipynb(self) -> bool:
        return self.path.suffix == ".ipynb"

    def locate(self, cell: SourceCell, line_index: int, column: int) -> Location:
        """Turn (cell, 0-based line, 0-based column) into the user's file location."""
        if self.is_ipynb:
            return Location(self.display, line_index + 1, column + 1, cell.number)
        file_line, offset = cell.positions[min(line_index, len(cell.positions) - 1)]
        return Location(self.display, file_line, offset + column + 1)

    @property
    def title(self) -> str:
        """The chapter's first level-1 heading, or its file name."""
        for cell in self.cells:
            if cell.kind == "markdown" and (match := HEADING.search(cell.source)):
                return match.group("title")
        return self.path.stem


def read_chapter(path: Path, display: str, cache_dir: Path | None = None) -> ChapterSource:
    """Read a .md/.py/.ipynb chapter; bad files become one SourceError naming the file.
    With a cache_dir, an unchanged file comes from the cache of parsed chapters."""
    if path.suffix not in CHAPTER_SUFFIXES:
        kinds = ", ".join(CHAPTER_SUFFIXES)
        raise ConfigError(f"{display}: not a chapter notebook ({kinds}).")
    if kind := not_regular(path):
        raise ConfigError(f"{display}: {kind}, not a file; a chapter must be a regular file.")
    try:
        data = read_regular(path)
    except OSError as error:
        raise SourceError(f"{display}: cannot read ({error.strerror}).") from None
    return parse_cached(path, display, data, cache_dir)


def parse_cached(path: Path, display: str, data: bytes, cache_dir: Path | None) -> ChapterSource:
    """A chapter from its bytes, read from disk or from an old revision (`git show`): the
    same parse, through the cache of parsed chapters when there is a cache_dir."""
    if cache_dir is None:
        return parse_chapter(path, display, data)
    key = sourcecache.content_key(data, path.suffix)
    cached = from_cache(path, display, sourcecache.load(cache_dir, key))
    if cached is not None:
        return cached
    source = parse_chapter(path, display, data)
    sourcecache.store(cache_dir, key, source.notebook, [to_json(c) for c in source.cells])
    return source


def from_cache(path: Path, display: str, entry: Any) -> ChapterSource | None:
    """The cached chapter, or None for a damaged entry (valid JSON of another shape):
    the chapter is parsed again and the entry rewritten."""
    try:
        notebook = entry["notebook"]
        cells = tuple(from_json(cell) for cell in entry["cells"])
        raw = notebook["cells"]
        if not isinstance(notebook["metadata"], dict) or len(raw) != len(cells):
            return None
        if not all(map(matches, raw, cells)):
            return None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return ChapterSource(path, display, notebook, cells)


def matches(raw: dict[str, Any], cell: SourceCell) -> bool:
    """A cached notebook cell as nbformat wrote it, agreeing with the cached SourceCell."""
    shaped = raw["cell_type"] == cell.kind and raw["source"] == cell.source
    if not shaped or not isinstance(raw["metadata"], dict):
        return False
    if cell.kind != "code":
        return True
    count, outputs = raw["execution_count"], raw["outputs"]
    return (
        (count is None or type(count) is int)
        and isinstance(outputs, list)
        and all(
            isinstance(output, dict) and isinstance(output.get("output_type"), str)
            for output in outputs
        )
    )


def parse_chapter(path: Path, display: str, data: bytes) -> ChapterSource:
    text = decode(data, display)
    empty = SourceError(f"{display}: the chapter is empty; start it with a heading like '# Titel'.")
    if not text.strip():
        raise empty
    notebook = (
        read_ipynb(text, display) if path.suffix == ".ipynb" else read_text(text, path, display)
    )
    if not any(str(cell.source).strip() for cell in notebook.cells):
        raise empty  # a notebook without cells, or a jupytext header and nothing else
    lines = split_lines(text)
    cells = tuple(to_cell(number, raw) for number, raw in enumerate(notebook.cells, start=1))
    return ChapterSource(path, display, notebook, with_positions(cells, lines, path.suffix))


def decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8-sig")  # a BOM (Windows editors) is no part of the text
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            f"{display}:{line}: not UTF-8 text (byte {error.start}); save the file as UTF-8."
        ) from None


def read_ipynb(text: str, display: str) -> Any:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(
            f"{display}:{error.lineno}:{error.colno}: not a valid notebook: {error.msg}. "
            "Restore it from git or re-save it in Jupyter."
        ) from None
    try:
        notebook = validated(text)
    except Exception as error:  # nbformat raises several unrelated types for bad notebooks
        reason = str(error).splitlines()[0]
        raise SourceError(f"{display}: not a valid notebook: {reason}") from None
    return notebook


def read_text(text: str, path: Path, display: str) -> Any:
    import jupytext  # imported here: it costs a quarter second, which a cached lint skips
    from jupytext.formats import guess_format

    name, _ = guess_format(text, path.suffix)
    if name == "pandoc" and "format_name: pandoc" not in text:
        # jupytext takes any `:::` fenced div for its pandoc format, which needs a pandoc
        # on PATH; chapters are jupytext Markdown unless their header says otherwise.
        name = "markdown"
    try:
        notebook = jupytext.reads(
            protect(text), fmt={"extension": path.suffix, "format_name": name}
        )
    except Exception as error:  # jupytext reports format problems with assorted types
        raise SourceError(f"{display}: jupytext cannot read this chapter: {error}") from None
    for cell in notebook.cells:
        cell.source = restore(cell.source)
    return notebook


def to_json(cell: SourceCell) -> dict[str, Any]:
    return {"number": cell.number, "kind": cell.kind, "source": cell.source,
            "tags": list(cell.tags), "positions": [list(p) for p in cell.positions]}  # fmt: skip


def from_json(cell: dict[str, Any]) -> SourceCell:
    """A cached cell; ValueError when the entry does not have the shape to_json wrote."""
    positions = tuple((int(line), int(column)) for line, column in cell["positions"])
    number, kind, source, tags = cell["number"], cell["kind"], cell["source"], cell["tags"]
    if not (isinstance(number, int) and kind in CELL_KINDS and isinstance(source, str)):
        raise ValueError("not a cached cell")
    return SourceCell(number, kind, source, tuple(str(tag) for tag in tags), positions)


def to_cell(number: int, raw: Any) -> SourceCell:
    tags = tuple(str(tag) for tag in raw.get("metadata", {}).get("tags", []))
    return SourceCell(number, raw.cell_type, str(raw.source), tags, ())


def with_positions(
    cells: tuple[SourceCell, ...], lines: list[str], suffix: str
) -> tuple[SourceCell, ...]:
    """Find each cell line in the text file, in order (jupytext keeps cells verbatim or as
    `# `-comments in .py); a line not found is placed right after the previous one."""
    if suffix == ".ipynb":
        return cells
    cursor = 0
    placed = []
    for cell in cells:
        positions = []
        for cell_line in source_lines(cell.source):
            found = find_line(lines, cursor, cell_line)
            if found is None:
                positions.append((cursor + 1, 0))
                cursor += 1
            else:
                index, offset = found
                positions.append((index + 1, offset))
                cursor = index + 1
        placed.append(SourceCell(cell.number, cell.kind, cell.source, cell.tags, tuple(positions)))
    return tuple(placed)


def source_lines(source: str) -> list[str]:
    """A cell's lines as jupytext wrote them into the file (no empty line after a final \\n)."""
    lines = split_lines(source.removesuffix("\n"))
    return lines or [""]


def find_line(lines: list[str], start: int, wanted: str) -> tuple[int, int] | None:
    """Index and column offset of the first line from `start` that holds `wanted`."""
    if not wanted.strip():
        return None
    for index in range(start, len(lines)):
        line = lines[index]
        if line == wanted:
            return index, 0
        for prefix in COMMENT_PREFIXES:
            if line == prefix + wanted:
                return index, len(prefix)
    return None
