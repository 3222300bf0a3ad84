"""The .bib file read with a BibTeX parser before pandoc sees it: pandoc stops on the
first entry it cannot read (`year = n.d.` from an exported reference list), which costs
the whole bibliography.  Here each such entry is reported at its .bib line and left out
of build/bibliography.bib, so every other entry works; "no date" years are accepted.

A .bib that is not UTF-8 is read as Windows exports write it (UTF-16 with its BOM, else
Windows-1252) with a warning rather than refused: the encoding is all but certain, the
draft keeps its citations, and the warning says to save it as UTF-8. Only a file that
is no text at all (a NUL byte) stops the build."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.model import Block, Entry, ParsingFailedBlock

from ..config.model import Config
from ..core.errors import SourceError
from ..core.files import write_text_atomically
from ..core.proc import run

# Spellings of "no date" in exported lists (Zotero, Citavi, JabRef); the field is
# dropped and the citation style prints its own "n.d." / "o. J.".
NO_DATE = re.compile(r"\{?\s*(n\.?\s?d\.?|o\.?\s?J\.?|s\.?\s?d\.?|no date|ohne Jahr)\s*\}?", re.I)
# A value without braces or quotes must be a number or a macro (@string, month names);
# pandoc's reader takes macro names of letters, digits, `_`, `-`, `:` only.
BARE_OK = re.compile(r"\d+|[A-Za-z][\w:-]*")
PANDOC_POSITION = re.compile(r"\(line (?P<line>\d+), column \d+\):\s*(?P<message>[^\n]*)")


@dataclass(frozen=True)
class BibProblem:
    """An entry pandoc cannot read, at its line in the user's .bib (1-based)."""

    line: int
    key: str
    message: str

    def describe(self, bib_name: str) -> str:
        entry = f"entry {self.key}: " if self.key else ""
        return f"{bib_name}:{self.line}: {entry}{self.message}"


@dataclass(frozen=True)
class CleanBibliography:
    """build/bibliography.bib: the user's file, line for line, minus unreadable entries."""

    path: Path
    problems: tuple[BibProblem, ...]
    warnings: tuple[str, ...] = ()


def clean_bibliography(config: Config, path: Path, memo: Path) -> CleanBibliography | None:
    """Check config.bibliography entry by entry; write the readable part to `path`
    (build/bibliography.bib). An unchanged .bib is not checked again: `memo` keeps what
    the last check found (pandoc's read of it costs every build 0.1 s)."""
    if config.bibliography is None:
        return None
    name = config.relative(config.bibliography)
    data = read_bytes(config.bibliography, name)
    key = memo_key(data)
    return recalled(memo, key, path) or remembered(memo, key, checked(data, name, path))


def checked(data: bytes, name: str, path: Path) -> CleanBibliography:
    text, warning = decode(data, name)
    lines = text.splitlines(keepends=True)
    blocks = parse(lines)
    problems = [*failed_blocks(blocks, lines), *bare_values(blocks, lines)]
    write_text_atomically(path, "".join(lines))
    for _ in blocks:  # pandoc has the last word; each round drops one more entry
        problem = pandoc_problem(path, blocks, lines)
        if problem is None:
            break
        problems.append(problem)
        write_text_atomically(path, "".join(lines))
    ordered = tuple(sorted(problems, key=lambda p: p.line))
    return CleanBibliography(path, ordered, (warning,) if warning else ())


def memo_key(data: bytes) -> str:
    """The .bib's bytes and the pandoc that judged them."""
    import pypandoc

    pandoc = Path(pypandoc.get_pandoc_path())
    with contextlib.suppress(OSError):
        stat = pandoc.stat()
        judge = f"{pandoc}:{stat.st_size}:{stat.st_mtime_ns}".encode()
        return hashlib.sha256(data + judge).hexdigest()
    return ""


def recalled(memo: Path, key: str, path: Path) -> CleanBibliography | None:
    """The last check's result, when it judged these bytes and its file is still there
    as it was written; None for anything else (a damaged memo is checked again)."""
    try:
        entry = json.loads(memo.read_text(encoding="utf-8"))
        written = hashlib.sha256(path.read_bytes()).hexdigest()
        if not key or entry["key"] != key or entry["written"] != written:
            return None
        if not (isinstance(entry["problems"], list) and isinstance(entry["warnings"], list)):
            return None
        problems = tuple(BibProblem(int(p[0]), str(p[1]), str(p[2])) for p in entry["problems"])
        return CleanBibliography(path, problems, tuple(map(str, entry["warnings"])))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def remembered(memo: Path, key: str, clean: CleanBibliography) -> CleanBibliography:
    written = hashlib.sha256(clean.path.read_bytes()).hexdigest()
    problems = [[p.line, p.key, p.message] for p in clean.problems]
    entry = {"key": key, "written": written, "problems": problems, "warnings": clean.warnings}
    with contextlib.suppress(OSError):  # without the memo the next build checks again
        write_text_atomically(memo, json.dumps(entry))
    return clean


