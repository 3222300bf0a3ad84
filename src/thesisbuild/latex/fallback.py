"""Symbols and emoji the thesis fonts lack (✅ ❌ 🔍 😀 in text, headings and code output)
are set from fallback fonts that have them, so a draft prints instead of stopping on
"missing character"; only a character no installed font has is left for LaTeX to report."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ..core.proc import run_quietly

# Tried in order; a character goes to the first that has it.  DejaVu Sans matches the
# text best, the Noto fonts cover symbols and arrows, Symbola the emoji (in black and
# white: XeTeX cannot print colour emoji fonts).  Debian: fonts-dejavu-core,
# fonts-noto-core, fonts-symbola.
FALLBACK_FONTS = ("DejaVu Sans", "Noto Sans Symbols2", "Noto Sans Symbols", "Noto Sans Math",
                  "Symbola")  # fmt: skip
DEFAULT_FONTS = {"main": "FreeSerif", "sans": "FreeSans", "mono": "DejaVu Sans Mono"}
HEX_RANGE = re.compile(r"([0-9a-f]+)(?:-([0-9a-f]+))?")
# \thesisglyph{"2705}{\thesisfallbackI}: the current font's glyph when it has one, the
# fallback's otherwise; in math the character keeps its math meaning; in PDF bookmarks
# it is the plain character.  \relax ends the code point, so no space after it is eaten.
MACROS = r"""\usepackage{newunicodechar}
\newcommand*{\thesisglyph}[2]{\ifmmode\Uchar#1\relax\else
  \iffontchar\font#1\relax\Uchar#1\relax\else{#2\Uchar#1\relax}\fi\fi}
\AtBeginDocument{\pdfstringdefDisableCommands{\def\thesisglyph#1#2{\Uchar#1\relax}}}
"""


@dataclass(frozen=True)
class Fallback:
    """Which fallback font sets each character the thesis fonts lack."""

    glyphs: tuple[tuple[str, str], ...]

    def preamble(self) -> str:
        """LaTeX for the header: one font family per fallback font used, one
        newunicodechar per character."""
        if not self.glyphs:
            return ""
        families = sorted({font for _, font in self.glyphs}, key=FALLBACK_FONTS.index)
        names = {font: "\\thesisfallback" + roman(i + 1) for i, font in enumerate(families)}
        lines = [MACROS.rstrip("\n")]
        lines += [f"\\newfontfamily{names[font]}{{{font}}}" for font in families]
        lines += [
            f'\\newunicodechar{{{char}}}{{\\thesisglyph{{"{ord(char):X}}}{{{names[font]}}}}}'
            for char, font in self.glyphs
        ]
        return "\n".join(lines) + "\n"


def roman(number: int) -> str:
    """Letters only, as TeX command names allow: 1 → I, 2 → II, 4 → IV."""
    numerals = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
    out = ""
    for letter, value in numerals:
        while number >= value:
            out, number = out + letter, number - value
    return out


def fallback_for(text: str, fonts: Mapping[str, str | None]) -> Fallback:
    """The fallback glyphs for every non-ASCII character of `text` that one of the
    main, sans or mono fonts lacks and a fallback font has."""
    chosen = {key: fonts.get(key) or default for key, default in DEFAULT_FONTS.items()}
    glyphs = []
    for char in sorted(set(text)):
        if ord(char) < 0x80 or all(has_glyph(font, char) for font in chosen.values()):
            continue
        font = next((font for font in FALLBACK_FONTS if has_glyph(font, char)), None)
        if font is not None:
            glyphs.append((char, font))
    return Fallback(tuple(glyphs))


def missing_glyph_fix(font: str, fonts: Mapping[str, str | None]) -> str:
    """The fix for a character no installed font has, naming the layout key whose font
    LaTeX was using (`font` as the log names it: "DejaVu Sans Mono Bold")."""
    chosen = {key: fonts.get(key) or default for key, default in DEFAULT_FONTS.items()}
    matches = [key for key, family in chosen.items() if font.startswith(family)]
    key = max(matches, key=lambda k: len(chosen[k]), default="main")
    return (
        f"neither {chosen[key]} nor a fallback font ({', '.join(FALLBACK_FONTS)}) has it: "
        f"choose a layout.{key}_font that has it, install a font with it, or write it "
        "differently"
    )


def has_glyph(family: str, char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in charset(family))


@cache
def charset(family: str) -> tuple[tuple[int, int], ...]:
    """The code point ranges of an installed font family (fontconfig); none when the
    family is not installed (fc-match would name a substitute)."""
    output = run_quietly(["fc-match", "--format=%{family}\n%{charset}", family])
    found, _, ranges = output.partition("\n")
    if family.lower() not in (name.strip().lower() for name in found.split(",")):
        return ()
    return tuple((int(low, 16), int(high or low, 16)) for low, high in HEX_RANGE.findall(ranges))
