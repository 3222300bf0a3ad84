"""The build's caches and records under build/ (issue 22): whatever a file there holds —
another shape, another format, cut off, not even text — its reader takes it as a miss,
never a traceback. Each reader is fed a table of known bad shapes and hypothesis' JSON,
bytes and cut-off copies of a good entry; the CLI then meets the same files for real."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from conftest import copy_built
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from processes import no_traceback, run

from thesisbuild.builder import uptodate
from thesisbuild.core.paths import BuildPaths
from thesisbuild.notebook import cache, inputs
from thesisbuild.sources.chapter import read_chapter

CHAPTER = "# Kapitel\n\nText.\n\n```python\nprint(6 * 7)\n```\n"
# The shapes issue 22 names, and their neighbours.
BAD = [
    b"[null]", b'[{"outputs": 5}]', b'[{"outputs": [5], "execution_count": 1}]',
    b'{"outputs": 5}', b'{"reads": 5}', b'{"build/thesis.pdf": {"reads": 5}}',
    b'{"build/thesis.pdf": {"reads": ["a\\u0000b"]}}', b'{"markdown": 5}',
    b'{"format": 2, "files": {"data.csv": {"state": 5, "sha256": 5}}}',
    b'{"format": 2, "files": 5}', b'{"notebook": {"cells": 5}, "cells": []}',
    b'{"notebook": {"cells": [], "metadata": 5}, "cells": []}', b"[" * 100_000, b"",
    b'{"outputs": [', b"\xff\xfe\x00", b"null", b"5", b'"text"',
]  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def contents(good: bytes) -> st.SearchStrategy[bytes]:
    """Bad files: the table, any JSON, any bytes, and the good entry cut off anywhere."""
    cut = st.integers(0, max(len(good) - 1, 0)).map(lambda n: good[:n])
    as_json = json_values.map(lambda value: json.dumps(value).encode())
    return st.sampled_from(BAD) | as_json | st.binary(max_size=64) | cut


def notebook() -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("print(6 * 7)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# K"), cell])


def executed_reader(folder: Path) -> tuple[Path, Callable[[], object]]:
    cache.store_outputs(folder, "thesis-01-md", "k", notebook())
    return cache.entry_path(folder, "thesis-01-md", "k"), lambda: cache.load_outputs(
        folder, "thesis-01-md", "k", notebook()
    )


def exported_reader(folder: Path) -> tuple[Path, Callable[[], object]]:
    cache.store_export(folder, "thesis-01-md", "k", "# K\n")
    return cache.entry_path(folder, "thesis-01-md", "k"), lambda: cache.load_export(
        folder, "thesis-01-md", "k"
    )


def stamp_reader(folder: Path) -> tuple[Path, Callable[[], object]]:
    pdf = folder / "thesis.pdf"
    pdf.write_bytes(b"%PDF-1.5\n")
    paths = BuildPaths(folder, folder, folder / ".cache")
    uptodate.record(paths, "key", pdf, "xelatex")

    def read() -> object:
        current = uptodate.is_current(paths, "key", pdf)
        uptodate.built_before(paths, "xelatex")
        return current

    return paths.last_build, read


def stamp_entry_reader(folder: Path) -> tuple[Path, Callable[[], object]]:
    """The record of one PDF inside the stamp, which is where a damaged stamp bites."""
    stamp, read = stamp_reader(folder)
    pdf = str(folder / "thesis.pdf")
    side = folder / "entry.json"
    side.write_text(json.dumps(json.loads(stamp.read_text(encoding="utf-8"))[pdf]))

    def read_entry() -> object:
        try:
            value = json.loads(side.read_bytes())
        except (ValueError, RecursionError):
            value = side.read_bytes().decode("latin-1")
        stamp.write_text(json.dumps({pdf: value}), encoding="utf-8")
        return read()

    return side, read_entry


def inputs_reader(folder: Path) -> tuple[Path, Callable[[], object]]:
    (folder / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    memo = folder / ".cache" / "inputs.json"
    inputs.inputs_digest(folder, ["data.csv"], memo)
    return memo, lambda: inputs.inputs_digest(folder, ["data.csv"], memo)


def sources_reader(folder: Path) -> tuple[Path, Callable[[], object]]:
    chapter = folder / "01.md"
    chapter.write_text(CHAPTER, encoding="utf-8")
    read_chapter(chapter, "thesis/01.md", folder / "sources")
    (entry,) = (folder / "sources").glob("*.json")

    def read() -> object:
        source = read_chapter(chapter, "thesis/01.md", folder / "sources")
        return source.cells, source.notebook["cells"][1]["source"]

    return entry, read


READERS = {
    "executed": executed_reader,
    "exported": exported_reader,
    "last-build": stamp_reader,
    "last-build-entry": stamp_entry_reader,
    "inputs": inputs_reader,
    "sources": sources_reader,
}


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize("bad", BAD, ids=lambda b: b[:24].decode("latin-1"))
def test_a_bad_entry_reads_as_a_miss(tmp_path: Path, name: str, bad: bytes) -> None:
    entry, read = READERS[name](tmp_path)
    good = read()
    entry.write_bytes(bad)
    assert read() in (good, None, False)


@pytest.mark.parametrize("name", READERS)
def test_any_entry_reads_as_the_good_one_or_a_miss(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        entry, read = READERS[name](Path(folder))
        good, original = read(), entry.read_bytes()

        @SETTINGS
        @given(contents(original))
        def check(bad: bytes) -> None:
            entry.write_bytes(bad)
            assert read() in (good, None, False)
            entry.write_bytes(original)

        check()


@pytest.fixture(scope="module")
def md_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A chapter with code and a declared input after `thesisbuild md`: every cache
    written; the tests damage copies of it."""
    root = tmp_path_factory.mktemp("md") / "p"
    (root / "thesis").mkdir(parents=True)
    (root / "data.csv").write_text("a\n1\n", encoding="utf-8")
    (root / "thesis.yaml").write_text("title: x\ninputs: [data.csv]\n", encoding="utf-8")
    (root / "thesis" / "01.md").write_text(CHAPTER, encoding="utf-8")
    assert run("md", "-q", "-C", root).returncode == 0
    return root


