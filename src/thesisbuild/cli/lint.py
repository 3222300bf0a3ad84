"""`thesisbuild lint`: read the chapters, report the findings, optionally fix them. It
loads the sources and lint layers only: no pipeline, pandoc, nbconvert or bibliography."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from ..config.chapterfiles import ignored_warning
from ..config.model import Config
from ..config.reader import load
from ..core.errors import EXIT_FINDINGS, EXIT_OK
from ..core.files import remove_leftovers
from ..lint.finding import Finding, has_errors
from ..lint.fix import Change, fix_file
from ..lint.linter import lint_chapters
from ..lint.report import FORMATS, ReportFormat, render, summary
from ..lint.rules import registry
from ..sources.project import read_sources
from .options import format_option, project_option, say

# Fixes whose spans overlap (quotes around bare math) apply one per round; rounds end
# when one changes nothing, at the latest after these.
FIX_ROUNDS = 5


@click.command()
@project_option
@format_option(
    FORMATS,
    "text: path:line:col lines; json: a list of objects; github: workflow annotations.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="The warnings of the rules that leave the PDF unfinished or wrong are errors "
    "(--list-rules marks them; for the final submission).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite the findings of the rules --list-rules marks as fixable, in place.",
)
@click.option(
    "--list-rules",
    is_flag=True,
    help="List every rule: name, severity, whether --fix applies, what it finds; then exit.",
)
@click.argument("chapters", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lint(
    project: Path,
    form: ReportFormat,
    strict: bool,
    fix: bool,
    list_rules: bool,
    chapters: tuple[Path, ...],
) -> None:
    """List open todos, terminology slips, bare TeX math, unknown or duplicate
    cross-reference labels and the other rules' findings (--list-rules), with their
    locations.

    CHAPTERS default to every chapter and appendix of thesis.yaml (labels are looked up
    in all of them). thesis.yaml's lint.rules sets a rule's severity or turns it off;
    `<!-- thesisbuild: disable=RULE -->` in a chapter silences it there. Exit 0 without
    errors, 1 with errors.
    """
    if list_rules:
        click.echo(rule_table())
        sys.exit(EXIT_OK)
    config = load(project)
    for ignored in config.ignored:
        say(ignored_warning(ignored))
    paths = [path.resolve() for path in chapters] or None
    sources = read_sources(config, paths)
    findings = lint_chapters(sources, config, strict=strict)
    if fix:
        for source in sources:  # what a --fix killed mid-write left behind
            remove_leftovers(source.path.resolve())
        changes: list[tuple[str, Change]] = []
        for _ in range(FIX_ROUNDS):  # a fix that overlapped another's span: next round
            round_changes = apply_fixes(config.root, findings)
            changes = [*(c for c in changes if c[1].applied), *round_changes]
            findings = lint_chapters(read_sources(config, paths), config, strict=strict)
            if not any(change.applied for _, change in round_changes):
                break
        report_changes(config, changes)
    if findings:
        click.echo(render(findings, form, config.root))
    elif form == "json":
        click.echo("[]")
    if form == "text":
        say(summary(findings))
    sys.exit(EXIT_FINDINGS if has_errors(findings) else EXIT_OK)


def rule_table() -> str:
    """One line per rule: name, severity (and with --strict), --fix, summary."""
    rows = [
        (
            rule.name,
            rule.severity + (" (error with --strict)" if rule.strict else ""),
            "fix" if rule.fixable else "-",
            rule.summary,
        )
        for rule in registry()
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    )


def apply_fixes(root: Path, findings: Sequence[Finding]) -> list[tuple[str, Change]]:
    """Fix file by file; finding paths are relative to the project root."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.replacement is not None:
            by_path.setdefault(finding.location.path, []).append(finding)
    return [
        (path, change) for path, group in by_path.items() for change in fix_file(root / path, group)
    ]


def shown(text: str) -> str:
    """A replaced span on one line: a joined paragraph break shows as `↵↵ → " "`."""
    return text.replace("\n", "↵") if text.strip() else f'"{text}"'.replace("\n", "↵")


def report_changes(config: Config, changes: Sequence[tuple[str, Change]]) -> None:
    applied = [(path, change) for path, change in changes if change.applied]
    for _, change in sorted(applied, key=lambda item: item[1].finding.sort_key):
        finding = change.finding
        text, replacement = shown(finding.text), shown(finding.replacement or "")
        say(f"{finding.location}: fixed [{finding.rule}] {text} → {replacement}")
    per_file = Counter(path for path, _ in applied)
    for path, count in sorted(per_file.items()):
        say(f"{path}: {count} fix(es) written")
    skipped = len(changes) - len(applied)
    if skipped:
        say(f"{skipped} fix(es) skipped: the file changed since it was read; run lint again.")
    if not changes:
        say("nothing to fix")
