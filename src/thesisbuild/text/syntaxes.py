"""Other tools' markup, read into the one reference model crossref.lua resolves (`@fig-x`,
`{#fig-x}`): pandoc-crossref's `@fig:x` / `{#fig:x}`, MyST's roles (`` {numref}`x` ``,
`` {cite:t}`key` ``), targets (`(x)=`) and directives (text/directives.py), Quarto's
`{{< pagebreak >}}`. One scan finds every construct with its offset: the build rewrites
the chapters with it (manuscript/transform.py), lint reads the labels, references and
unsupported constructs from the same scan, so both agree on what a label is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .directives import Directive, code_blocks, directives, opening, prefixed, replacement
from .document import inside, protected_spans

KIND = r"(?P<kind>(?i:fig|tbl|eq|sec|lst))"
COLON_REFERENCE = re.compile(rf"(?<![\w.@])@{KIND}:(?P<rest>[\w:./-]*\w)")
COLON_LABEL = re.compile(rf"\{{#{KIND}:(?P<rest>[\w:./-]*\w)(?=[\s}}])")
ROLE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}`(?P<body>[^`\n]+)`")
TARGET = re.compile(r"^\((?P<name>[^()\s]+)\)=[ \t]*$", re.MULTILINE)
HEADING_AFTER = re.compile(r"\n(?:[ \t]*\n)*(?P<heading>#{1,6}[ \t][^\n]*)")
SHORTCODE = re.compile(r"\{\{(?P<open>[<%])\s*(?P<name>[\w-]+)[^\n]*?(?P=open)?[>%]\}\}")
EXPLICIT = re.compile(r"(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*", re.DOTALL)
CITE_FORMS = {
    "cite": "[{}]", "cite:p": "[{}]", "cite:ps": "[{}]", "cite:t": "{}", "cite:ts": "{}",
    "cite:author": "{}", "cite:year": "[-{}]", "cite:alp": "[-{}]",
}  # fmt: skip
# Quarto's (and R Markdown's) executable chunks: ```{python}
CHUNKS = {"python", "r", "julia", "ojs", "bash", "sql", "mermaid", "dot"}
DEFAULT_KIND = {"eq": "eq", "numref": "fig", "ref": "sec"}
# protected spans that are no code: attributes (`{#fig:x}`) and reference keys
NOT_CODE = re.compile(r"\{|(?i:fig|tbl|eq|sec|lst)-")
NEWPAGE = "`\\newpage`{=latex}"


@dataclass(frozen=True)
class Rewrite:
    """Replace markdown[start:end] with `replacement`; `labels`/`references` are the keys
    it defines or refers to, in the model's form (`fig-x`)."""

    start: int
    end: int
    replacement: str
    labels: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unsupported:
    """A construct the build cannot print as meant; it stays as written."""

    start: int
    text: str
    message: str


@dataclass(frozen=True)
class Scan:
    rewrites: tuple[Rewrite, ...]
    unsupported: tuple[Unsupported, ...]


def normalized(markdown: str, names: Mapping[str, str]) -> str:
    """The markdown with every supported construct in pandoc/Quarto form."""
    pieces, last = [], 0
    for rewrite in scan(markdown, names).rewrites:
        pieces += [markdown[last : rewrite.start], rewrite.replacement]
        last = rewrite.end
    return "".join([*pieces, markdown[last:]])


def with_figures(markdown: str) -> str:
    """Only MyST's figure, math and code directives rewritten, each padded to its line
    count, so the export finds a figure's image (and its lines still match the file)."""
    pieces, last = [], 0
    for directive in live_directives(markdown):
        if directive.is_container or not directive.supported or directive.start < last:
            continue
        text = normalized(replacement(directive), {})
        lines = markdown.count("\n", directive.start, directive.end) - text.count("\n")
        pieces += [markdown[last : directive.start], text + "\n" * max(lines, 0)]
        last = directive.end
    return "".join([*pieces, markdown[last:]])


def scan(markdown: str, names: Mapping[str, str]) -> Scan:
    """Every construct of another syntax, in order (overlaps: the outer one wins)."""
    found = list(blocks(markdown, names))
    code = code_spans(markdown)
    for finder in (colon_crossrefs, roles, shortcodes):
        found += [item for item in finder(markdown, names) if not inside(item.start, code)]
    found.sort(key=lambda item: item.start)
    rewrites: list[Rewrite] = []
    unsupported: list[Unsupported] = []
    end = 0
    for item in found:
        if isinstance(item, Unsupported):
            unsupported.append(item)
        elif item.start >= end:
            rewrites.append(item)
            end = max(end, item.end)
    return Scan(tuple(rewrites), tuple(unsupported))


def names_in(markdowns: Iterable[str]) -> dict[str, str]:
    """MyST's bare names (`:name: pipeline`, `(intro)=`) → the model's keys (`fig-pipeline`),
    over the whole thesis: a role may refer to a name in another chapter."""
    names: dict[str, str] = {}
    for markdown in markdowns:
        for directive in live_directives(markdown):
            name = directive.options.get("name") or directive.options.get("label")
            if name and directive.label:
                names.setdefault(name, directive.label)
        for match in TARGET.finditer(markdown):
            names.setdefault(match.group("name"), prefixed(match.group("name"), "sec"))
    return names


# --- directives and targets -------------------------------------------------------------


def live_directives(markdown: str) -> list[Directive]:
    """The directives not shown inside an ordinary code block (a ```` ```markdown ```` example)."""
    code = code_blocks(markdown)
    return [directive for directive in directives(markdown) if not inside(directive.start, code)]


def blocks(markdown: str, names: Mapping[str, str]) -> Iterator[Rewrite | Unsupported]:
    for directive in live_directives(markdown):
        yield from directive_rewrites(directive, names)
    for match in TARGET.finditer(markdown):
        yield target_rewrite(markdown, match)


