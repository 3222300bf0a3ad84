"""The change-marked thesis: the two manuscripts (pandoc JSON, each chapter between two
markers the build put there) compared chapter by chapter. The new manuscript's frame
(metadata, the main-matter and appendix switches, the bibliography) is kept as it is;
a chapter that is gone is shown struck where it stood."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from .blocks import diff_blocks
from .counts import ChapterChanges, count_changes, stringify
from .marks import Marking, Node, mark_blocks

MARKER_FORMAT = "thesisdiff"


def chapter_marker(key: str) -> str:
    """The raw block put before a chapter's markdown (an unknown raw format: no output)."""
    return f"```{{={MARKER_FORMAT}}}\nbegin {key}\n```\n\n"


def chapter_end() -> str:
    return f"\n\n```{{={MARKER_FORMAT}}}\nend\n```\n"


@dataclass(frozen=True)
class Section:
    """A chapter's blocks as the manuscript has them."""

    key: str
    blocks: list[Node]

    @property
    def title(self) -> str:
        heading = next((b for b in self.blocks if b["t"] == "Header"), None)
        return stringify(heading["c"][2]) if heading else self.key


@dataclass(frozen=True)
class Split:
    """A manuscript cut at the markers: frame[i] comes before chapter i (the last after all)."""

    frames: list[list[Node]]
    chapters: list[Section]


def split(blocks: list[Node]) -> Split:
    frames: list[list[Node]] = [[]]
    chapters: list[Section] = []
    current: list[Node] | None = None
    for block in blocks:
        marker = marker_text(block)
        if marker is not None and marker.startswith("begin "):
            current = []
            chapters.append(Section(marker.removeprefix("begin "), current))
        elif marker == "end":
            current = None
            frames.append([])
        elif current is not None:
            current.append(block)
        else:
            frames[-1].append(block)
    return Split(frames, chapters)


def marker_text(block: Node) -> str | None:
    if block["t"] == "RawBlock" and block["c"][0] == MARKER_FORMAT:
        return str(block["c"][1]).strip()
    return None


def marked_document(
    old: dict[str, Any], new: dict[str, Any], marks: Marking
) -> tuple[dict[str, Any], list[ChapterChanges]]:
    """The new document with every change marked, and what changed per chapter."""
    before, after = split(old["blocks"]), split(new["blocks"])
    old_keys = [section.key for section in before.chapters]
    new_keys = [section.key for section in after.chapters]
    blocks: list[Node] = list(after.frames[0])
    changes: list[ChapterChanges] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for section in before.chapters[i1:i2] if op != "equal" else []:
            gone = mark_blocks(section.blocks, marks.deletion)
            blocks += gone
            changes.append(count_changes(section.title, "removed", section.blocks, gone, []))
        for offset, section in enumerate(after.chapters[j1:j2]):
            was = before.chapters[i1 + offset].blocks if op == "equal" else None
            blocks += compared(was, section, marks, changes)
            blocks += after.frames[j1 + offset + 1]
    return {**new, "blocks": blocks}, changes


def compared(
    old: list[Node] | None, section: Section, marks: Marking, changes: list[ChapterChanges]
) -> list[Node]:
    """A chapter of the new manuscript with its changes marked (all new when `old` is None)."""
    if old is None:
        marked = mark_blocks(section.blocks, marks.insertion)
        changes.append(count_changes(section.title, "added", [], marked, section.blocks))
    else:
        marked = diff_blocks(old, section.blocks, marks)
        status = "unchanged" if old == section.blocks else "changed"
        changes.append(count_changes(section.title, status, old, marked, section.blocks))
    return marked
