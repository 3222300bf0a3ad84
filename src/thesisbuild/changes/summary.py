"""The summary page before the change-marked thesis: what was compared, and per chapter
the words added and removed, the todos closed and opened with their text, the figures,
tables and citations added or removed; unchanged chapters are named as such."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .counts import ChapterChanges
from .marks import Node

WORDS = {
    "de": {
        "title": "Änderungen seit {old}",
        "compared": "Verglichen wird {old} mit {new}.",
        "worktree": "dem Arbeitsverzeichnis (nicht committete Änderungen)",
        "legend": "Gelöschtes ist rot durchgestrichen, Neues blau unterstrichen.",
        "legend-docx": "Jede Änderung ist eine Word-Überarbeitung: unter „Überprüfen“ "
        "anzunehmen oder abzulehnen.",
        "unchanged": "unverändert",
        "added": "neues Kapitel",
        "removed": "Kapitel entfernt",
        "words": "Wörter: +{added} / −{removed}",
        "closed": "Todos erledigt ({count}):",
        "opened": "Todos neu ({count}):",
        "figures": "Abbildungen: +{added} / −{removed}",
        "tables": "Tabellen: +{added} / −{removed}",
        "citations": "Zitate: +{added} / −{removed}",
    },
    "en": {
        "title": "Changes since {old}",
        "compared": "This compares {old} with {new}.",
        "worktree": "the working tree (uncommitted changes)",
        "legend": "Deleted text is struck through in red, added text underlined in blue.",
        "legend-docx": "Each change is a Word tracked change: accept or reject it under Review.",
        "unchanged": "unchanged",
        "added": "new chapter",
        "removed": "chapter removed",
        "words": "Words: +{added} / −{removed}",
        "closed": "Todos closed ({count}):",
        "opened": "Todos opened ({count}):",
        "figures": "Figures: +{added} / −{removed}",
        "tables": "Tables: +{added} / −{removed}",
        "citations": "Citations: +{added} / −{removed}",
    },
}


@dataclass(frozen=True)
class Compared:
    """The two sides as the summary names them: `new` is None for the working tree."""

    old: str
    new: str | None


def text(words: str) -> list[Node]:
    """Plain words as inlines (never read as Markdown: a todo's text stays text)."""
    inlines: list[Node] = []
    for word in words.split():
        inlines += [{"t": "Str", "c": word}, {"t": "Space"}]
    return inlines[:-1]


def para(words: str) -> Node:
    return {"t": "Para", "c": text(words)}


def summary_blocks(
    compared: Compared, changes: Sequence[ChapterChanges], language: str, to: str
) -> list[Node]:
    """The summary page's blocks, for a PDF or (`to="docx"`) a Word document."""
    words = WORDS.get(language, WORDS["en"])
    heading = text(words["title"].format(old=compared.old))
    newer = compared.new or words["worktree"]
    blocks = [
        {"t": "Header", "c": [1, ["", ["unnumbered", "unlisted"], []], heading]},
        para(words["compared"].format(old=compared.old, new=newer)),
        para(words["legend-docx" if to == "docx" else "legend"]),
    ]
    for chapter in changes:
        blocks += chapter_blocks(chapter, words)
    return [*blocks, pagebreak(to)]


def pagebreak(to: str) -> Node:
    """A new page after the summary, in the output's own terms."""
    if to == "docx":
        return {"t": "RawBlock", "c": ["openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']}
    return {"t": "RawBlock", "c": ["latex", "\\clearpage"]}


def chapter_blocks(chapter: ChapterChanges, words: dict[str, str]) -> list[Node]:
    title = [{"t": "Strong", "c": text(chapter.title)}]
    if chapter.status == "unchanged":
        return [{"t": "Para", "c": [*title, {"t": "Str", "c": ":"}, {"t": "Space"},
                                    *text(words["unchanged"])]}]  # fmt: skip
    lines = [words[chapter.status]] if chapter.status != "changed" else []
    lines.append(words["words"].format(added=chapter.words_added, removed=chapter.words_removed))
    counted = (("figures", chapter.figures_added, chapter.figures_removed),
               ("tables", chapter.tables_added, chapter.tables_removed))  # fmt: skip
    lines += [words[name].format(added=a, removed=r) for name, a, r in counted if a or r]
    items = [[{"t": "Plain", "c": text(line)}] for line in lines]
    items += todo_items(words["closed"], chapter.todos_closed)
    items += todo_items(words["opened"], chapter.todos_opened)
    if chapter.citations_added or chapter.citations_removed:
        items.append([{"t": "Plain", "c": citation_line(chapter, words)}])
    return [{"t": "Para", "c": title}, {"t": "BulletList", "c": items}]


def todo_items(label: str, texts: Sequence[str]) -> list[list[Node]]:
    if not texts:
        return []
    quoted = [[{"t": "Plain", "c": [{"t": "Quoted", "c": [{"t": "DoubleQuote"}, text(t)]}]}]
              for t in texts]  # fmt: skip
    return [[{"t": "Plain", "c": text(label.format(count=len(texts)))},
             {"t": "BulletList", "c": quoted}]]  # fmt: skip


def citation_line(chapter: ChapterChanges, words: dict[str, str]) -> list[Node]:
    added, removed = chapter.citations_added, chapter.citations_removed
    line = text(words["citations"].format(added=len(added), removed=len(removed)))
    keys = [*(f"+{key}" for key in added), *(f"−{key}" for key in removed)]
    return [*line, {"t": "Space"}, {"t": "Code", "c": [["", [], []], " ".join(keys)]}]
