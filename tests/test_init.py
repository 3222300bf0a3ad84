"""`thesisbuild init`: the files it writes, its answers from options, prompts and
defaults, its refusal to overwrite, the origin it names, and the new project's PDF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from thesisbuild.cli.init import init
from thesisbuild.config.reader import load
from thesisbuild.init.origin import from_direct_url
from thesisbuild.init.scaffold import precommit_config

REPO = Path(__file__).resolve().parents[1]
FILES = [
    ".github/workflows/thesis.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "bibliography.bib",
    "requirements.txt",
    "thesis.schema.json",
    "thesis.yaml",
    "thesis/01-abstract.md",
    "thesis/02-einleitung.md",
]


GIT_ORIGIN = from_direct_url(
    json.dumps({"url": "https://example.org/t.git", "vcs_info": {"vcs": "git", "commit_id": "c0"}}),
    "0.1.0",
)


def written(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_init_writes_a_project_with_the_defaults(thesisbuild, tmp_path: Path) -> None:
    run = thesisbuild("init", tmp_path / "arbeit")
    assert run.code == 0, run.err
    assert written(tmp_path / "arbeit") == FILES
    config = load(tmp_path / "arbeit")
    assert (config.title, config.language, config.citation_style) == (
        "Titel der Arbeit",
        "de",
        "din-1505-2",
    )
    assert config.author is not None and config.author.matriculation_number == "1234567"
    assert [path.name for path in config.chapters] == ["01-abstract.md", "02-einleitung.md"]
    assert "next: thesisbuild pdf -C" in run.err


def test_an_english_project_cites_in_an_english_style(thesisbuild, tmp_path: Path) -> None:
    run = thesisbuild("init", tmp_path, "--language", "en")
    assert run.code == 0, run.err
    assert (load(tmp_path).language, load(tmp_path).citation_style) == ("en", "apa")


def test_options_fill_thesis_yaml(thesisbuild, tmp_path: Path) -> None:
    run = thesisbuild(
        "init", tmp_path, "--title", 'Lernen mit "wenigen" Daten: ein Überblick',
        "--author", "Erika Mustermann", "--matriculation-number", "0123",
        "--thesis-type", "Bachelor's Thesis", "--university", "TU Beispiel",
        "--language", "en", "--citation-style", "ieee",
    )  # fmt: skip
    assert run.code == 0, run.err
    config = load(tmp_path)
    assert config.title == 'Lernen mit "wenigen" Daten: ein Überblick'
    assert config.author is not None and config.author.matriculation_number == "0123"
    assert (config.thesis_type, config.university) == ("Bachelor's Thesis", "TU Beispiel")
    assert (config.language, config.citation_style) == ("en", "ieee")
    assert [path.name for path in config.chapters] == ["01-abstract.md", "02-introduction.md"]


def test_in_a_terminal_it_asks_for_what_the_options_leave_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("thesisbuild.cli.init.interactive", lambda: True)
    answers = "en\nMy Title\n42\n\nUni X\napa\n"  # thesis type: Enter takes the default
    result = CliRunner().invoke(init, [str(tmp_path), "--author", "Ada"], input=answers)
    assert result.exit_code == 0, result.output
    assert (
        "Language (de, en) [de]: en" in result.output
        and "Thesis type [Master's Thesis]:" in result.output
    )
    config = load(tmp_path)
    assert (config.title, config.language, config.citation_style) == ("My Title", "en", "apa")
    assert config.author is not None and config.author.name == "Ada"
    assert config.thesis_type == "Master's Thesis" and config.university == "Uni X"


def test_without_a_terminal_it_asks_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(init, [str(tmp_path)], input="")
    assert result.exit_code == 0, result.output
    assert "Language" not in result.output and load(tmp_path).title == "Titel der Arbeit"


def test_init_never_overwrites_a_file(thesisbuild, tmp_path: Path) -> None:
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "02-einleitung.md").write_text("# Mein Text\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    run = thesisbuild("init", tmp_path)
    assert run.code == 2
    assert "thesis/02-einleitung.md already there; init never overwrites a file" in run.err
    assert written(tmp_path) == ["README.md", "thesis/02-einleitung.md"]
    assert (tmp_path / "thesis" / "02-einleitung.md").read_text(encoding="utf-8") == "# Mein Text\n"


def test_an_unknown_citation_style_is_a_usage_error(thesisbuild, tmp_path: Path) -> None:
    run = thesisbuild("init", tmp_path, "--citation-style", "harvard")
    assert run.code == 2 and "'harvard' is not one of" in run.err
    assert written(tmp_path) == []


@pytest.mark.parametrize(
    ("direct_url", "requirement", "repository"),
    [
        pytest.param(None, "thesisbuild==0.1.0", None, id="index"),
        pytest.param(
            {"url": "https://example.org/u/thesisbuild.git",
             "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
            "thesisbuild @ git+https://example.org/u/thesisbuild.git@abc123",
            "https://example.org/u/thesisbuild.git",
            id="git",
        ),
        pytest.param({"url": "file:///home/u/thesisbuild", "dir_info": {"editable": True}},
                     "thesisbuild==0.1.0", None, id="local-folder"),
    ],
)  # fmt: skip
def test_the_origin_names_what_ci_can_install(
    direct_url: dict[str, object] | None, requirement: str, repository: str | None
) -> None:
    origin = from_direct_url(json.dumps(direct_url) if direct_url else None, "0.1.0")
    assert (origin.requirement, origin.repository) == (requirement, repository)
    assert origin.local == (direct_url is not None and repository is None)


def test_pre_commit_uses_the_hook_of_this_repository() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [remote] = yaml.safe_load(precommit_config(GIT_ORIGIN))["repos"]
    assert remote == {
        "repo": "https://example.org/t.git",
        "rev": "c0",
        "hooks": [{"id": hook["id"]}],
    }
    [local] = yaml.safe_load(precommit_config(from_direct_url(None, "0.1.0")))["repos"]
    [same] = local["hooks"]
    assert {**same, "language": "python"} == {k: v for k, v in hook.items() if k != "description"}


def test_pre_commit_accepts_the_hook_and_both_configurations(tmp_path: Path) -> None:
    pre_commit = [str(Path(sys.executable).parent / "pre-commit")]
    configs = []
    for name, origin in (("remote", GIT_ORIGIN), ("local", from_direct_url(None, "0.1.0"))):
        configs.append(tmp_path / f"{name}.yaml")
        configs[-1].write_text(precommit_config(origin), encoding="utf-8")
    manifest = [*pre_commit, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")]
    for argv in (manifest, [*pre_commit, "validate-config", *map(str, configs)]):
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def committed(tmp_path: Path, thesisbuild) -> Path:
    """A new project, staged in a new git repository (the test changes it)."""
    root = tmp_path / "arbeit"
    assert thesisbuild("init", root).code == 0
    git(root, "init", "-q")
    git(root, "add", ".")
    return root


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
    )


def pre_commit(root: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit run`, with this environment's thesisbuild on PATH (the local hook's
    `language: system` runs what PATH finds) and its cache inside the project."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(root.parent / "pre-commit-cache")}  # fmt: skip
    return subprocess.run([str(bin_dir / "pre-commit"), "run", "--all-files"], cwd=root,
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip


def test_pre_commit_lets_todos_pass_and_stops_terminology(committed: Path) -> None:
    assert pre_commit(committed).returncode == 0
    yaml_text = (committed / "thesis.yaml").read_text(encoding="utf-8")
    (committed / "thesis.yaml").write_text(
        yaml_text + "lint:\n  terminology:\n    Sigmoid-Funktion: [Sigmoidfunktion]\n", "utf-8"
    )
    chapter = committed / "thesis" / "02-einleitung.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nDie Sigmoidfunktion.\n", "utf-8")
    git(committed, "add", ".")
    done = pre_commit(committed)
    assert done.returncode == 1
    assert "thesis/02-einleitung.md:" in done.stdout
    assert 'error [terminology] write "Sigmoid-Funktion"' in done.stdout
