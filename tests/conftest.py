"""Shared fixtures: run the command line as a user would, copy fixture projects, and the
`--update-golden` flag that rewrites tests/golden/ instead of comparing with it."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from thesisbuild.cli.main import main

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/*.md from the current output (review the diff).",
    )


@dataclass(frozen=True)
class Run:
    """What one `thesisbuild …` call returned and printed."""

    code: int
    out: str
    err: str


def run_thesisbuild(*args: str | Path) -> Run:
    """Call the real entry point, `thesisbuild.cli.main.main(argv) -> int`, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return Run(code, out.getvalue(), err.getvalue())


def copy_project(name: str, target: Path) -> Path:
    """A fresh copy of tests/data/<name> to build or fix in (tests/data stays untouched)."""
    shutil.copytree(DATA / name, target)
    return target


@pytest.fixture(scope="session")
def thesisbuild() -> Callable[..., Run]:
    """`thesisbuild("lint", "-C", path)` → Run(code, out, err)."""
    return run_thesisbuild


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`project("fix")` → a new copy of tests/data/fix in its own temporary folder
    (session-scoped, so module-scoped fixtures can build one copy and share it)."""
    return lambda name: copy_project(name, tmp_path_factory.mktemp(Path(name).name) / name)


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def draft_build(project: Callable[[str], Path]) -> Path:
    """tests/data/draft (a frozen copy of the shipped thesis's early draft) after
    `thesisbuild pdf`: built once for the markdown and the PDF tests. Skipped without
    TeX on a developer machine; under CI a missing TeX fails."""
    if shutil.which("latexmk") is None and os.environ.get("CI") != "true":
        pytest.skip("TeX is not installed (latexmk)")
    root = project("draft")
    run = run_thesisbuild("pdf", "-q", "-C", root)
    assert run.code == 0, run.err
    return root
