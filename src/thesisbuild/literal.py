"""thesis.yaml's text as literal text: pandoc reads metadata as Markdown, where `\\input{…}`
is raw LaTeX and `$…$` is math passed to TeX as written, so a title could read files or
break the build. Backslash-escaping every ASCII punctuation character (pandoc's
`all_symbols_escapable`) leaves only letters for pandoc, and its LaTeX writer escapes them."""

from __future__ import annotations

import re
import string
from typing import Any

PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")


def literal(value: Any) -> Any:
    """Escape every string in a metadata value (strings, lists, mappings) for pandoc."""
    if isinstance(value, str):
        return PUNCTUATION.sub(r"\\\g<0>", value)
    if isinstance(value, list):
        return [literal(item) for item in value]
    if isinstance(value, dict):
        return {key: literal(item) for key, item in value.items()}
    return value
