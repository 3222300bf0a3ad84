"""Lint on pathological chapters: linear time (CPU seconds of the child process, which a
busy machine does not inflate), bounded reports, user regexes under a time limit, lines
counted as editors count them, GitHub annotations escaped."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from processes import PATIENCE, cpu_seconds, no_traceback, run

from thesisbuild.manuscript.transform import pandoc_ready


def thesis(root: Path, yaml: str, name: str, text: str) -> Path:
    (root / "thesis").mkdir(parents=True)
    (root / "thesis.yaml").write_text(yaml, encoding="utf-8")
    (root / "thesis" / name).write_text(text, encoding="utf-8")
    return root


def test_ten_thousand_unclosed_todos(tmp_path: Path) -> None:
    lines = ("Satz [todo [ offen\n", "mehr Text [todo [\n") * 5_000
    root = thesis(tmp_path, "title: x\n", "01.md", "# K\n\n" + "".join(lines))
    seconds, done = cpu_seconds("lint", "--format", "json", "-C", root)
    findings = json.loads(done.stdout)
    assert seconds < 5, seconds
    assert len(findings) == 10_000
    assert max(len(finding["text"]) for finding in findings) <= 500
    assert len(done.stdout) < 20_000_000


@pytest.mark.parametrize(
    "text",
    ["Text \\( offen\n", "Text \\[ offen\n", "Text <!-- offen\n", "```python\nx\n", "](" * 50],
    ids=["paren", "bracket", "comment", "fence", "link-target"],
)
def test_unclosed_openers_stay_linear(text: str) -> None:
    """Lint's protected spans and the build's rewrites on 10,000 openers without closers."""
    started = time.process_time()
    pandoc_ready(text * 10_000)
    assert time.process_time() - started < 3


def test_many_terminology_findings_are_linear(tmp_path: Path) -> None:
    line = "Die Entitäten werden erkannt und weitere Wörter folgen ganz normal.\n"
    yaml = "title: x\nlint:\n  terminology:\n    Eigennamen: [Entitäten, erkannt]\n"
    root = thesis(tmp_path, yaml, "01.md", "# K\n\n" + line * 20_000)
    seconds, done = cpu_seconds("lint", "-C", root)
    assert done.returncode == 1
    assert "40000 error(s)" in done.stderr
    assert seconds < 10, seconds


def test_catastrophic_terminology_pattern_is_stopped_at_its_line(tmp_path: Path) -> None:
    yaml = 'title: x\nlint:\n  terminology:\n    b: [harmlos, "/(a|aa)+$/"]\n'
    root = thesis(tmp_path, yaml, "01.md", "# K\n\n" + "a" * 60 + "!\n")
    done = run("lint", "-C", root, timeout=PATIENCE)
    assert done.returncode == 2 and no_traceback(done)
    assert "thesis.yaml:4: lint.terminology.b: /(a|aa)+$/ takes longer than 2 s" in done.stderr


def test_lines_are_counted_at_newlines_only(tmp_path: Path) -> None:
    text = "# K\n\nEins\x0cZwei x_n\r\nDrei\x85 x_n\x1eVier\u2028x_n\x0b\n\nFünf x_n\n"
    root = thesis(tmp_path, "title: x\n", "01.md", text)
    done = run("lint", "--format", "json", "-C", root)
    places = [(f["line"], f["column"]) for f in json.loads(done.stdout)]
    expected = [
        (number, column + 1)
        for number, line in enumerate(text.split("\n"), start=1)
        for column in range(len(line))
        if line.startswith("x_n", column)
    ]
    assert places == expected
    run("lint", "--fix", "-C", root)
    fixed = (root / "thesis" / "01.md").read_bytes().decode("utf-8")
    assert fixed == text.replace("x_n", "$x_n$")


def test_github_annotations_escape_the_file_property(tmp_path: Path) -> None:
    root = thesis(tmp_path, "title: x\n", "01,a:b%.md", "# K\n\nDie x_n.\n")
    done = run("lint", "--format", "github", "-C", root)
    assert done.stdout.startswith("::warning file=thesis/01%2Ca%3Ab%25.md,line=3,col=5,")
