"""Blocks of two versions of a chapter compared: difflib over the blocks' fingerprints;
where blocks were replaced, those of the same kind are paired and compared within
(paragraphs, headings and captions word by word, lists item by item, tables cell by cell
when their shape stayed), the rest is marked whole: a changed formula, figure, code block
or table of another shape is the old one struck and the new one underlined."""

from __future__ import annotations

import copy
from difflib import SequenceMatcher
from functools import partial
from typing import Any

from .inlines import comparable, diff_inlines
from .marks import (
    Marking,
    Node,
    fingerprint,
    mark_blocks,
    nodes_of_type,
    pair_key,
    table_cells,
    table_rows,
)

# Before each block marked word by word: LaTeX's error line leads back to the block, which
# is then marked whole (old struck, new underlined) and the PDF built again.
BLOCK_MARK = "% thesisdiff {}"


def diff_blocks(old: list[Node], new: list[Node], marks: Marking) -> list[Node]:
    """The new blocks with the old ones' differences marked."""
    matcher = SequenceMatcher(None, [fingerprint(b) for b in old], [fingerprint(b) for b in new],
                              autojunk=False)  # fmt: skip
    result: list[Node] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += new[j1:j2]
        else:
            result += paired(old[i1:i2], new[j1:j2], marks)
    return result


def kind_of(block: Node) -> str:
    return f"Header{block['c'][0]}" if block["t"] == "Header" else str(block["t"])


def paired(old: list[Node], new: list[Node], marks: Marking) -> list[Node]:
    """Replaced blocks: those of the same kind compared within, the others marked whole."""
    matcher = SequenceMatcher(None, [kind_of(b) for b in old], [kind_of(b) for b in new],
                              autojunk=False)  # fmt: skip
    result: list[Node] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                result += diff_pair(before, after, marks)
        else:
            result += whole(old[i1:i2], new[j1:j2], marks)
    return result


def whole(old: list[Node], new: list[Node], marks: Marking) -> list[Node]:
    return mark_blocks(old, marks.deletion) + mark_blocks(new, marks.insertion)


def diff_pair(old: Node, new: Node, marks: Marking) -> list[Node]:
    """Two blocks of the same kind at the same place."""
    kind, before, after = new["t"], old.get("c", []), new.get("c", [])
    if kind in ("Para", "Plain", "Header"):
        return worded(old, new, marks)
    if kind == "BlockQuote":
        return [{"t": kind, "c": diff_blocks(before, after, marks)}]
    if kind == "Div" and before[0] == after[0]:
        return [{"t": kind, "c": [after[0], diff_blocks(before[1], after[1], marks)]}]
    if kind == "BulletList":
        return [{"t": kind, "c": diff_items(before, after, marks)}]
    if kind == "OrderedList":
        return [{"t": kind, "c": [after[0], diff_items(before[1], after[1], marks)]}]
    if kind == "Figure" and images(before[2]) == images(after[2]):  # compare the caption
        return [{"t": kind, "c": [after[0], diff_caption(before[1], after[1], marks), after[2]]}]
    if kind == "Table" and shape(before) == shape(after):
        return [diff_table(old, new, marks)]
    return whole([old], [new], marks)


def worded(old: Node, new: Node, marks: Marking) -> list[Node]:
    """A paragraph or heading marked word by word, after a comment naming it in the .tex;
    whole when few words stayed or LaTeX failed on it before."""
    key = pair_key(old, new)
    at = 2 if new["t"] == "Header" else None
    before = old["c"][at] if at else old["c"]
    after = new["c"][at] if at else new["c"]
    if key in marks.coarse or not comparable(before, after):
        return whole([old], [new], marks)
    inlines = diff_inlines(before, after, marks, partial(diff_blocks, marks=marks))
    content = [*new["c"][:at], inlines] if at else inlines
    if at:  # before the heading; a paragraph's is its first line (in a list item a
        # block before it would leave the \item's label on a line of its own)
        comment = {"t": "RawBlock", "c": ["latex", BLOCK_MARK.format(key)]}
        return [comment, {"t": new["t"], "c": content}]
    comment = {"t": "RawInline", "c": ["latex", BLOCK_MARK.format(key) + "\n"]}
    return [{"t": new["t"], "c": [comment, *content]}]


def images(blocks: list[Node]) -> list[Any]:
    """A figure's images by their attributes and file (their alt text is the caption)."""
    return [[n["c"][0], n["c"][2]] for n in nodes_of_type(blocks, "Image")]


def diff_items(old: list[list[Node]], new: list[list[Node]], marks: Marking) -> list[list[Node]]:
    """List items: equal ones kept, replaced ones compared in order, the rest marked whole."""
    matcher = SequenceMatcher(None, [fingerprint(i) for i in old], [fingerprint(i) for i in new],
                              autojunk=False)  # fmt: skip
    items: list[list[Node]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = old[i1:i2], new[j1:j2]
        if op == "equal":
            items += after
            continue
        common = min(len(before), len(after))
        items += [diff_blocks(b, a, marks) for b, a in zip(before, after[:common], strict=False)]
        items += [mark_blocks(item, marks.deletion) for item in before[common:]]
        items += [mark_blocks(item, marks.insertion) for item in after[common:]]
    return items


def diff_caption(old: list[Any], new: list[Any], marks: Marking) -> list[Any]:
    return [new[0], diff_blocks(old[1], new[1], marks)]


def shape(content: list[Any]) -> list[Any]:
    """Columns and, per row, its cells' spans: equal shapes are compared cell by cell."""
    rows = [[(cell[2], cell[3]) for cell in row[1]] for row in table_rows(content)]
    return [len(content[2]), len(content[4]), rows]


def diff_table(old: Node, new: Node, marks: Marking) -> Node:
    table = copy.deepcopy(new)
    table["c"][1] = diff_caption(old["c"][1], new["c"][1], marks)
    for before, cell in zip(table_cells(old["c"]), table_cells(table["c"]), strict=True):
        cell[4] = diff_blocks(before[4], cell[4], marks)
    return table
