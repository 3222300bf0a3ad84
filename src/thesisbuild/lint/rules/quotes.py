"""Rule `quotes`: quotation marks of the other language. German prose quotes „so“; the
English “…” and the typewriter's "…" in a German thesis print as English (XeLaTeX keeps
the characters as typed). --fix writes the pair of the thesis language.

Fires:     (de) 'das sogenannte "Fine-Tuning"', "das “Fine-Tuning”" → „Fine-Tuning“;
           (en) "the „gold“ labels" → “gold”
Passes:    (de) „richtig“, `print("x")`, $"a"$, <a href="x">, {#fig-a key="v"},
           code cells, raw cells
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...config.model import Config
from ...text.document import Text, inside
from ..rule import Match

# One quotation on one line, at most 300 characters: an unpaired mark stays unreported.
WRONG = {
    "de": re.compile(r"“(?P<a>[^“”„\"\n]{1,300}?)”|\"(?=\S)(?P<b>[^\"\n]{1,300}?)(?<=\S)\""),
    "en": re.compile(r"„(?P<a>[^“”„\"\n]{1,300}?)[“”]"),
}
PAIRS = {"de": ("„", "“"), "en": ("“", "”")}
MESSAGE = "{lang} text quotes {right}: write {fixed}"


def check(text: Text, config: Config) -> Iterator[Match]:
    if text.kind == "code":
        return
    protected = text.protected_spans()
    opening, closing = PAIRS[config.language]
    for match in WRONG[config.language].finditer(text.text):
        start, end = match.span()
        if inside(start, protected) or inside(end - 1, protected):
            continue
        inner = match.group("a") if match.group("a") is not None else match.group("b")
        fixed = f"{opening}{inner}{closing}"
        name = "German" if config.language == "de" else "English"
        message = MESSAGE.format(lang=name, right=f"{opening}…{closing}", fixed=fixed)
        yield Match(start, end, message, match.group(0), fixed)
