"""thesis.yaml → Config: validated from the YAML node tree, so every problem names its
line, and all problems are reported together."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import (
    CONFIG_NAME,
    ENGINES,
    EXECUTE_MODES,
    FONT_FAMILIES,
    STARTER,
    AiTool,
    Author,
    Config,
    Layout,
    Margins,
    TerminologyRule,
    default_chapters,
)
from .errors import ConfigError
from .yamlnodes import FALSE_WORDS, TRUE_WORDS, NodeReader, Problem


def load(root: Path) -> Config:
    """Read and validate root/thesis.yaml; every problem is reported at once."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(
            f"{path}: not found. Start one with at least a title, e.g.:\n{STARTER}"
            "See the README's thesis.yaml reference for every key."
        )
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        message = f"{CONFIG_NAME}: not UTF-8 text ({error.reason}); save it as UTF-8."
        raise ConfigError(message) from None
    except yaml.MarkedYAMLError as error:
        raise ConfigError(yaml_error_message(error)) from error
    if node is None:
        raise ConfigError(
            f"{CONFIG_NAME}: the file is empty; it needs at least a title:\n{STARTER}"
        )
    reader = NodeReader()
    config = ConfigReader(reader, root.resolve()).read(node)
    if reader.problems or config is None:
        raise ConfigError(problems_message(reader.problems))
    return config


def yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark
    where = f"{CONFIG_NAME}:{mark.line + 1}:{mark.column + 1}" if mark else CONFIG_NAME
    return f"{where}: invalid YAML: {error.problem}. Check the indentation and quoting there."


def problems_message(problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: p.line)
    return "\n".join(
        f"{CONFIG_NAME}:{p.line}: {p.where}: {p.message}"
        if p.where
        else f"{CONFIG_NAME}:{p.line}: {p.message}"
        for p in ordered
    )


TOP_KEYS = {
    "title",
    "subtitle",
    "author",
    "thesis_type",
    "degree",
    "university",
    "faculty",
    "reviewers",
    "company",
    "date",
    "place",
    "language",
    "chapters",
    "appendix",
    "bibliography",
    "citation_style",
    "execute",
    "engine",
    "abbreviations",
    "sperrvermerk",
    "declaration",
    "ai_tools",
    "layout",
    "lint",
}
LAYOUT_KEYS = {
    "font_size",
    "line_spacing",
    "margins",
    "font",
    "main_font",
    "sans_font",
    "mono_font",
}
TEXT_KEYS = (
    "subtitle",
    "thesis_type",
    "degree",
    "university",
    "faculty",
    "company",
    "date",
    "place",
    "language",
    "declaration",
    "citation_style",
)


