"""A Word file's comments (word/comments.xml, anchored by commentRangeStart/End in
word/document.xml) and tracked changes (w:ins, w:del), with the text each is on. The
standard library reads them: a .docx is a zip of XML."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..core.errors import UnreadableInput
from .remark import Anchor, Remark

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an encrypted .docx (and an old .doc) is an OLE file
TEXT = {f"{W}t", f"{W}delText"}
BREAKS = {f"{W}tab": " ", f"{W}br": "\n", f"{W}cr": "\n"}


@dataclass(frozen=True)
class Change:
    """A tracked change: its text and where it stands in the document's original text."""

    kind: str
    author: str
    text: str
    start: int
    end: int


@dataclass
class Reading:
    """The document's original text (deletions kept, insertions left out) as it is read,
    with the offsets of comment anchors and changes in it."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    paragraphs: list[int] = field(default_factory=list)
    starts: dict[str, int] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def read_docx(path: Path) -> list[Remark]:
    """Every comment and tracked change, in document order of their anchors."""
    with path.open("rb") as file:
        if file.read(4) == OLE_MAGIC:
            raise UnreadableInput(
                f"{path}: encrypted (or a Word 97–2003 .doc); save it as an unprotected .docx."
            )
    try:
        with zipfile.ZipFile(path) as archive:
            document = ElementTree.fromstring(archive.read("word/document.xml"))
            names = set(archive.namelist())
            comments = archive.read("word/comments.xml") if "word/comments.xml" in names else b""
        notes = comment_texts(ElementTree.fromstring(comments)) if comments else {}
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise UnreadableInput(f"{path}: not a readable .docx ({error}).") from None
    reading = Reading()
    for paragraph in document.iter(f"{W}p"):
        if reading.paragraphs:
            reading.add("\n")
        reading.paragraphs.append(reading.length)
        for child in paragraph:
            visit(child, reading, None)
    return commented(reading, notes) + changed(reading)


def comment_texts(root: ElementTree.Element) -> dict[str, tuple[str, str]]:
    """Comment id → (author, text; its paragraphs joined by line breaks)."""
    found = {}
    for comment in root.iter(f"{W}comment"):
        lines = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p"))
        text = "\n".join(line for line in lines if line.strip())
        found[comment.get(f"{W}id", "")] = (comment.get(f"{W}author", ""), text)
    return found


def visit(node: ElementTree.Element, reading: Reading, inserted: list[str] | None) -> None:
    """Read one element of a paragraph into `reading` (inserted text into `inserted`)."""
    tag = node.tag
    if tag in (f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference"):
        marks = reading.starts if tag.endswith("Start") else reading.ends
        marks.setdefault(node.get(f"{W}id", ""), reading.length)
    elif tag in TEXT or tag in BREAKS:
        text = node.text or "" if tag in TEXT else BREAKS[tag]
        if inserted is None:
            reading.add(text)
        else:
            inserted.append(text)
    elif tag in (f"{W}ins", f"{W}del"):
        change(node, reading)
    elif tag != f"{W}p":  # a paragraph inside (a text box) is read on its own
        for child in node:
            visit(child, reading, inserted)


def change(node: ElementTree.Element, reading: Reading) -> None:
    start, index, author = reading.length, len(reading.parts), node.get(f"{W}author", "")
    inserted: list[str] | None = [] if node.tag == f"{W}ins" else None
    for child in node:
        visit(child, reading, inserted)
    if inserted is not None and "".join(inserted).strip():
        reading.changes.append(Change("inserted", author, "".join(inserted), start, start))
    elif inserted is None and reading.length > start:
        deleted = "".join(reading.parts[index:])
        reading.changes.append(Change("deleted", author, deleted, start, reading.length))


def commented(reading: Reading, notes: dict[str, tuple[str, str]]) -> list[Remark]:
    remarks: list[tuple[int, Remark]] = []
    text = reading.text
    for key, (author, note) in notes.items():
        end = reading.ends.get(key)
        if end is None:
            continue  # a comment nothing in the document refers to
        start = min(reading.starts.get(key, end), end)
        anchor = anchor_at(reading, text, start, end)
        remarks.append((start, Remark(author, note, anchor.marked, anchor)))
    return [remark for _, remark in sorted(remarks, key=lambda item: item[0])]


def changed(reading: Reading) -> list[Remark]:
    remarks, text = [], reading.text
    for one in reading.changes:
        note = f"{one.kind} „{' '.join(one.text.split())}“"
        anchor = anchor_at(reading, text, one.start, one.end)
        remarks.append(Remark(one.author, note, "", anchor))
    return remarks


def anchor_at(reading: Reading, text: str, start: int, end: int) -> Anchor:
    """The text from start to end, with the rest of its paragraph(s) around it."""
    first = max((p for p in reading.paragraphs if p <= start), default=0)
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    return Anchor(text[first:start], text[start:end], text[end:last])
