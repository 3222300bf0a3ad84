"""What changed in a chapter, counted for the summary page: words added and removed (in the
marked chapter), todos closed and opened with their text, figures, tables and citations
added or removed (compared between the two versions)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .marks import Node, fingerprint

# Cross-reference prefixes (crossref.lua): `@fig-x` is a reference, not a citation.
REFERENCE_PREFIXES = ("fig-", "tbl-", "eq-", "sec-", "lst-")


@dataclass(frozen=True)
class ChapterChanges:
    """One chapter's changes; `status` says whether it is new, gone, changed or unchanged."""

    title: str
    status: str  # "unchanged", "changed", "added", "removed"
    words_added: int = 0
    words_removed: int = 0
    todos_closed: tuple[str, ...] = ()
    todos_opened: tuple[str, ...] = ()
    figures_added: int = 0
    figures_removed: int = 0
    tables_added: int = 0
    tables_removed: int = 0
    citations_added: tuple[str, ...] = ()
    citations_removed: tuple[str, ...] = ()


def count_changes(title: str, status: str, old: list[Node], marked: list[Node],
                  new: list[Node]) -> ChapterChanges:  # fmt: skip
    added, removed = marked_words(marked)
    todos_old, todos_new = todos(old), todos(new)
    figures_old, figures_new = figures(old), figures(new)
    tables_old, tables_new = tables(old), tables(new)
    cites_old, cites_new = citations(old), citations(new)
    return ChapterChanges(
        title, status, added, removed,
        tuple((todos_old - todos_new).elements()), tuple((todos_new - todos_old).elements()),
        (figures_new - figures_old).total(), (figures_old - figures_new).total(),
        (tables_new - tables_old).total(), (tables_old - tables_new).total(),
        tuple(sorted((cites_new - cites_old).elements())),
        tuple(sorted((cites_old - cites_new).elements())),
    )  # fmt: skip


def nodes(value: Any) -> Iterator[Node]:
    """Every node of the tree, depth first."""
    if isinstance(value, list):
        for item in value:
            yield from nodes(item)
    elif isinstance(value, dict):
        if "t" in value:
            yield value
        yield from nodes(value.get("c"))


def stringify(value: Any) -> str:
    words: list[str] = []
    for node in nodes(value):
        if node["t"] in ("Str", "Code", "Math"):
            words.append(node["c"] if node["t"] == "Str" else node["c"][1])
        elif node["t"] in ("Space", "SoftBreak", "LineBreak"):
            words.append(" ")
    return " ".join("".join(words).split())


def marked_words(blocks: list[Node]) -> tuple[int, int]:
    """Words inside insertion and deletion marks."""
    counts = {"insertion": 0, "deletion": 0}
    for node in nodes(blocks):
        if node["t"] in ("Span", "Div") and node["c"][0][1] in (["insertion"], ["deletion"]):
            counts[node["c"][0][1][0]] += len(stringify(node["c"][1]).split())
    return counts["insertion"], counts["deletion"]


def todos(blocks: list[Node]) -> Counter[str]:
    return Counter(
        stringify(node["c"][1]).removeprefix("todo").strip()
        for node in nodes(blocks)
        if node["t"] in ("Span", "Div") and "todo" in node["c"][0][1]
    )


def figures(blocks: list[Node]) -> Counter[str]:
    """Figures by label, else by image: a figure whose caption changed is the same one."""
    found: Counter[str] = Counter()
    for node in nodes(blocks):
        if node["t"] == "Figure":
            images = [n["c"][2][0] for n in nodes(node["c"][2]) if n["t"] == "Image"]
            found[node["c"][0][0] or ",".join(images)] += 1
    return found


def tables(blocks: list[Node]) -> Counter[str]:
    """Tables by label, else by caption, else by their head row."""
    found: Counter[str] = Counter()
    for node in nodes(blocks):
        if node["t"] == "Table":
            content = node["c"]
            found[content[0][0] or stringify(content[1][1]) or fingerprint(content[3])] += 1
    return found


def citations(blocks: list[Node]) -> Counter[str]:
    return Counter(
        citation["citationId"]
        for node in nodes(blocks)
        if node["t"] == "Cite"
        for citation in node["c"][0]
        if not citation["citationId"].lower().startswith(REFERENCE_PREFIXES)
    )
