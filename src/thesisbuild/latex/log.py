"""Read a LaTeX log: errors, missing glyphs and undefined references, with the TeX line
and the text LaTeX was reading, so the build can point at the chapter line instead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ProblemKind = Literal["error", "missing-character", "undefined-reference", "refused-read"]
# -file-line-error names the file the error was raised in: thesis.tex, an \input file, a
# .sty of the installation, the .aux of the last run; a message ending in ":" goes on.
FILE_LINE_ERROR = re.compile(
    r"^(?:\./)?(?P<file>[^\s:][^:\n]*\.\w+):(?P<line>\d+): (?P<message>.+)"
    r"(?P<more>(?<=:)\n[^\n]+)?$",
    re.MULTILINE,
)
REFUSED_READ = re.compile(
    r"^\w+: Not reading from (?P<path>.+) \(openin_any = p\)\.$"
    # xdvipdfmx asks no file policy; a file outside the sandbox is not there for it
    r'|^xdvipdfmx:warning: File "(?P<outside>(?:/|[^"]*\.\./)[^"]*)" not found\.$',
    re.MULTILINE,
)
# The extensions graphicx appends to a file it looks for (`x.png.pdf`, `x.png.PNG`, `x.bb`).
GRAPHICS_TRIES = re.compile(r"(\.(?:pdf|ai|png|jpe?g|jp2|jpf|bmp|e?ps|mps|bb))+$", re.IGNORECASE)
# Files LaTeX writes in one pass and reads in the next: an error there comes from text
# written by an earlier (possibly stopped) pass.
PASS_FILES = (".aux", ".toc", ".lof", ".lot", ".out")
PLAIN_ERROR = re.compile(r"^! (?P<message>.+)$", re.MULTILINE)
CONTEXT = re.compile(r"^l\.(?P<line>\d+) (?P<text>.*)$", re.MULTILINE)
MISSING_CHARACTER = re.compile(
    r"Missing character: There is no (?P<char>.+?) \((?:U\+)?(?P<code>[0-9A-Fa-f]+)\) in font "
    r"(?P<font>[^:!/\n]+)"
)
UNDEFINED_REFERENCE = re.compile(
    r"LaTeX Warning: (?:Reference|Citation) `(?P<key>[^']+)' on page \S+ undefined"
    r"(?: on input line (?P<line>\d+))?"
)
FIXES = {
    "Missing $ inserted": "TeX math in running text needs $…$ (`thesisbuild lint --fix` adds it)",
    "Undefined control sequence": "a backslash command LaTeX does not know: check its spelling, "
    "put math in $…$, or write a literal backslash as \\\\",
    "File `": "a file the text includes is missing: check the image or file path",
    "Misplaced alignment tab character &": "write a literal & as \\&",
    "Extra }, or forgotten $": "a brace or $ is unbalanced in this paragraph",
    "File ended while scanning use of": "a `{` is never closed: add the `}` where it ends",
    "\\begin{": "an environment is never ended: add its \\end{…}",
}


OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<amount>[\d.]+)pt too wide\) (?:in paragraph|in alignment|detected)"
    r" at lines? (?P<line>\d+)(?:--\d+)?\n(?P<text>.*)$",
    re.MULTILINE,
)
# What TeX prints of a box besides its text: font switches (`\TU/FreeSerif(0)/m/n/12`),
# `[]` for boxes and rules, `|` for a rule's edge.
BOX_MARKUP = re.compile(r"\\[A-Z0-9]+/\S*|\[\]|\|")


@dataclass(frozen=True)
class Overfull:
    """A line LaTeX set wider than the text (an `Overfull \\hbox`): by how much (pt), at
    which line of build/thesis.tex, and its text as set."""

    amount: float
    tex_line: int
    text: str


def overfull_boxes(log: str) -> list[Overfull]:
    """Every overfull line of the log, in the order LaTeX set them."""
    return [
        Overfull(
            float(m["amount"]), int(m["line"]), " ".join(BOX_MARKUP.sub(" ", m["text"]).split())
        )
        for m in OVERFULL.finditer(log)
    ]


@dataclass(frozen=True)
class LatexProblem:
    """One problem in the log; `tex_line` and `context` come from the `l.NNN` line,
    `font` is the font a missing glyph was looked up in (its fix names the layout key),
    `file` the file LaTeX was reading (relative to the project, or absolute) and
    `file_line` its line when that is not build/thesis.tex."""

    kind: ProblemKind
    message: str
    tex_line: int | None = None
    context: str = ""
    font: str = ""
    file: str = ""
    file_line: int | None = None

    @property
    def fix(self) -> str:
        if self.kind == "refused-read":
            return (
                "a build reads only files inside the project and the TeX installation: "
                "copy the file into the project and use a relative path"
            )
        if self.kind == "undefined-reference":
            return "no figure, table, equation or citation has this label: check the spelling"
        if self.file.endswith(PASS_FILES):
            return (
                f"{self.file}, written by an earlier LaTeX pass, is damaged: remove build/latex/ "
                "and build again; if it comes back, the text named above is what writes it"
            )
        said = self.message.removeprefix("LaTeX Error: ")
        return next((fix for start, fix in FIXES.items() if said.startswith(start)), "")


def refused_reads(output: str) -> list[LatexProblem]:
    """Reads the file policy refused; TeX says so on the terminal only, not in its log.
    One \\includegraphics tries its file with every graphics extension (and a .bb): one
    problem per file asked for."""
    asked: dict[str, list[str]] = {}
    for path in dict.fromkeys(m["path"] or m["outside"] for m in REFUSED_READ.finditer(output)):
        asked.setdefault(GRAPHICS_TRIES.sub("", path), []).append(path)
    problems = []
    for tried in asked.values():
        path = min(tried, key=lambda p: (p.endswith(".bb"), len(p)))
        message = f"refused to read {path} (outside the project)"
        problems.append(LatexProblem("refused-read", message, None, path))
    return problems


def parse_log(log: str) -> list[LatexProblem]:
    """Errors first (the first one is what stopped LaTeX), then glyphs, then references."""
    problems = errors(log)
    seen: set[str] = set()
    for match in MISSING_CHARACTER.finditer(log):
        char = match.group("char")
        if char not in seen:
            seen.add(char)
            message = f"missing character {char} (U+{match.group('code').upper()}) in font "
            problems.append(
                LatexProblem(
                    "missing-character",
                    message + match.group("font"),
                    None,
                    char,
                    match.group("font").strip(),
                )
            )
    for match in UNDEFINED_REFERENCE.finditer(log):
        line = int(match.group("line")) if match.group("line") else None
        key = match.group("key")
        problems.append(
            LatexProblem("undefined-reference", f"undefined reference {key}", line, key)
        )
    return problems


def errors(log: str) -> list[LatexProblem]:
    pattern = FILE_LINE_ERROR if FILE_LINE_ERROR.search(log) else PLAIN_ERROR
    found = []
    for match in pattern.finditer(log):
        context = CONTEXT.search(log, match.end())
        line = match.groupdict().get("line") or (context.group("line") if context else None)
        text = context.group("text").strip() if context else ""
        message = " ".join((match.group("message") + (match.groupdict().get("more") or "")).split())
        file = match.groupdict().get("file") or ""
        if file and not file.startswith("/"):  # latexmk runs in build/
            file = f"build/{file}"
        number = int(line) if line else None
        if file and not file.endswith("thesis.tex"):  # an \input file, a package, the .aux
            found.append(LatexProblem("error", message, None, text, "", file, number))
        else:
            found.append(LatexProblem("error", message, number, text, "", file))
    return found
