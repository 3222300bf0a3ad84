"""Each command imports only its own path: `lint` never loads the build, and a no-op
`pdf` answers before nbconvert, jupytext, pandoc or the bibliography parser are imported
(their imports cost more than the answer). Checked in a fresh interpreter, on sys.modules."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from thesisbuild.builder.uptodate import build_key, record
from thesisbuild.config.reader import load
from thesisbuild.core.paths import BuildPaths

HEAVY = ("nbconvert", "jupytext", "nbformat", "nbclient", "pypandoc", "bibtexparser")
BUILD = ("thesisbuild.builder.pipeline", "thesisbuild.latex.pandoc", "filelock", "watchfiles")

# Runs `thesisbuild ARGS…` in this interpreter, then prints what it had imported (not
# the modules thesisbuild keeps out, which sys.modules holds as None).
PROBE = """
import json, sys
from thesisbuild.cli.main import main
code = main(sys.argv[1:])
modules = sorted(name for name, module in sys.modules.items() if module is not None)
print(json.dumps({"code": code, "modules": modules}))
"""


def imported_by(*args: str | Path) -> tuple[int, set[str]]:
    """The exit code of `thesisbuild ARGS…` in a fresh interpreter, and its sys.modules."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], set(report["modules"])


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names))


def test_the_group_alone_imports_no_command() -> None:
    code, modules = imported_by("--version")
    assert code == 0
    assert loaded(modules, (*HEAVY, *BUILD, "yaml", "thesisbuild.lint")) == []


@pytest.mark.parametrize("run", ["first", "cached"])
def test_lint_imports_neither_the_build_nor_the_exporters(
    project: Callable[[str], Path], run: str
) -> None:
    root = project("lint-formats")
    if run == "cached":
        imported_by("lint", "-C", root)
    code, modules = imported_by("lint", "-C", root)
    assert code == 1  # the fixture's terminology errors
    allowed = ("jupytext", "nbformat") if run == "first" else ()  # parsing .py and .ipynb
    assert loaded(modules, tuple(n for n in (*HEAVY, *BUILD) if n not in allowed)) == []


def test_a_no_op_pdf_answers_before_the_build_is_imported(
    project: Callable[[str], Path],
) -> None:
    root = project("loop")
    output = root / "build" / "thesis.pdf"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(b"%PDF-1.5 as if built\n")
    paths = BuildPaths.of(root)
    record(paths, build_key(load(root), "draft", output, paths), output, "xelatex")
    code, modules = imported_by("pdf", "-C", root)
    assert code == 0
    assert loaded(modules, (*HEAVY, *BUILD)) == []


@pytest.mark.parametrize("spelling", ["on", "off"])
def test_lint_with_every_rule_imports_no_build_and_a_rule_off_costs_nothing(
    tmp_path: Path, spelling: str
) -> None:
    """Every rule on: still no build, pandoc or bibliography parser (the citation rule
    scans the .bib itself); the dictionaries' library only when spelling runs."""
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "01.md").write_text("# Eins\n\nDer Text [@a].\n", encoding="utf-8")
    (tmp_path / "bibliography.bib").write_text("@misc{a, title={A}}\n", encoding="utf-8")
    rules = "lint: {rules: {spelling: off}}\n" if spelling == "off" else ""
    (tmp_path / "thesis.yaml").write_text(f"title: T\n{rules}", encoding="utf-8")
    code, modules = imported_by("lint", "-C", tmp_path)
    assert code == 0
    parsers = ("jupytext", "nbformat")  # a first run parses the chapter
    assert loaded(modules, tuple(n for n in (*HEAVY, *BUILD) if n not in parsers)) == []
    if spelling == "off":
        assert loaded(modules, ("enchant",)) == []
