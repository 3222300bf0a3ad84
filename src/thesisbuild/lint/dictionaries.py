"""Hunspell dictionaries through pyenchant (libenchant's C lookups: both dictionaries
load in ~80 ms and a word costs microseconds; spylls, pure Python, takes seconds to load
the German one). Loaded once, and only when the spelling rule runs."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

# The thesis language → the Hunspell dictionary and the Debian package that ships it.
DICTIONARIES = {"de": ("de_DE", "hunspell-de-de"), "en": ("en_US", "hunspell-en-us")}
ENCHANT_PACKAGE = "libenchant-2-2"
Checker = Callable[[str], bool]


@cache
def checker(language: str) -> Checker | None:
    """A cached `word → known?` for the language's dictionary, None when pyenchant, its
    library or the dictionary is missing (`thesisbuild doctor` says which)."""
    tag = DICTIONARIES[language][0]
    try:
        import enchant

        if not enchant.dict_exists(tag):
            return None
        dictionary = enchant.Dict(tag)
    except (ImportError, OSError, ValueError):  # ImportError also when libenchant is missing
        return None
    return cache(dictionary.check)


def problem(language: str) -> str | None:
    """Why the language's dictionary cannot be used, or None."""
    tag, package = DICTIONARIES[language]
    try:
        import enchant
    except (ImportError, OSError):
        return f"pyenchant or libenchant is missing (pip install pyenchant; {ENCHANT_PACKAGE})"
    if not enchant.dict_exists(tag):
        return f"no Hunspell dictionary {tag} ({package})"
    return None
