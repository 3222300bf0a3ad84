"""Quarto-style `#| key: value` cell options → cell metadata and the Jupyter Book tags.

`#| fig-cap: "…"`, `#| label: fig-x` caption a figure (several plots of one cell are
subfigures (a), (b), … with `#| fig-subcap: [..]`, `#| layout-ncol: 2`); `#| fig-width`,
`fig-height` (inches), `fig-dpi` size the cell's matplotlib figures (notebook/figures.py),
`#| out-width: 50%` its width on the page; `#| echo: false` is `remove-input`,
`#| output: false` `remove-output`, `#| include: false` `remove-cell`, `#| eval: false`
`skip-execution`; `#| error: true` is nbclient's `raises-exception` (the cell may raise and
its traceback is printed); `#| warning: false|true` hides or shows the Python warnings
its stored outputs printed (outputs.py). The option lines are taken out of the shown code.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

OPTION = re.compile(r"^#\|\s*(?P<key>[\w-]+)\s*:\s*(?P<value>.*)$")
FALSE_OPTION_TAGS = {
    "echo": "remove-input",
    "output": "remove-output",
    "include": "remove-cell",
    "eval": "skip-execution",
}

BOOLEAN = {*FALSE_OPTION_TAGS, "error", "warning"}
POSITIVE = {"fig-width", "fig-height", "fig-dpi", "layout-ncol"}
# What the build reads (outputs.py, figures.py, nbconvert/thesis.md.j2); any other key
# does nothing.
KNOWN = {*BOOLEAN, *POSITIVE, "label", "lst-label", "fig-cap", "tbl-cap", "lst-cap",
         "fig-subcap", "out-width"}  # fmt: skip


def apply_cell_options(notebook: Any, hide_code: bool = False) -> None:
    """Copy every code cell's leading option lines into its metadata and tags (the lines
    stay until `hide_option_lines`, so a traceback's line numbers match the file).
    `hide_code` (thesis.yaml `code: hide`) hides every input but `#| echo: true` ones."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        options, _ = split_options(cell.source)
        tags = list(cell.metadata.get("tags", []))
        tags += [tag for key, tag in FALSE_OPTION_TAGS.items() if options.get(key) is False]
        if options.get("error") is True:
            tags.append("raises-exception")
        if hide_code and options.get("echo") is not True and "remove-input" not in tags:
            tags.append("remove-input")
        if options:
            cell.metadata["thesisbuild"] = options
        if options or tags:
            cell.metadata["tags"] = tags


def option_problems(source: str) -> list[tuple[int, str]]:
    """(0-based line, message) for each leading `#|` line the build cannot use."""
    problems = []
    for number, line in enumerate(source.split("\n")):
        if not line.startswith("#|"):
            break
        match = OPTION.match(line)
        if match is None:
            problems.append((number, f"cell option line {line!r} is not `#| key: value`; it and "
                             "the lines after it are taken as code"))  # fmt: skip
            break
        problem = option_problem(match.group("key"), match.group("value"))
        if problem:
            problems.append((number, problem))
    return problems


def option_problem(key: str, raw: str) -> str | None:
    if key not in KNOWN:
        return f"unknown cell option {key!r}; ignored (known: {', '.join(sorted(KNOWN))})"
    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        return f"cell option {key}: {raw.strip()} is no valid YAML value; taken as text as written"
    if key in BOOLEAN and not isinstance(value, bool):
        return f"cell option {key}: {raw.strip()} is neither true nor false; ignored"
    if key in POSITIVE and not is_positive(value):
        return f"cell option {key}: {raw.strip()} is no positive number; ignored"
    return None


def is_positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def split_options(source: str) -> tuple[dict[str, Any], str]:
    lines = source.split("\n")
    options: dict[str, Any] = {}
    count = 0
    for line in lines:
        match = OPTION.match(line)
        if not match:
            break
        options[match.group("key")] = parse_value(match.group("value"))
        count += 1
    return options, "\n".join(lines[count:])


def parse_value(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def hide_option_lines(notebook: Any) -> None:
    """Take the option lines out of the code shown in the thesis."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and "thesisbuild" in cell.metadata:
            cell.source = split_options(cell.source)[1]
