"""How a change is written into a pandoc document (JSON AST): a Span of class `insertion`
or `deletion` with the author and date of the newer revision, the form pandoc's DOCX writer
turns into Word's tracked changes and diff.lua into coloured, underlined or struck text.
Whole blocks are marked by marking every run of text they hold, so a figure, table or
formula that changed is marked as a whole and nothing is left unmarked."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

Node = dict[str, Any]
Kind = Literal["insertion", "deletion"]
EQUATION_LABEL = re.compile(r"^\{#eq-[^}\s]+\}$")
# Blocks whose attributes come first in "c", and the index of the attribute for the others.
ATTRIBUTE_AT = {"Header": 1, "Div": 0, "Figure": 0, "Table": 0, "CodeBlock": 0, "Span": 0,
                "Image": 0, "Link": 0, "Code": 0}  # fmt: skip


@dataclass(frozen=True)
class Mark:
    """One kind of change, by whom and when (the newer revision's commit)."""

    kind: Kind
    author: str
    date: str

    @property
    def attr(self) -> list[Any]:
        return ["", [self.kind], [["author", self.author], ["date", self.date]]]

    def span(self, inlines: list[Node]) -> list[Node]:
        """The inlines as one marked span (none when there is nothing to mark)."""
        return [{"t": "Span", "c": [self.attr, inlines]}] if inlines else []

    def div(self, blocks: list[Node]) -> Node:
        return {"t": "Div", "c": [self.attr, blocks]}


@dataclass(frozen=True)
class Marking:
    """Both marks, and the blocks (by `pair_key`) to mark whole where LaTeX failed on
    their word marks."""

    insertion: Mark
    deletion: Mark
    coarse: frozenset[str] = frozenset()

    def of(self, kind: Kind) -> Mark:
        return self.insertion if kind == "insertion" else self.deletion


def pair_key(old: Any, new: Any) -> str:
    """A short name for a compared pair of blocks, the same in every run."""
    return hashlib.sha256((fingerprint(old) + fingerprint(new)).encode()).hexdigest()[:12]


def nodes_of_type(value: Any, kind: str) -> Iterator[Node]:
    """Every node of that type in the tree (pandoc's JSON), depth first."""
    if isinstance(value, list):
        for item in value:
            yield from nodes_of_type(item, kind)
    elif isinstance(value, dict):
        if value.get("t") == kind:
            yield value
        yield from nodes_of_type(value.get("c"), kind)


def fingerprint(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def mark_blocks(blocks: list[Node], mark: Mark) -> list[Node]:
    return [mark_block(block, mark) for block in blocks]


def mark_block(block: Node, mark: Mark) -> Node:
    """The block with all its text marked; a deleted one gives up its labels and todos."""
    if mark.kind == "deletion":
        block = retired(block)
    kind, content = block["t"], block.get("c", [])
    if kind in ("Para", "Plain"):
        return {"t": kind, "c": mark.span(content)}
    if kind == "Header":
        return marked_header(content, mark)
    if kind == "LineBlock":
        return {"t": kind, "c": [mark.span(line) for line in content]}
    if kind == "BlockQuote":
        return {"t": kind, "c": mark_blocks(content, mark)}
    if kind == "Div":
        return {"t": kind, "c": [content[0], mark_blocks(content[1], mark)]}
    if kind in ("BulletList", "OrderedList", "DefinitionList", "Table", "Figure"):
        return marked_container(block, mark)
    if kind == "RawBlock" and mark.kind == "deletion":  # shown as written, never run
        return mark.div([{"t": "CodeBlock", "c": [["", [], []], content[1]]}])
    return mark.div([block])  # code, raw, a rule: marked around


def marked_header(content: list[Any], mark: Mark) -> Node:
    """A deleted heading neither takes a number nor enters the table of contents."""
    level, attr, inlines = content
    if mark.kind == "deletion":
        attr = ["", ["unnumbered", "unlisted"], []]
    return {"t": "Header", "c": [level, attr, mark.span(inlines)]}


def marked_container(block: Node, mark: Mark) -> Node:
    kind, content = block["t"], block["c"]
    if kind == "BulletList":
        return {"t": kind, "c": [mark_blocks(item, mark) for item in content]}
    if kind == "OrderedList":
        return {"t": kind, "c": [content[0], [mark_blocks(item, mark) for item in content[1]]]}
    if kind == "DefinitionList":
        items = [[mark.span(term), [mark_blocks(d, mark) for d in defs]] for term, defs in content]
        return {"t": kind, "c": items}
    if kind == "Figure":
        attr, caption, body = content
        if mark.kind == "deletion":  # no float, no number: the new ones keep theirs
            return plain_div([*mark_blocks(body, mark), *caption_paragraphs(caption, mark)])
        return {"t": kind, "c": [attr, mark_caption(caption, mark), mark_blocks(body, mark)]}
    table: Node = json.loads(json.dumps(block))
    for cell in table_cells(table["c"]):
        cell[4] = mark_blocks(cell[4], mark)
    if mark.kind == "deletion":
        table["c"][1] = [None, []]
        # longtable counts a table without a caption too: the new tables keep their numbers
        uncount = {"t": "RawBlock", "c": ["latex", "\\addtocounter{table}{-1}"]}
        return plain_div([table, uncount, *caption_paragraphs(content[1], mark)])
    table["c"][1] = mark_caption(content[1], mark)
    return table


def plain_div(blocks: list[Node]) -> Node:
    return {"t": "Div", "c": [["", [], []], blocks]}


def caption_paragraphs(caption: list[Any], mark: Mark) -> list[Node]:
    """A deleted caption as paragraphs below its figure or table (a caption numbers)."""
    blocks = mark_blocks(caption[1], mark)
    return [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in blocks]


def mark_caption(caption: list[Any], mark: Mark) -> list[Any]:
    return [caption[0], mark_blocks(caption[1], mark)]


def table_rows(content: list[Any]) -> list[Any]:
    """Every row of a table: head, each body's head and rows, foot."""
    rows = list(content[3][1])
    for body in content[4]:
        rows += body[2] + body[3]
    return rows + list(content[5][1])


def table_cells(content: list[Any]) -> list[Any]:
    return [cell for row in table_rows(content) for cell in row[1]]


def retired(value: Any) -> Any:
    """Deleted material as text only: no identifier (the new side keeps its labels alone),
    no equation label, and a todo as the words "[todo …]" (it is closed, not open)."""
    if isinstance(value, list):
        return [retired(item) for item in value]
    if not isinstance(value, dict):
        return value
    node = {key: retired(item) for key, item in value.items()}
    kind = node.get("t")
    if kind in ATTRIBUTE_AT:
        attr = node["c"][ATTRIBUTE_AT[kind]]
        node["c"][ATTRIBUTE_AT[kind]] = ["", attr[1], attr[2]]
    if kind == "Str" and EQUATION_LABEL.match(node["c"]):
        return {"t": "Str", "c": ""}
    if kind in ("Span", "Div") and "todo" in node["c"][0][1]:
        return closed_todo(node)
    return node


def closed_todo(node: Node) -> Node:
    attr, content = node["c"]
    classes = [name for name in attr[1] if name != "todo"]
    if node["t"] == "Span":
        words = [{"t": "Str", "c": "[todo"}, {"t": "Space"}, *content, {"t": "Str", "c": "]"}]
        return {"t": "Span", "c": [["", classes, attr[2]], words]}
    return {"t": "Div", "c": [["", classes, attr[2]], content]}
