"""What every rule shares: inline switches, lint.rules, --strict, --list-rules, and a
--fix that keeps the case of what it replaces. Chapters in .md and .ipynb form."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_chapters import FORMS, found, lint_text

from thesisbuild.config.model import RuleSetting, TerminologyRule
from thesisbuild.config.reader import load
from thesisbuild.core.errors import ConfigError
from thesisbuild.lint.rule import keep_case
from thesisbuild.lint.rules import registry

MATH = "# Kapitel\n\nDie Ausgabe x_n hier.\n\n"


@pytest.mark.parametrize("suffix", FORMS)
def test_disable_and_enable_silence_a_passage(tmp_path: Path, suffix: str) -> None:
    text = (
        "# Kapitel\n\nErst x_a.\n\n<!-- thesisbuild: disable=math -->\n\nDann x_b.\n\n"
        "TODO: bleibt\n\n<!-- thesisbuild: enable=math -->\n\nZuletzt x_c.\n"
    )
    findings = lint_text(tmp_path, text, suffix)
    assert found(findings, "math") == ["x_a", "x_c"]
    assert found(findings, "todo") == ["bleibt"]  # only the named rule is off


@pytest.mark.parametrize("suffix", FORMS)
def test_disable_without_a_name_silences_every_rule(tmp_path: Path, suffix: str) -> None:
    text = "# Kapitel\n\n<!-- thesisbuild: disable -->\n\nx_a und TODO: still\n"
    assert [f.rule for f in lint_text(tmp_path, text, suffix)] == []


@pytest.mark.parametrize("suffix", FORMS)
def test_disable_next_line_silences_one_line(tmp_path: Path, suffix: str) -> None:
    text = (
        "# Kapitel\n\n<!-- thesisbuild: disable-next-line=math,todo -->\nErst x_a. TODO: a\n"
        "Dann x_b.\n"
    )
    findings = lint_text(tmp_path, text, suffix)
    assert found(findings, "math") == ["x_b"]
    assert found(findings, "todo") == []


def test_a_switch_shown_in_a_code_block_is_no_switch(tmp_path: Path) -> None:
    text = "# Kapitel\n\n```markdown\n<!-- thesisbuild: disable -->\n```\n\nDie x_a.\n"
    assert found(lint_text(tmp_path, text), "math") == ["x_a"]


def test_a_switch_naming_no_rule_is_reported(tmp_path: Path) -> None:
    text = "# Kapitel\n\n<!-- thesisbuild: disable=mathe -->\n\nDie x_a.\n"
    findings = lint_text(tmp_path, text)
    assert found(findings, "switch") == ["mathe"]
    assert found(findings, "math") == ["x_a"]


def test_lint_rules_turns_a_rule_off_or_makes_it_an_error(tmp_path: Path) -> None:
    off = lint_text(tmp_path, MATH, rules=(RuleSetting("math", "off"),))
    assert found(off, "math") == []
    error = lint_text(tmp_path, MATH, rules=(RuleSetting("math", "error"),))
    assert [f.severity for f in error if f.rule == "math"] == ["error"]


def test_lint_rules_naming_no_rule_is_a_config_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"thesis.yaml:7: lint.rules.mathe: unknown rule"):
        lint_text(tmp_path, MATH, rules=(RuleSetting("mathe", "off", 7),))


def test_strict_promotes_the_rules_marked_strict_only(tmp_path: Path) -> None:
    strict = {rule.name for rule in registry() if rule.strict}
    assert {"todo", "crossref", "math"} <= strict
    text = "# Kapitel\n\nTODO: a\n\nDie x_a.\n"
    for finding in lint_text(tmp_path, text, strict=True):
        assert finding.severity == ("error" if finding.rule in strict else "warning")


def test_strict_keeps_a_rule_off(tmp_path: Path) -> None:
    findings = lint_text(tmp_path, MATH, strict=True, rules=(RuleSetting("math", "off"),))
    assert found(findings, "math") == []


@pytest.mark.parametrize(
    ("original", "preferred", "written"),
    [
        ("Anomalieerkennung", "anomaly detection", "Anomaly detection"),
        ("anomalieerkennung", "anomaly detection", "anomaly detection"),
        ("entitäten", "Eigennamen", "Eigennamen"),  # a German noun keeps its capital
    ],
)
def test_keep_case(original: str, preferred: str, written: str) -> None:
    assert keep_case(original, preferred) == written


@pytest.mark.parametrize("suffix", FORMS)
def test_a_terminology_fix_at_a_heading_start_keeps_its_capital(
    tmp_path: Path, suffix: str
) -> None:
    rule = TerminologyRule("anomaly detection", ("Anomalieerkennung",))
    text = "# Kapitel\n\n## Anomalieerkennung\n\nDie anomalieerkennung.\n"
    findings = lint_text(tmp_path, text, suffix, terminology=(rule,))
    assert [f.replacement for f in findings if f.rule == "terminology"] == [
        "Anomaly detection",
        "anomaly detection",
    ]


def test_list_rules_names_every_rule_without_a_project(thesisbuild, tmp_path: Path) -> None:
    run = thesisbuild("lint", "--list-rules", "-C", tmp_path)
    assert run.code == 0
    lines = run.out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.name for rule in registry()]
    assert "(error with --strict)" in next(line for line in lines if line.startswith("todo "))
    assert " fix " in next(line for line in lines if line.startswith("terminology "))


def test_lint_rules_in_thesis_yaml(tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_text(
        "title: T\nlint:\n  rules:\n    math: off\n    todo: loud\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"thesis.yaml:5: lint.rules.todo: expected one of"):
        load(tmp_path)
    (tmp_path / "thesis.yaml").write_text("title: T\nlint: {rules: {math: off}}\n", "utf-8")
    assert load(tmp_path).rule_levels == {"math": "off"}
