"""MyST directives (Jupyter Book) as pandoc markdown: ```` ```{note} ```` and `:::{note}`
admonitions become Quarto callouts, ```` ```{figure} ```` a numbered figure, ```` ```{math} ````
a numbered equation, ```` ```{code-block} ```` a code block. Any other directive is kept
as written and reported (lint rule `syntax`, a warning in the build)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*\{(?P<name>[\w:-]+)\}[ \t]*(?P<args>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>[^\n]*)\n?", re.MULTILINE)
# MyST's admonitions → the five Quarto callout kinds (callout.lua draws them)
ADMONITIONS = {
    "note": "note", "admonition": "note", "seealso": "note",
    "tip": "tip", "hint": "tip",
    "warning": "warning", "attention": "warning",
    "important": "important",
    "caution": "caution", "danger": "caution", "error": "caution",
}  # fmt: skip
CODE = {"code", "code-block", "sourcecode"}
KIND_OF = {"figure": "fig", "math": "eq", "table": "tbl"}


@dataclass(frozen=True)
class Directive:
    """One MyST directive block where it is written: `start`/`end` span it whole, the
    body starts at `body_start` (after the option lines)."""

    name: str
    args: str
    options: Mapping[str, str]
    body: str
    start: int
    end: int
    body_start: int
    body_end: int
    fence: str

    @property
    def is_container(self) -> bool:
        """Its body is markdown that stays in place (an admonition)."""
        return self.name in ADMONITIONS

    @property
    def supported(self) -> bool:
        return self.is_container or self.name in CODE or self.name in ("figure", "math")

    @property
    def label(self) -> str | None:
        """`:name:` / `:label:` with the kind's prefix (`fig-x`), if the directive numbers."""
        name = self.options.get("name") or self.options.get("label")
        kind = KIND_OF.get(self.name)
        if not name or kind is None or not self.supported:
            return None
        return prefixed(name, kind)


def prefixed(name: str, kind: str) -> str:
    """`pipeline` → `fig-pipeline`; `fig-x` and pandoc-crossref's `fig:x` → `fig-x`."""
    match = re.match(r"(?i)(fig|tbl|eq|sec|lst)[-:](?=.)", name)
    if match:
        return match.group(1).lower() + "-" + name[match.end() :]
    return f"{kind}-{name}"


def directives(markdown: str) -> Iterator[Directive]:
    """Every directive block, outermost first (an admonition's body is searched too)."""
    yield from _directives(markdown, 0, len(markdown))


def _directives(markdown: str, start: int, end: int) -> Iterator[Directive]:
    for match in DIRECTIVE.finditer(markdown, start, end):
        directive = parsed(match)
        yield directive
        if directive.is_container:
            yield from _directives(markdown, directive.body_start, directive.body_end)


def parsed(match: re.Match[str]) -> Directive:
    options: dict[str, str] = {}
    body_start = match.start("body")
    while option := OPTION.match(match.string, body_start, match.end("body")):
        options[option.group("key")] = option.group("value").strip()
        body_start = option.end()
    return Directive(
        match.group("name"), match.group("args").strip(), options,
        match.string[body_start : match.end("body")], match.start(), match.end(),
        body_start, match.end("body"), match.group("fence"),
    )  # fmt: skip


def opening(directive: Directive) -> str:
    """An admonition's first line(s) as a Quarto callout's opening fence."""
    kind = ADMONITIONS[directive.name]
    title = directive.args if directive.name == "admonition" else ""
    attributes = f".callout-{kind}" + (f' title="{quoted(title)}"' if title else "")
    first = "" if directive.name == "admonition" or not directive.args else directive.args + "\n"
    return f"::::: {{{attributes}}}\n{first}"


def replacement(directive: Directive) -> str:
    """The markdown for a directive that is not a container."""
    body = directive.body.strip("\n")
    if directive.name in CODE:
        return f"```{directive.args}\n{body}\n```"
    if directive.name == "math":
        label = f" {{#{directive.label}}}" if directive.label else ""
        return f"$$\n{body}\n$${label}"
    return figure(directive, body)


def figure(directive: Directive, caption: str) -> str:
    attributes = [f"#{directive.label}"] if directive.label else []
    for key in ("width", "height"):
        if key in directive.options:
            attributes.append(f"{key}={directive.options[key]}")
    caption = " ".join(caption.split()) or directive.options.get("alt", "")
    target = directive.args.split()[0] if directive.args else ""
    braces = f"{{{' '.join(attributes)}}}" if attributes else ""
    return f"![{caption}]({target}){braces}"


def quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


FENCE_LINE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$", re.MULTILINE)
CONTAINER_INFO = re.compile(r"\{(?P<name>[\w:-]+)\}")


def code_blocks(markdown: str) -> list[tuple[int, int]]:
    """Spans of ordinary fenced code (not directives), fences of any length: a directive
    shown inside ```` ```markdown ```` is an example, not markup."""
    spans: list[tuple[int, int]] = []
    containers: list[str] = []
    inside_code: tuple[str, int, bool] | None = None  # fence, start, ordinary code?
    for line in FENCE_LINE.finditer(markdown):
        fence, info = line.group("fence"), line.group("info").strip()
        if inside_code is not None:
            if closes(inside_code[0], fence, info):
                if inside_code[2]:
                    spans.append((inside_code[1], line.end()))
                inside_code = None
        elif containers and closes(containers[-1], fence, info):
            containers.pop()
        elif (name := CONTAINER_INFO.match(info)) and name.group("name") in ADMONITIONS:
            containers.append(fence)
        else:
            inside_code = (fence, line.start(), not info.startswith("{"))
    if inside_code is not None and inside_code[2]:
        spans.append((inside_code[1], len(markdown)))
    return spans


def closes(opened: str, fence: str, info: str) -> bool:
    return not info and fence[0] == opened[0] and len(fence) >= len(opened)
