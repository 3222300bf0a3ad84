"""Words within a changed paragraph, heading, list item, table cell, caption or footnote:
difflib over the paragraph's tokens (words, spaces and whole elements such as a formula,
a citation or a link), the changed runs wrapped in marked spans. Emphasis and quotes are
taken apart so a change inside them marks only the changed words; a footnote at the same
place is compared block by block."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from .marks import EQUATION_LABEL, Kind, Mark, Marking, Node, fingerprint, mark_blocks, retired

# Inline containers whose words are compared one by one (their type is part of a word's key).
TAKEN_APART = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
               "SmallCaps", "Quoted", "Span"}  # fmt: skip
SPACE = " "
LABELLED = "thesis-labelled-equation"  # a span only the comparison sees (see with_labels)
# Below this share of equal words a paragraph reads better as old struck, new underlined.
SIMILAR = 0.3
BlockDiff = Callable[[list[Node], list[Node]], list[Node]]


@dataclass(frozen=True)
class Token:
    """One word, space or element, with the containers (emphasis, quotes) around it."""

    path: tuple[str, ...]
    node: Node
    key: str

    @property
    def is_space(self) -> bool:
        return self.key == SPACE


@dataclass(frozen=True)
class Placed:
    """A token of the result and how it is marked (None: unchanged)."""

    path: tuple[str, ...]
    node: Node
    kind: Kind | None


def tokens(inlines: list[Node], path: tuple[str, ...] = ()) -> list[Token]:
    found: list[Token] = []
    for node in with_labels(inlines):
        kind = node["t"]
        if kind in TAKEN_APART and not is_atomic_span(node):
            head, inner = container_parts(node)
            found += tokens(inner, (*path, head))
        elif kind in ("Space", "SoftBreak"):
            found.append(Token(path, node, SPACE))
        else:  # a footnote is keyed by its place alone: its text is compared within
            found.append(Token(path, node, "Note" if kind == "Note" else fingerprint(node)))
    return found


def with_labels(inlines: list[Node]) -> list[Node]:
    """A display formula and its `{#eq-x}` label as one span (crossref.lua finds the label
    right after the formula): a changed formula is marked with its label, whole."""
    result: list[Node] = []
    index = 0
    while index < len(inlines):
        node, end = inlines[index], index + 1
        if node["t"] == "Math" and node["c"][0]["t"] == "DisplayMath":
            while end < len(inlines) and inlines[end]["t"] in ("Space", "SoftBreak"):
                end += 1
            if end < len(inlines) and inlines[end]["t"] == "Str" \
                    and EQUATION_LABEL.match(inlines[end]["c"]):  # fmt: skip
                node = {"t": "Span", "c": [["", [LABELLED], []], inlines[index : end + 1]]}
                end += 1
            else:
                end = index + 1
        result.append(node)
        index = end
    return result


def is_atomic_span(node: Node) -> bool:
    """A todo (the draft's filter needs it whole) or a span that marks a change already."""
    atomic = {"todo", "insertion", "deletion", LABELLED}
    return node["t"] == "Span" and bool(atomic & set(node["c"][0][1]))


def container_parts(node: Node) -> tuple[str, list[Node]]:
    """The container as a key (its type and attributes) and its inlines."""
    kind, content = node["t"], node["c"]
    if kind in ("Quoted", "Span"):
        return json.dumps([kind, content[0]]), content[1]
    return json.dumps([kind]), content


def rebuild_container(head: str, inner: list[Node]) -> Node:
    parts = json.loads(head)
    if len(parts) > 1:
        return {"t": parts[0], "c": [parts[1], inner]}
    return {"t": parts[0], "c": inner}


def similarity(old: list[Token], new: list[Token]) -> float:
    words_old = [token.key for token in old if not token.is_space]
    words_new = [token.key for token in new if not token.is_space]
    if not words_old and not words_new:
        return 1.0
    return SequenceMatcher(None, words_old, words_new, autojunk=False).ratio()


def comparable(old: list[Node], new: list[Node]) -> bool:
    """Whether word marking reads well: enough words in common, and no raw LaTeX changed
    (a raw command split between old and new would not build: marked whole instead)."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    return similarity(old_tokens, new_tokens) >= SIMILAR and not raw_changed(old_tokens, new_tokens)


def raw_changed(old: list[Token], new: list[Token]) -> bool:
    old_raw = sorted(token.key for token in old if token.node["t"] == "RawInline")
    return old_raw != sorted(token.key for token in new if token.node["t"] == "RawInline")


def diff_inlines(old: list[Node], new: list[Node], marks: Marking, blocks: BlockDiff) -> list[Node]:
    """The new inlines with what was deleted and inserted marked."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    placed: list[Placed] = []
    for equal, a, b in segments(old_tokens, new_tokens):
        if equal:
            placed += [same(o, n, blocks) for o, n in zip(a, b, strict=True)]
        else:
            placed += [changed(token, marks.deletion) for token in a]
            placed += [changed(token, marks.insertion) for token in b]
    return rebuild(placed, 0, marks)


def same(old: Token, new: Token, blocks: BlockDiff) -> Placed:
    if new.node["t"] == "Note":
        return Placed(new.path, {"t": "Note", "c": blocks(old.node["c"], new.node["c"])}, None)
    return Placed(new.path, new.node, None)


def changed(token: Token, mark: Mark) -> Placed:
    node = retired(token.node) if mark.kind == "deletion" else token.node
    if node["t"] == "Note":
        node = {"t": "Note", "c": mark_blocks(node["c"], mark)}
    return Placed(token.path, node, mark.kind)


def segments(old: list[Token], new: list[Token]) -> Iterator[tuple[bool, list[Token], list[Token]]]:
    """Equal and changed runs; a single space between two changes joins them, so a changed
    phrase reads as one struck and one underlined run, not word by word."""
    matcher = SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    runs: list[tuple[bool, list[Token], list[Token]]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append((op == "equal", old[i1:i2], new[j1:j2]))
    merged: list[tuple[bool, list[Token], list[Token]]] = []
    for index, (equal, a, b) in enumerate(runs):
        between = 0 < index < len(runs) - 1
        if equal and between and all(token.is_space for token in a) and len(a) == 1:
            equal = False
        if merged and not equal and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + a, merged[-1][2] + b)
        else:
            merged.append((equal, list(a), list(b)))
    yield from merged


def rebuild(placed: list[Placed], depth: int, marks: Marking) -> list[Node]:
    """Inlines again: tokens in the same container joined into it, each run of the same
    mark into one span."""
    result: list[Node] = []
    index = 0
    while index < len(placed):
        first = placed[index]
        end = index + 1
        if len(first.path) > depth:
            while end < len(placed) and inside(placed[end], depth, first.path[depth]):
                end += 1
            inner = rebuild(placed[index:end], depth + 1, marks)
            result.append(rebuild_container(first.path[depth], inner))
        else:
            while end < len(placed) and len(placed[end].path) == depth \
                    and placed[end].kind == first.kind:  # fmt: skip
                end += 1
            nodes = [node for item in placed[index:end] for node in unwrapped(item.node)]
            result += nodes if first.kind is None else marks.of(first.kind).span(nodes)
        index = end
    return result


def inside(item: Placed, depth: int, head: str) -> bool:
    return len(item.path) > depth and item.path[depth] == head


def unwrapped(node: Node) -> list[Node]:
    """A formula with its label as the inlines they were (see with_labels)."""
    if node["t"] == "Span" and LABELLED in node["c"][0][1]:
        return list(node["c"][1])
    return [node]
