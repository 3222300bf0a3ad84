"""Lines are what editors count: split at \\n (a \\r before it belongs to the break).
Python's splitlines, and jupytext with it, also break at form feed, vertical tab, \\x1c-\\x1e,
NEL, U+2028/9 and a lone \\r, which moved every later line number."""

from __future__ import annotations

import re

# Noncharacters U+FDD0…, reserved by Unicode for a program's internal use, stand in
# for the other breaks while jupytext splits the text.
OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"
STAND_INS = "".join(chr(0xFDD0 + index) for index in range(len(OTHER_BREAKS)))
LONE_CR = re.compile(r"\r(?!\n)")
PROTECT = str.maketrans(OTHER_BREAKS[:-1], STAND_INS[:-1])
RESTORE = str.maketrans(STAND_INS, OTHER_BREAKS)


def protect(text: str) -> str:
    """Hide every break but \\n and \\r\\n from a line splitter."""
    return LONE_CR.sub(STAND_INS[-1], text).translate(PROTECT)


def restore(text: str) -> str:
    return text.translate(RESTORE)


def split_lines(text: str) -> list[str]:
    """The lines an editor shows, without their \\n or \\r\\n."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def lines_with_ends(text: str) -> list[str]:
    """The same lines with their breaks kept, so joining them gives the text back."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)
