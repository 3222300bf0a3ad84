"""A remark: one annotation or comment, who made it, what it says and the text it is on."""

from __future__ import annotations

from dataclasses import dataclass

from ..sources.chapter import Location


@dataclass(frozen=True)
class Anchor:
    """The text a remark is on as the reader saw it, with the words around it on its
    lines (PDF) or in its paragraph (Word), which tell one occurrence from another."""

    before: str
    marked: str
    after: str = ""


@dataclass(frozen=True)
class Remark:
    """One remark. `page` is the PDF's page (1-based; None in Word); `on` says what that
    page holds (`1 Methoden`, `title page`, `Inhaltsverzeichnis`) and `generated` whether
    the build made it rather than a chapter. `location` is set once it is placed."""

    author: str
    note: str
    quoted: str
    anchor: Anchor
    page: int | None = None
    on: str = ""
    generated: bool = False
    location: Location | None = None
