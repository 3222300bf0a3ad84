"""`thesisbuild lint`: the three output formats, exit codes, and chapter selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
TERM = 'write "Eigennamen" instead of "Entitäten" (thesis.yaml lint.terminology)'

EXPECTED_TEXT = [
    f"thesis/01-markdown.md:3:5: error [terminology] {TERM}",
    "thesis/01-markdown.md:3:23: warning [todo] open todo: Quelle",
    "thesis/01-markdown.md:5:1: warning [todo] open todo: Abbildung einfügen",
    "thesis/01-markdown.md:9:10: warning [todo] open todo: Variable umbenennen",
    f"thesis/02-percent.py:4:7: error [terminology] {TERM}",
    "thesis/02-percent.py:4:29: warning [math] TeX math outside $…$: write $x_n$",
    "thesis/02-percent.py:7:44: warning [todo] open todo: aufräumen",
    "thesis/03-notebook.ipynb:cell 1:4:14: warning [todo] open todo: Zahlen prüfen",
    "thesis/03-notebook.ipynb:cell 2:2:1: warning [todo] open todo: schneller machen",
    f"thesis/03-notebook.ipynb:cell 3:1:5: error [terminology] {TERM}",
    "thesis/03-notebook.ipynb:cell 3:1:19: warning [math] TeX math outside $…$: write $\\hat{y}$",
]


@pytest.fixture
def project_copy(project):
    """Lint writes its cache into the project's build/: never into tests/data."""
    copies = {}
    return lambda name: copies.setdefault(name, project(name))


def test_text_format(thesisbuild, project_copy) -> None:
    run = thesisbuild("lint", "-C", project_copy("lint-formats"))
    assert run.out.splitlines() == EXPECTED_TEXT
    assert run.err == "3 error(s), 8 warning(s)\n"
    assert run.code == 1


def test_json_format(thesisbuild, project_copy) -> None:
    run = thesisbuild("lint", "-C", project_copy("lint-formats"), "--format", "json")
    findings = json.loads(run.out)
    assert run.code == 1
    assert run.err == ""
    assert all(
        list(finding) == ["path", "line", "column", "cell", "rule", "severity", "message", "text"]
        for finding in findings
    )
    assert findings[0] == {
        "path": "thesis/01-markdown.md",
        "line": 3,
        "column": 5,
        "cell": None,
        "rule": "terminology",
        "severity": "error",
        "message": TERM,
        "text": "Entitäten",
    }
    assert findings[7] == {
        "path": "thesis/03-notebook.ipynb",
        "line": 4,
        "column": 14,
        "cell": 1,
        "rule": "todo",
        "severity": "warning",
        "message": "open todo: Zahlen prüfen",
        "text": "Zahlen prüfen",
    }
    assert [(f["path"][7:], f["cell"], f["line"], f["column"]) for f in findings] == [
        ("01-markdown.md", None, 3, 5),
        ("01-markdown.md", None, 3, 23),
        ("01-markdown.md", None, 5, 1),
        ("01-markdown.md", None, 9, 10),
        ("02-percent.py", None, 4, 7),
        ("02-percent.py", None, 4, 29),
        ("02-percent.py", None, 7, 44),
        ("03-notebook.ipynb", 1, 4, 14),
        ("03-notebook.ipynb", 2, 2, 1),
        ("03-notebook.ipynb", 3, 1, 5),
        ("03-notebook.ipynb", 3, 1, 19),
    ]


def test_github_format(thesisbuild, project_copy) -> None:
    run = thesisbuild("lint", "-C", project_copy("lint-formats"), "--format", "github")
    lines = run.out.splitlines()
    assert run.code == 1
    assert lines[0] == f"::error file=thesis/01-markdown.md,line=3,col=5,title=terminology::{TERM}"
    assert lines[1] == (
        "::warning file=thesis/01-markdown.md,line=3,col=23,title=todo::open todo: Quelle"
    )
    # GitHub knows no cells: notebook findings point at the line of the notebook's JSON
    # (what a pull request's diff shows) and name the cell in the message.
    assert lines[7] == (
        "::warning file=thesis/03-notebook.ipynb,line=11,title=todo::"
        "cell 1: open todo: Zahlen prüfen"
    )
    assert lines[8].startswith("::warning file=thesis/03-notebook.ipynb,line=22,title=todo::")
    assert len(lines) == len(EXPECTED_TEXT)


def test_only_warnings_exit_0_and_strict_makes_them_errors(thesisbuild, project_copy) -> None:
    project = project_copy("golden")  # todos and math, no terminology rules
    relaxed = thesisbuild("lint", "-C", project)
    strict = thesisbuild("lint", "-C", project, "--strict")
    assert relaxed.code == 0
    assert " warning [todo] " in relaxed.out
    assert strict.code == 1
    assert " warning " not in strict.out
    assert " error [todo] " in strict.out
    assert " error [math] " in strict.out


def test_named_chapters_only(thesisbuild, project_copy) -> None:
    chapter = project_copy("lint-formats") / "thesis" / "02-percent.py"
    run = thesisbuild("lint", "-C", project_copy("lint-formats"), chapter)
    assert run.out.splitlines() == EXPECTED_TEXT[4:7]


def test_no_findings(thesisbuild, project_copy) -> None:
    text = thesisbuild("lint", "-C", project_copy("config/minimal"))
    as_json = thesisbuild("lint", "-C", project_copy("config/minimal"), "--format", "json")
    assert (text.code, text.out, text.err) == (0, "", "0 error(s), 0 warning(s)\n")
    assert (as_json.code, json.loads(as_json.out)) == (0, [])


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--format", "xml"], id="unknown-format"),
        pytest.param(["--no-such-option"], id="unknown-option"),
        pytest.param(["thesis/99-fehlt.md"], id="missing-chapter-argument"),
    ],
)
def test_usage_problems_exit_2(thesisbuild, project_copy, args: list[str]) -> None:
    run = thesisbuild("lint", "-C", project_copy("lint-formats"), *args)
    assert run.code == 2
    assert "Traceback" not in run.err


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        pytest.param(
            "bad-json",
            "Error: thesis/02-kaputt.ipynb:14:16: not a valid notebook: Expecting ',' "
            "delimiter. Restore it from git or re-save it in Jupyter.\n",
            id="malformed-json",
        ),
        pytest.param(
            "bad-encoding",
            "Error: thesis/02-latin1.md:1: not UTF-8 text (byte 6); save the file as UTF-8.\n",
            id="not-utf8",
        ),
        pytest.param(
            "bad-empty",
            "Error: thesis/02-leer.md: the chapter is empty; start it with a heading like "
            "'# Titel'.\n",
            id="empty",
        ),
    ],
)
def test_bad_chapter_exit_1_with_one_line(
    thesisbuild, project_copy, scenario: str, message: str
) -> None:
    run = thesisbuild("lint", "-C", project_copy(scenario))
    assert (run.code, run.out, run.err) == (1, "", message)


def test_a_project_without_chapters_is_a_config_error(thesisbuild, tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_text("title: Leer\n", encoding="utf-8")
    run = thesisbuild("lint", "-C", tmp_path)
    assert run.code == 2
    assert "no chapters" in run.err and "Traceback" not in run.err


def test_an_unwritable_output_is_one_line_not_a_traceback(
    thesisbuild, project_copy, tmp_path: Path
) -> None:
    project = project_copy("config/minimal")
    (project / "build").write_text("a file where the build folder should be", encoding="utf-8")
    run = thesisbuild("md", "-C", project)
    assert run.code == 1
    assert "Error: " in run.err and "Not a directory" in run.err
    assert "Traceback" not in run.err
