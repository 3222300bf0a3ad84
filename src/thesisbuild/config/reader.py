"""thesis.yaml → Config: validated from the YAML node tree, so every problem names its
line, and all problems are reported together."""

from __future__ import annotations

import dataclasses
import math
import re
import warnings
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import ConfigError
from ..core.files import not_regular
from ..core.paths import inside
from .chapterfiles import OUTSIDE, lookalikes, refuse_broken_links, refuse_odd_entries
from .fonts import installed_fonts
from .inputglob import TooManyMatches, matched_files, too_many
from .model import (
    CHAPTER_SUFFIXES,
    CONFIG_NAME,
    RULE_LEVELS,
    STARTER,
    Author,
    Config,
    LatexAdditions,
    LatexPackage,
    LineSpacing,
    RuleSetting,
    TerminologyRule,
    default_chapters,
)
from .spec import Entry, Spec, choices, entries, item_type
from .yamlnodes import FALSE_WORDS, TRUE_WORDS, NodeReader, Problem, join


def load(root: Path) -> Config:
    """Read and validate root/thesis.yaml; every problem is reported at once."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(
            f"{path}: not found. Start a thesis project with `thesisbuild init {root}`, or "
            f"write {CONFIG_NAME} with at least a title, e.g.:\n{STARTER}"
            "See the README's thesis.yaml reference for every key."
        )
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        message = f"{CONFIG_NAME}: not UTF-8 text ({error.reason}); save it as UTF-8."
        raise ConfigError(message) from None
    except OSError as error:
        raise ConfigError(f"{CONFIG_NAME}: cannot read it ({error.strerror}).") from None
    except yaml.MarkedYAMLError as error:
        raise ConfigError(yaml_error_message(error)) from error
    except RecursionError:
        raise ConfigError(f"{CONFIG_NAME}: nested too deeply to be a thesis.yaml.") from None
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
    problem = f"{error.problem}{context(error)}"
    return f"{where}: invalid YAML: {problem}. Check the indentation and quoting there."


def context(error: yaml.MarkedYAMLError) -> str:
    """Where what broke began: an unclosed quote fails only at the end of the file."""
    start, mark = error.context_mark, error.problem_mark
    if not error.context or start is None or (mark is not None and start.line == mark.line):
        return ""
    return f" ({error.context} that starts at line {start.line + 1}, column {start.column + 1})"


def problems_message(problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: p.line)
    return "\n".join(
        f"{CONFIG_NAME}:{p.line}: {p.where}: {p.message}"
        if p.where
        else f"{CONFIG_NAME}:{p.line}: {p.message}"
        for p in ordered
    )


@dataclass
class ConfigReader:
    """Node tree → Config, following the declarations in config/model.py; problems are
    collected in `nodes`."""

    nodes: NodeReader
    root: Path
    fonts: set[str] | None = None  # fontconfig's names, read when a font is named
    listed: dict[Path, str] = field(default_factory=dict)

    def read(self, node: yaml.Node) -> Config | None:
        values = self.fields(Config, node, "")
        if "chapters" not in values:
            refuse_broken_links(self.root)
            refuse_odd_entries(self.root)
            values["chapters"] = default_chapters(self.root)
            values["ignored"] = lookalikes(self.root)
        if "bibliography" not in values and (self.root / "bibliography.bib").is_file():
            values["bibliography"] = self.root / "bibliography.bib"
        if self.nodes.problems:
            return None
        return Config(root=self.root, **values)

    def fields(self, cls: type, node: yaml.Node, where: str) -> dict[str, Any]:
        """A mapping node → the given values of cls's declared keys, by field name."""
        declared = entries(cls)
        found = self.sections(node, where, [entry.yaml for entry in declared])
        values: dict[str, Any] = {}
        for entry in declared:
            if entry.yaml in found:
                value = self.value(entry, found[entry.yaml], join(where, entry.yaml))
                if value is not None:
                    values[entry.name] = value
            elif entry.spec.required:
                self.missing(node, where, entry.name)
        return values

    def sections(self, node: yaml.Node, where: str, names: list[str]) -> dict[str, yaml.Node]:
        """Value nodes by dotted name; `lint.terminology` is looked up inside `lint`."""
        tops = self.nodes.mapping(node, where, {name.split(".")[0] for name in names})
        found = {name: value for name, (_, value) in tops.items()}
        for section in {name.split(".")[0] for name in names if "." in name} & set(found):
            inner = {name.split(".", 1)[1] for name in names if name.startswith(section + ".")}
            nested = self.nodes.mapping(found.pop(section), join(where, section), inner)
            found.update({f"{section}.{name}": value for name, (_, value) in nested.items()})
        return found

    def missing(self, node: yaml.Node, where: str, name: str) -> None:
        if where:
            self.nodes.problem(node, where, f"missing {name}")
        else:
            self.nodes.problems.append(Problem(1, name, f"missing; every thesis needs a {name}"))

    def value(self, entry: Entry, node: yaml.Node, where: str) -> Any:
        if entry.spec.read is not None:
            return getattr(self, entry.spec.read)(node, where)
        return self.typed(entry.type, entry.spec, node, where)

    def typed(self, tp: Any, spec: Spec, node: yaml.Node, where: str) -> Any:
        """Read a node as the Python type a key is declared with."""
        if spec.unit is not None:
            return self.length(node, where, spec)
        if tp is float:
            return self.number(node, where, spec)
        if tp is bool:
            return self.nodes.boolean(node, where)
        if tp is int:
            return self.whole_number(node, where, spec)
        if choices(tp):
            return self.nodes.choice(node, where, choices(tp))
        if item_type(tp) is not None:
            read = partial(self.typed, item_type(tp), spec)
            return tuple(self.nodes.each(node, where, read))
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.consistent(tp(**self.fields(tp, node, where)), node, where)
        if tp is Path:
            return self.existing_file(node, where)
        return self.nodes.string(node, where)

    def consistent(self, value: Any, node: yaml.Node, where: str) -> Any:
        """A section whose keys must agree (pages: min ≤ max) says what does not."""
        problem = getattr(value, "problem", None)
        message = problem() if callable(problem) else None
        if message:
            self.nodes.problem(node, where, message)
            return None
        return value

    def number(self, node: yaml.Node, where: str, spec: Spec) -> float | None:
        value = self.nodes.number(node, where)
        if value is not None and not (math.isfinite(value) and in_range(value, spec)):
            self.nodes.problem(
                node, where, f"expected a number from {spec.minimum} to {spec.maximum}, "
                f"got {node.value!r}"
            )  # fmt: skip
            return None
        return value

    def whole_number(self, node: yaml.Node, where: str, spec: Spec) -> int | None:
        value = self.nodes.number(node, where)
        if value is None:
            return None
        # range first: int() of 1e400 (infinity) raises, of NaN too
        if not (math.isfinite(value) and in_range(value, spec)) or value != int(value):
            self.nodes.problem(
                node, where, f"expected a whole number from {spec.minimum:g} to "
                f"{spec.maximum:g}, got {node.value!r}"
            )  # fmt: skip
            return None
        return int(value)

    def input_globs(self, node: yaml.Node, where: str) -> tuple[str, ...]:
        """Data files the code reads; a pattern that matches nothing is most likely a typo."""
        return tuple(self.nodes.each(node, where, self.input_glob))

    def input_glob(self, node: yaml.Node, where: str) -> str | None:
        pattern = self.nodes.string(node, where)
        if pattern is None:
            return None
        if not pattern.strip() or Path(pattern).is_absolute():
            self.nodes.problem(
                node, where, f"expected a pattern inside the project, got {pattern!r}"
            )
            return None
        if ".." in Path(pattern).parts:
            self.nodes.problem(node, where, f"{OUTSIDE}, got {pattern!r}")
            return None
        try:  # all of them: a pattern past the limit is refused here, at its line
            matched = list(matched_files(self.root, pattern))
        except TooManyMatches:
            self.nodes.problem(node, where, too_many(pattern))
            return None
        if not all(inside(self.root, path) for path in matched):
            self.nodes.problem(node, where, f"{OUTSIDE}, got {pattern!r}")
            return None
        if not matched:
            self.nodes.problem(node, where, f"no file matches {pattern!r}")
            return None
        return pattern

    def length(self, node: yaml.Node, where: str, spec: Spec) -> str | None:
        """A length such as `12pt` or `2.5cm` within the key's range; a bare number is
        taken in the key's unit."""
        text = self.nodes.string(node, where)
        if text is None:
            return None
        size = in_unit(text, spec.unit or "cm")
        if size is None or not in_range(size, spec):
            low, high = f"{spec.minimum:g}{spec.unit}", f"{spec.maximum:g}{spec.unit}"
            self.nodes.problem(node, where, f"expected a length from {low} to {high}, got {text!r}")
            return None
        text = text.replace(" ", "")
        return text if text[-1].isalpha() else f"{text}{spec.unit}"

    def spacing(self, node: yaml.Node, where: str) -> LineSpacing | None:
        """`1.5` (a factor), `{baseline: 18pt}` or `{word: 1.5}`."""
        if isinstance(node, yaml.ScalarNode):
            factor = self.number(node, where, SPACING_RANGE)
            return None if factor is None else LineSpacing("factor", factor)
        given = self.nodes.mapping(node, where, {"baseline", "word"})
        if len(given) != 1:
            self.nodes.problem(node, where, "expected a number, {baseline: 18pt} or {word: 1.5}")
            return None
        (kind, (_, value)), *_ = given.items()
        if kind == "word":
            factor = self.number(value, join(where, kind), SPACING_RANGE)
            return None if factor is None else LineSpacing("word", factor)
        baseline = self.length(value, join(where, kind), BASELINE_RANGE)
        return None if baseline is None else LineSpacing("baseline", in_unit(baseline, "pt") or 0)

    def author(self, node: yaml.Node, where: str) -> Author | None:
        if isinstance(node, yaml.ScalarNode):
            name = self.nodes.string(node, where)
            return Author(name) if name else None
        values = self.fields(Author, node, where)
        return Author(**values) if values.get("name") else None

    def font(self, node: yaml.Node, where: str) -> str | None:
        """A font by name, which fontconfig must know (XeLaTeX finds fonts through it)."""
        name = self.nodes.string(node, where)
        if name is not None and self.fonts is None:
            self.fonts = installed_fonts()
        if name is not None and self.fonts and name not in self.fonts:
            self.nodes.problem(
                node, where, f"font {name!r} is not installed (fc-list does not know it); "
                "install it or choose one that `fc-list : family` lists"
            )  # fmt: skip
            return None
        return name

    def existing_file(self, node: yaml.Node, where: str) -> Path | None:
        text = self.nodes.string(node, where)
        if text is None:
            return None
        path = self.root / text
        if not inside(self.root, path):  # first: say nothing of what exists elsewhere
            self.nodes.problem(node, where, f"{OUTSIDE}, got {text!r}")
            return None
        if kind := not_regular(path):
            self.nodes.problem(node, where, f"{text} is {kind}, not a file")
            return None
        if not path.is_file():
            self.nodes.problem(node, where, f"file not found: {text}")
            return None
        return path

    def chapter_list(self, node: yaml.Node, where: str) -> tuple[Path, ...]:
        return tuple(self.nodes.each(node, where, self.chapter_file))

    def chapter_file(self, node: yaml.Node, where: str) -> Path | None:
        """A chapter notebook (.md, .py, .ipynb), listed once in chapters and appendix."""
        path = self.existing_file(node, where)
        if path is None:
            return None
        if path.suffix not in CHAPTER_SUFFIXES:
            kinds = ", ".join(CHAPTER_SUFFIXES)
            self.nodes.problem(node, where, f"not a chapter notebook ({kinds}): {node.value}")
            return None
        first = self.listed.setdefault(path.resolve(), where)
        if first != where:
            self.nodes.problem(node, where, f"{node.value} is already listed as {first}")
            return None
        return path

    def pairs(self, node: yaml.Node, where: str) -> tuple[tuple[str, str], ...]:
        entries = self.nodes.mapping(node, where)
        pairs = (
            (key, self.nodes.string(value, f"{where}.{key}")) for key, (_, value) in entries.items()
        )
        return tuple((short, long) for short, long in pairs if long is not None)

    def latex(self, node: yaml.Node, where: str) -> LatexAdditions:
        entries = self.nodes.mapping(node, where, {"packages", "preamble"})
        packages: tuple[LatexPackage, ...] = ()
        if "packages" in entries:
            spot = join(where, "packages")
            packages = tuple(self.nodes.each(entries["packages"][1], spot, self.package))
        preamble = None
        if "preamble" in entries:
            preamble = self.nodes.string(entries["preamble"][1], join(where, "preamble"))
        return LatexAdditions(packages, preamble or "")

    def package(self, node: yaml.Node, where: str) -> LatexPackage | None:
        """`name` or `{name: …, options: …}`."""
        if isinstance(node, yaml.ScalarNode):
            name = self.nodes.string(node, where)
            return LatexPackage(name) if name else None
        entries = self.nodes.mapping(node, where, {"name", "options"})
        texts = {k: self.nodes.string(v, join(where, k)) for k, (_, v) in entries.items()}
        if not texts.get("name"):
            self.nodes.problem(node, where, "needs a name (the package, e.g. siunitx)")
            return None
        return LatexPackage(texts["name"] or "", texts.get("options") or "")

    def sperrvermerk(self, node: yaml.Node, where: str) -> bool | str | None:
        """`true` (the strings table's wording), `false`, or the text itself."""
        if isinstance(node, yaml.ScalarNode) and node.value.lower() in TRUE_WORDS | FALSE_WORDS:
            return self.nodes.boolean(node, where)
        return self.nodes.string(node, where)

    def terminology(self, node: yaml.Node, where: str) -> tuple[TerminologyRule, ...]:
        rules = self.nodes.mapping(node, where)
        return tuple(
            TerminologyRule(
                preferred,
                tuple(self.nodes.each(forms, f"{where}.{preferred}", self.form)),
                tuple(item.start_mark.line + 1 for item in forms.value)
                if isinstance(forms, yaml.SequenceNode)
                else (),
            )
            for preferred, (_, forms) in rules.items()
        )

    def rule_settings(self, node: yaml.Node, where: str) -> tuple[RuleSetting, ...]:
        """`name: error|warning|off`; lint checks the names (config knows no rules)."""
        settings = []
        for name, (_, value) in self.nodes.mapping(node, where).items():
            text = self.nodes.choice(value, join(where, name), RULE_LEVELS)
            for level in RULE_LEVELS:
                if level == text:
                    settings.append(RuleSetting(name, level, value.start_mark.line + 1))
        return tuple(settings)

    def form(self, node: yaml.Node, where: str) -> str | None:
        """A terminology form; one between slashes must be a valid regex."""
        form = self.nodes.string(node, where)
        if form is not None and len(form) > 2 and form.startswith("/") and form.endswith("/"):
            problem = pattern_problem(form[1:-1])
            if problem:
                self.nodes.problem(node, where, f"not a valid regular expression: {problem}")
                return None
        return form


