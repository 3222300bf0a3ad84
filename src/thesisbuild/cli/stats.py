"""`thesisbuild stats`: words, todos, figures, tables and citations per chapter, or their
totals over the meeting tags. It reads chapters as lint does and never builds; matplotlib
is imported for --history alone."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..builder.stats import ProjectStats, RevisionStats, project_stats, revision_history
from ..config.chapterfiles import ignored_warning
from ..config.model import Config
from ..config.reader import load
from ..core.paths import BuildPaths
from ..text.counts import COUNTED, Totals
from .options import project_option, say

TITLE_WIDTH = 32


@click.command()
@project_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--history",
    is_flag=True,
    help="Totals at every meeting-* tag and HEAD, read from git; also draws "
    "build/stats-history.png (needs matplotlib).",
)
@click.option(
    "--all",
    "every_commit",
    is_flag=True,
    help="With --history: every commit that touched thesis.yaml or a chapter.",
)
def stats(project: Path, as_json: bool, history: bool, every_commit: bool) -> None:
    """Count each chapter's words (prose only: no code, outputs, math, markup or todo
    text), open todos, figures, tables and citations; then the totals, and the pages of
    build/thesis.pdf when it exists. Nothing is built; old revisions are read with git.

    Exit 0; 1 when a chapter cannot be read; 2 when thesis.yaml is wrong, or with
    --history outside a git repository or without matplotlib.
    """
    if every_commit and not history:
        raise click.UsageError("--all goes with --history")
    config = load(project)
    for ignored in config.ignored:
        say(ignored_warning(ignored))
    if history:
        show_history(config, as_json, every_commit)
    elif as_json:
        click.echo(json.dumps(stats_json(project_stats(config)), ensure_ascii=False, indent=2))
    else:
        click.echo(stats_table(project_stats(config)))


def show_history(config: Config, as_json: bool, every_commit: bool) -> None:
    from ..builder.statsplot import draw_history, require_matplotlib

    require_matplotlib()
    rows = revision_history(config, every_commit)
    for row in rows:
        for note in row.notes:
            say(f"warning: {note}")
    if as_json:
        click.echo(json.dumps(history_json(rows), ensure_ascii=False, indent=2))
    else:
        click.echo(history_table(rows))
    target = BuildPaths.of(config.root).stats_history
    draw_history(rows, f"{config.title}: words and open todos", target)
    counted = f"{len(rows)} revision" + ("s" if len(rows) > 1 else "")
    say(f"{config.relative(target)}: words and open todos at {counted}")
    if not every_commit and len(rows) == 1:
        say("No meeting-* tag yet, so HEAD alone: `thesisbuild meeting` tags one; --all "
            "counts every commit.")  # fmt: skip


def as_rows(header: Sequence[str], rows: Sequence[Sequence[str]], left: int) -> str:
    """Aligned columns: the first `left` ones flush left, the numbers flush right."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [
            cell.ljust(width) if index < left else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def stats_table(stats: ProjectStats) -> str:
    """The chapters, a total line and the pages, as `stats` prints them (also for
    `thesisbuild meeting`)."""
    rows = [
        [chapter.path, shortened(chapter.title), *map(str, chapter.totals.numbers())]
        for chapter in stats.chapters
    ]
    rows.append(["total", "", *map(str, stats.total.numbers())])
    table = as_rows(["chapter", "title", *COUNTED], rows, left=2)
    return f"{table}\n{pages_line(stats)}"


def pages_line(stats: ProjectStats) -> str:
    pdf = BuildPaths.of(Path()).default_pdf.as_posix()
    if stats.pages is None:
        return f"pages: no {pdf} (`thesisbuild pdf` builds it)"
    older = " (older than the chapters: `thesisbuild pdf` updates it)" if stats.pdf_outdated else ""
    return f"pages: {stats.pages} in {pdf}{older}"


def shortened(title: str) -> str:
    return title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"


def stats_json(stats: ProjectStats) -> dict[str, Any]:
    chapters = [{"path": c.path, "title": c.title, **numbers(c.totals)} for c in stats.chapters]
    return {"chapters": chapters, "total": numbers(stats.total), "pages": stats.pages}


def numbers(totals: Totals) -> dict[str, int]:
    return dict(zip(COUNTED, totals.numbers(), strict=True))


def history_table(rows: Sequence[RevisionStats]) -> str:
    """One line per revision: its name, commit date and totals."""
    lines = [
        [row.revision.name, row.revision.short, row.revision.date[:10],
         *map(str, row.total.numbers())]
        for row in rows
    ]  # fmt: skip
    return as_rows(["revision", "commit", "date", *COUNTED], lines, left=3)


def history_json(rows: Sequence[RevisionStats]) -> list[dict[str, Any]]:
    return [
        {"rev": row.revision.name, "commit": row.revision.commit, "date": row.revision.date,
         **numbers(row.total)}
        for row in rows
    ]  # fmt: skip