def read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"{name}: cannot read it ({error.strerror}).") from None


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The .bib's text and, when it was not UTF-8, a warning naming the encoding taken."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' "Unicode" is UTF-16
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    where = f"{name}:{line}"
    if b"\0" in data:
        raise SourceError(
            f"{where}: not a text file (it holds NUL bytes); export the bibliography "
            "again as BibTeX."
        )
    encoding = "cp1252" if can_decode(data, "cp1252") else "latin-1"
    label = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}[encoding]
    return data.decode(encoding), (
        f"{where}: warning: not UTF-8 text; read as {label}, as Windows programs save it. "
        "Check the names with umlauts in the PDF and save the file as UTF-8."
    )


def can_decode(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class BibBlock:
    """An entry (or a block the parser gave up on) with its 0-based lines in the file."""

    first: int
    last: int
    key: str
    failed: bool
    fields: tuple[tuple[str, str, int], ...]  # (name, raw value, line)


def parse(lines: list[str]) -> list[BibBlock]:
    """Blocks with their raw values (`{…}`, `"…"` or bare), as the file spells them."""
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    library = bibtexparser.parse_string("".join(lines), parse_stack=[])  # type: ignore[attr-defined]
    return [bib_block(block) for block in library.blocks if block.start_line is not None]


def bib_block(block: Block) -> BibBlock:
    raw = block.raw or ""
    first = block.start_line or 0
    failed = isinstance(block, ParsingFailedBlock)
    named = re.match(r"\s*@\w+\s*\{\s*([^,\s]*)", raw)
    key = block.key if isinstance(block, Entry) else (named.group(1) if named else "")
    fields = tuple(
        (field.key, str(field.value).strip(), field.start_line or first)
        for field in (block.fields if isinstance(block, Entry) else [])
    )
    return BibBlock(first, first + raw.count("\n"), key, failed, fields)


def failed_blocks(blocks: Iterable[BibBlock], lines: list[str]) -> list[BibProblem]:
    problems = []
    for block in (block for block in blocks if block.failed):
        message = "not valid BibTeX (a brace, quote or comma is missing)"
        problems.append(BibProblem(block.first + 1, block.key, message))
        blank(block, lines)
    return problems


def bare_values(blocks: Iterable[BibBlock], lines: list[str]) -> list[BibProblem]:
    """Undelimited values pandoc rejects; a "no date" year is emptied instead."""
    problems = []
    for block in blocks:
        problem = unreadable_field(block, lines)
        if problem is not None:
            problems.append(problem)
            blank(block, lines)
    return problems


def unreadable_field(block: BibBlock, lines: list[str]) -> BibProblem | None:
    for name, raw, line in block.fields:
        if name.lower() == "year" and NO_DATE.fullmatch(raw):
            field = re.compile(rf"{re.escape(name)}\s*=\s*{re.escape(raw)}\s*,?", re.I)
            lines[line] = field.sub("", lines[line], count=1)  # the line count stays
        elif raw[:1] not in ("{", '"') and not BARE_OK.fullmatch(raw):
            fix = f"write {name} = {{{raw}}}"
            if name.lower() == "year":
                fix += " or remove the field"
            return BibProblem(line + 1, block.key, f"{name} = {raw} cannot be read; fix: {fix}")
    return None


def blank(block: BibBlock, lines: list[str]) -> None:
    """Empty the block's lines but keep them, so pandoc's line numbers stay the user's."""
    for index in range(block.first, min(block.last + 1, len(lines))):
        lines[index] = "\n" if lines[index].endswith("\n") else ""


def pandoc_problem(path: Path, blocks: list[BibBlock], lines: list[str]) -> BibProblem | None:
    """Let pandoc read the cleaned file; blank and report the entry it stops at."""
    import pypandoc

    argv = [pypandoc.get_pandoc_path(), "-f", "biblatex", "-t", "csljson", str(path)]
    done = run(argv, check=False)
    where = PANDOC_POSITION.search(done.output)
    if done.returncode == 0 or where is None:
        return None
    line = int(where.group("line"))
    block = max((b for b in blocks if b.first < line), key=lambda b: b.first, default=None)
    if block is None:
        return None
    blank(block, lines)
    return BibProblem(line, block.key, f"pandoc cannot read it: {where.group('message').strip()}")