def pattern_problem(pattern: str) -> str | None:
    """Why lint's `regex` module cannot compile the pattern, or None. `re` answers first:
    regex's default mode accepts what re accepts, and importing regex would cost every
    command (a no-op `pdf` too) ~10 ms; only a pattern re refuses (\\p{L}, …) asks regex."""
    try:
        with warnings.catch_warnings():  # re's FutureWarnings (nested sets) are not regex's
            warnings.simplefilter("ignore")
            re.compile(pattern)
        return None
    except re.error:
        pass
    import regex

    try:
        regex.compile(pattern)  # the module lint matches with (see terminology)
    except regex.error as error:
        return str(error)
    return None


SPACING_RANGE = Spec("", minimum=0.5, maximum=3.0)
BASELINE_RANGE = Spec("", unit="pt", minimum=6, maximum=72)
UNITS_PER_CM = {"cm": 1.0, "mm": 10.0, "in": 1 / 2.54, "pt": 72.27 / 2.54}
LENGTH = re.compile(r"^(-?[0-9]+(?:\.[0-9]+)?)\s*(pt|mm|cm|in)?$")


def in_unit(text: str, unit: str) -> float | None:
    """'2.5cm' in the given unit; a bare number is already in it; None if not a length."""
    match = LENGTH.match(text.strip())
    if match is None:
        return None
    number, given = float(match[1]), match[2] or unit
    return number / UNITS_PER_CM[given] * UNITS_PER_CM[unit]


def in_range(value: float, spec: Spec) -> bool:
    """Within the key's bounds (NaN never is); a little slack for unit conversion."""
    low = spec.minimum if spec.minimum is not None else -math.inf
    high = spec.maximum if spec.maximum is not None else math.inf
    return low - 1e-6 <= value <= high + 1e-6
