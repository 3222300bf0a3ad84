"""Shared fixtures: run the command line as a user would, copy fixture projects, the
builds several modules read (each built once per session: their users share an xdist
group, so one worker builds it), and the `--update-golden` flag that rewrites
tests/golden/ instead of comparing with it."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tex import require_tex
from xdist.scheduler import LoadScopeScheduling

from thesisbuild.cli.main import main
from thesisbuild.core.progress import QUIET_VARIABLE

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent


# Modules that read the same session build (the fixtures below) run on one worker, which
# builds it once: `--dist loadgroup` schedules each of these as one unit, and every other
# module as a unit of its own (like `--dist loadfile`). Not `xdist_group` marks: pytest
# 9.2 no longer reads the group suffix xdist 3.8 appends to a test's id, so they are
# silently ignored and each worker would build its own copy.
SHARED_BUILDS = {
    "draft-and-cited": ("test_draft.py", "test_pdf.py", "test_languages.py"),
    "loop": ("test_recovery.py", "test_watch.py", "test_damaged_state.py"),
    "exec-cache": ("test_cache.py", "test_uptodate.py"),
    "meeting": ("test_diff.py", "test_meeting.py"),
}
UNIT_OF = {module: unit for unit, modules in SHARED_BUILDS.items() for module in modules}


class SharedBuildScheduling(LoadScopeScheduling):
    """One work unit per module, the modules of a shared build together."""

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return UNIT_OF.get(path.rsplit("/", 1)[-1], path)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    if config.getvalue("dist") == "loadgroup":
        return SharedBuildScheduling(config, log)
    return None


@pytest.fixture(autouse=True, scope="session")
def no_long_cell_notices() -> Iterator[None]:
    """A cell that takes 3 s on a busy machine would print "running for 3 s" into output a
    test compares; the tests about that notice set their own threshold."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(QUIET_VARIABLE, "3600")
        yield


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


def copy_built(root: Path, target: Path) -> Path:
    """A copy of a shared build to change: the shared one stays as every test found it."""
    return Path(shutil.copytree(root, target, symlinks=True))


def built(root: Path, *options: str) -> tuple[Path, Run]:
    """`thesisbuild pdf OPTIONS -C root`, which must succeed."""
    require_tex()
    run = run_thesisbuild("pdf", *options, "-C", root)
    assert run.code == 0, run.err
    return root, run


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
    `thesisbuild pdf`, for the markdown and the PDF tests (with test_draft.py)."""
    return built(project("draft"), "-q")[0]


@pytest.fixture(scope="session")
def cited_build(project: Callable[[str], Path]) -> Path:
    """tests/data/cited (German: citations, a table, symbols) as a draft PDF."""
    return built(project("cited"), "-q")[0]


@pytest.fixture(scope="session")
def loop_build(project: Callable[[str], Path]) -> Path:
    """tests/data/loop as a draft PDF, for the recovery, watch and damaged-state tests ;
    they change copies of it."""
    return built(project("loop"), "-q")[0]


@dataclass(frozen=True)
class MeetingBuild:
    """tests/meeting_project.py's repository after `thesisbuild meeting` twice the same
    day: the first tagged and built build/thesis.pdf and build/diff.pdf, the second only
    tagged (no commits since)."""

    root: Path
    first: Run
    second: Run


@pytest.fixture(scope="session")
def meeting_build(tmp_path_factory: pytest.TempPathFactory) -> MeetingBuild:
    from meeting_project import meeting_repository

    require_tex()
    root = meeting_repository(tmp_path_factory.mktemp("meeting") / "arbeit")
    first = run_thesisbuild("meeting", "-C", root)
    assert first.code == 0, first.err
    return MeetingBuild(root, first, run_thesisbuild("meeting", "-C", root))


@pytest.fixture(scope="session")
def exec_cache_build(project: Callable[[str], Path]) -> tuple[Path, Run]:
    """tests/data/exec-cache after `thesisbuild pdf`: its chapter ran once and its outputs
    are cached ; the cache and no-op tests change copies of it."""
    return built(project("exec-cache"))