@pytest.mark.kernel
@pytest.mark.parametrize("bad", [b'[{"outputs": 5}]', b'{"outputs": ['])
def test_md_rebuilds_over_damaged_caches(md_built: Path, tmp_path: Path, bad: bytes) -> None:
    root = copy_built(md_built, tmp_path / "p")
    damaged = [*(root / "build" / ".cache").rglob("*.json")]
    assert {path.parent.name for path in damaged} >= {"executed", "exported", "sources"}
    for path in damaged:
        path.write_bytes(bad)
    done = run("md", "-q", "-C", root)
    assert done.returncode == 0 and no_traceback(done), done.stderr
    assert "42" in (root / "build" / "chapters" / "thesis-01-md.md").read_text(encoding="utf-8")


@pytest.mark.tex
def test_pdf_rebuilds_over_a_damaged_stamp(loop_build: Path, tmp_path: Path) -> None:
    """A copy of the shared loop build (conftest), first built where it now lies: its
    stamp names the PDF by its path."""
    root = copy_built(loop_build, tmp_path / "loop")
    assert run("pdf", "-q", "-C", root).returncode == 0
    current = run("pdf", "-C", root)
    assert "up to date" in current.stderr + current.stdout  # as the stamp says
    stamp = BuildPaths.of(root).last_build
    record = json.loads(stamp.read_text(encoding="utf-8"))
    damaged = {name: {**entry, "reads": 5} if isinstance(entry, dict) else entry
               for name, entry in record.items()}  # fmt: skip
    stamp.write_text(json.dumps(damaged), encoding="utf-8")
    done = run("pdf", "-C", root)
    assert done.returncode == 0 and no_traceback(done), done.stderr
    assert "up to date" not in done.stderr
    again = run("pdf", "-C", root)
    assert "up to date" in again.stderr + again.stdout