@dataclass
class ConfigReader:
    """The thesis.yaml schema: node tree → Config, problems collected in `nodes`."""

    nodes: NodeReader
    root: Path

    def read(self, node: yaml.Node) -> Config | None:
        entries = self.nodes.mapping(node, "", TOP_KEYS)
        values: dict[str, object] = {}
        for key in TEXT_KEYS:
            if key in entries:
                values[key] = self.nodes.string(entries[key][1], key)
        readers: dict[str, Callable[[yaml.Node, str], object]] = {
            "author": self.author,
            "reviewers": self.nodes.strings,
            "chapters": self.chapter_list,
            "appendix": self.chapter_list,
            "bibliography": self.existing_file,
            "abbreviations": self.abbreviations,
            "sperrvermerk": self.sperrvermerk,
            "ai_tools": self.ai_tools,
            "layout": self.layout,
            "lint": self.terminology,
            "execute": lambda n, w: self.nodes.choice(n, w, EXECUTE_MODES),
            "engine": lambda n, w: self.nodes.choice(n, w, ENGINES),
        }
        for key, read in readers.items():
            if key in entries:
                values[key] = read(entries[key][1], key)
        if "lint" in values:
            values["terminology"] = values.pop("lint")
        title = self.nodes.string(entries["title"][1], "title") if "title" in entries else None
        if title is None:
            if "title" not in entries:
                self.nodes.problems.append(
                    Problem(1, "title", "missing; every thesis needs a title")
                )
            return None
        return self.build(title, values)

    def build(self, title: str, values: dict[str, object]) -> Config | None:
        given = {key: value for key, value in values.items() if value is not None}
        for key, value in given.items():
            if isinstance(value, list):
                given[key] = tuple(value)
        if "chapters" not in given:
            given["chapters"] = default_chapters(self.root)
        if "bibliography" not in given and (self.root / "bibliography.bib").is_file():
            given["bibliography"] = self.root / "bibliography.bib"
        if self.nodes.problems:
            return None
        return Config(root=self.root, title=title, **given)  # type: ignore[arg-type]

    def author(self, node: yaml.Node, where: str) -> Author | None:
        if isinstance(node, yaml.ScalarNode):
            name = self.nodes.string(node, where)
            return Author(name) if name else None
        entries = self.nodes.mapping(node, where, {"name", "matriculation_number"})
        if "name" not in entries:
            self.nodes.problem(node, where, "missing name")
            return None
        name = self.nodes.string(entries["name"][1], f"{where}.name")
        number = None
        if "matriculation_number" in entries:
            number_node = entries["matriculation_number"][1]
            number = self.nodes.string(number_node, f"{where}.matriculation_number")
        return Author(name, number) if name else None

    def existing_file(self, node: yaml.Node, where: str) -> Path | None:
        text = self.nodes.string(node, where)
        if text is None:
            return None
        path = self.root / text
        if not path.is_file():
            self.nodes.problem(node, where, f"file not found: {text}")
            return None
        return path

    def chapter_list(self, node: yaml.Node, where: str) -> list[Path]:
        return list(self.nodes.each(node, where, self.existing_file))

    def abbreviations(self, node: yaml.Node, where: str) -> list[tuple[str, str]]:
        entries = self.nodes.mapping(node, where)
        pairs = (
            (key, self.nodes.string(value, f"{where}.{key}")) for key, (_, value) in entries.items()
        )
        return [(short, long) for short, long in pairs if long is not None]

    def sperrvermerk(self, node: yaml.Node, where: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.value.lower() in TRUE_WORDS | FALSE_WORDS:
            return SPERRVERMERK if self.nodes.boolean(node, where) else None
        return self.nodes.string(node, where)

    def ai_tools(self, node: yaml.Node, where: str) -> list[AiTool]:
        return list(self.nodes.each(node, where, self.ai_tool))

    def ai_tool(self, node: yaml.Node, where: str) -> AiTool | None:
        entries = self.nodes.mapping(node, where, {"tool", "purpose", "sections"})
        texts = {
            key: self.nodes.string(value, f"{where}.{key}") for key, (_, value) in entries.items()
        }
        if not texts.get("tool") or not texts.get("purpose"):
            self.nodes.problem(node, where, "needs tool and purpose")
            return None
        return AiTool(texts["tool"] or "", texts["purpose"] or "", texts.get("sections") or "")

    def layout(self, node: yaml.Node, where: str) -> Layout | None:
        entries = self.nodes.mapping(node, where, LAYOUT_KEYS)
        values: dict[str, object] = {}
        for key, (_, value) in entries.items():
            spot = f"{where}.{key}"
            if key == "line_spacing":
                values[key] = self.nodes.number(value, spot)
            elif key == "margins":
                values[key] = self.margins(value, spot)
            elif key == "font":
                values[key] = self.nodes.choice(value, spot, FONT_FAMILIES)
            else:
                values[key] = self.nodes.string(value, spot)
        return Layout(**{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]

    def margins(self, node: yaml.Node, where: str) -> Margins:
        entries = self.nodes.mapping(node, where, {"left", "right", "top", "bottom", "binding"})
        values = {
            key: self.nodes.string(value, f"{where}.{key}") for key, (_, value) in entries.items()
        }
        return Margins(**{k: v for k, v in values.items() if v is not None})

    def terminology(self, node: yaml.Node, where: str) -> list[TerminologyRule]:
        entries = self.nodes.mapping(node, where, {"terminology"})
        if "terminology" not in entries:
            return []
        spot = f"{where}.terminology"
        rules = self.nodes.mapping(entries["terminology"][1], spot)
        return [
            TerminologyRule(
                preferred, tuple(self.nodes.each(forms, f"{spot}.{preferred}", self.form))
            )
            for preferred, (_, forms) in rules.items()
        ]

    def form(self, node: yaml.Node, where: str) -> str | None:
        """A terminology form; one between slashes must be a valid regex."""
        form = self.nodes.string(node, where)
        if form is not None and len(form) > 2 and form.startswith("/") and form.endswith("/"):
            try:
                re.compile(form[1:-1])
            except re.error as error:
                self.nodes.problem(node, where, f"not a valid regular expression: {error}")
                return None
        return form


SPERRVERMERK = (
    "Die vorliegende Arbeit enthält vertrauliche Daten und Informationen des Unternehmens. "
    "Veröffentlichungen, Vervielfältigungen oder die Einsichtnahme durch Dritte sind ohne "
    "ausdrückliche Genehmigung des Unternehmens und der Verfasserin bzw. des Verfassers "
    "nicht gestattet. Ausgenommen sind die Gutachterinnen und Gutachter sowie befugte "
    "Mitglieder des Prüfungsausschusses."
)