def directive_rewrites(
    directive: Directive, names: Mapping[str, str]
) -> Iterator[Rewrite | Unsupported]:
    if directive.is_container:
        yield Rewrite(directive.start, directive.body_start, opening(directive))
        yield Rewrite(directive.body_end, directive.end, ":::::")
    elif directive.supported:
        label = (directive.label,) if directive.label else ()
        text = normalized(replacement(directive), names)  # a caption's roles
        yield Rewrite(directive.start, directive.end, text, label)
    else:
        first = directive.fence + "{" + directive.name + "}"
        yield Unsupported(directive.start, first, unsupported_directive(directive.name))


def unsupported_directive(name: str) -> str:
    if name.lower() in CHUNKS:
        return (
            f"Quarto code chunk {{{name}}} does not run in a .md chapter: it prints as a code "
            f"block; write the fence as ```{name} (no braces), a code cell that runs"
        )
    hint = ""
    if name == "code-cell":
        hint = "; code cells run in a MyST notebook (a .md file with jupytext's myst header)"
    return (
        f"MyST directive {{{name}}} is not supported: it prints as a code block{hint} "
        "(supported: admonitions such as {note}, {figure}, {math}, {code-block})"
    )


def target_rewrite(markdown: str, match: re.Match[str]) -> Rewrite | Unsupported:
    """`(intro)=` before a heading labels it `sec-intro`."""
    heading = HEADING_AFTER.match(markdown, match.end())
    if heading is None:
        message = "a MyST target `(name)=` labels only a heading; put `{#fig-x}` on a figure"
        return Unsupported(match.start(), match.group(0), message)
    key = prefixed(match.group("name"), "sec")
    return Rewrite(match.start(), heading.end(), labelled(heading.group("heading"), key), (key,))


def labelled(heading: str, key: str) -> str:
    attributes = re.search(r"\{([^{}]*)\}[ \t]*$", heading)
    if attributes is None:
        return f"{heading.rstrip()} {{#{key}}}"
    return f"{heading[: attributes.start(1)]}#{key} {heading[attributes.start(1) :]}"


# --- inline constructs ---------------------------------------------------------------


def code_spans(markdown: str) -> list[tuple[int, int]]:
    """Code and math, where nothing is rewritten; an admonition's body is markdown, so
    its fence lines are blanked first (same length: offsets hold)."""
    blanked = markdown
    for directive in live_directives(markdown):
        if directive.is_container:
            for start, end in ((directive.start, directive.body_start),
                               (directive.body_end, directive.end)):  # fmt: skip
                blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    return [span for span in protected_spans(blanked) if not NOT_CODE.match(blanked, span[0])]


def colon_crossrefs(markdown: str, names: Mapping[str, str]) -> Iterator[Rewrite]:
    """pandoc-crossref: `@fig:x` → `@fig-x`, `{#fig:x}` → `{#fig-x}`."""
    for match in COLON_REFERENCE.finditer(markdown):
        key = f"{match.group('kind')}-{match.group('rest')}"
        yield Rewrite(match.start(), match.end(), "@" + key, references=(key,))
    for match in COLON_LABEL.finditer(markdown):
        key = f"{match.group('kind').lower()}-{match.group('rest')}"
        yield Rewrite(match.start(), match.end(), "{#" + key, labels=(key,))


def roles(markdown: str, names: Mapping[str, str]) -> Iterator[Rewrite | Unsupported]:
    for match in ROLE.finditer(markdown):
        role, body = match.group("role"), match.group("body")
        if role in CITE_FORMS:
            keys = [key.strip() for key in body.split(",") if key.strip()]
            text = CITE_FORMS[role].format("; ".join("@" + key for key in keys))
            yield Rewrite(match.start(), match.end(), text)
        elif role in DEFAULT_KIND:
            yield reference_role(match, role, body, names)
        elif role in ("sub", "sup", "math"):
            yield Rewrite(match.start(), match.end(), simple_role(role, body))
        else:
            message = f"MyST role {{{role}}} is not supported: it would print as written"
            yield Unsupported(match.start(), match.group(0), message)


def reference_role(match: re.Match[str], role: str, body: str, names: Mapping[str, str]) -> Rewrite:
    explicit = EXPLICIT.fullmatch(body)
    target = explicit.group("target") if explicit else body
    key = names.get(target.strip()) or prefixed(target.strip(), DEFAULT_KIND[role])
    if role == "eq":
        text = f"[-@{key}]"
    elif explicit and re.search(r"%s|\{number\}", explicit.group("text")):
        text = re.sub(r"%s|\{number\}", f"[-@{key}]", explicit.group("text"))
    elif explicit:
        text = f"[{explicit.group('text')}](#{key})"
    else:
        text = f"@{key}"
    return Rewrite(match.start(), match.end(), text, references=(key,))


def simple_role(role: str, body: str) -> str:
    if role == "math":
        return f"${body}$"
    mark = "~" if role == "sub" else "^"
    return mark + body.replace(" ", "\\ ") + mark


def shortcodes(markdown: str, names: Mapping[str, str]) -> Iterator[Rewrite | Unsupported]:
    """Quarto's `{{< pagebreak >}}`; any other shortcode is reported."""
    for match in SHORTCODE.finditer(markdown):
        if match.group("name") == "pagebreak" and match.group("open") == "<":
            yield Rewrite(match.start(), match.end(), NEWPAGE)
        else:
            message = (f"Quarto shortcode {match.group(0)} is not supported: it would print "
                       "as written (supported: {{< pagebreak >}})")  # fmt: skip
            yield Unsupported(match.start(), match.group(0), message)
