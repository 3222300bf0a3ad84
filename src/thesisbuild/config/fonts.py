"""The fonts fontconfig knows: thesis.yaml's font names are checked against them, and
doctor checks the fonts the build needs."""

from __future__ import annotations

from ..core.proc import run_quietly


def installed_fonts() -> set[str]:
    """Every family and full name fontconfig knows (how XeLaTeX finds a font by name);
    empty without fc-list."""
    listing = run_quietly(["fc-list", "--format", "%{family}\n%{fullname}\n"])
    return {name.strip() for line in listing.splitlines() for name in line.split(",")} - {""}
