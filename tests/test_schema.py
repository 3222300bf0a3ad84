"""The schema in config.py is the one description of thesis.yaml: every key has an effect
(on the template, or on what the build does), every range is checked at its line, and
the README table and the JSON Schema match it."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pypandoc
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_notebook, new_output

from thesisbuild.builder.pipeline import build_markdown, execution
from thesisbuild.config.model import Config
from thesisbuild.config.reader import load
from thesisbuild.config.schemaexport import json_schema, readme_table
from thesisbuild.config.spec import Entry, leaves, template_variables
from thesisbuild.core.errors import ConfigError
from thesisbuild.core.paths import BuildPaths
from thesisbuild.core.progress import Reporter
from thesisbuild.latex.bibliography import clean_bibliography
from thesisbuild.latex.preamble import write_preamble
from thesisbuild.latex.run import latexmk_argv
from thesisbuild.lint.linter import lint_chapters
from thesisbuild.notebook.execute import needs_execution
from thesisbuild.notebook.export import render_chapter
from thesisbuild.resources.lookup import csl_path, template_path
from thesisbuild.sources.chapter import read_chapter
from thesisbuild.sources.project import read_sources
from thesisbuild.submission.required import required

REPO = Path(__file__).resolve().parents[1]
TABLE = re.compile(r"(<!-- generated from .*? -->\n).*?(\n<!-- end of generated table -->)", re.S)
RANGED = [(name, entry) for name, entry in leaves(Config) if entry.spec.maximum is not None]
# keys that feed the template, directly or through their fields (author)
TEMPLATE_KEYS = [(n, e) for n, e in leaves(Config) if e.spec.variable or e.spec.example]


def test_readme_table_is_generated_from_the_schema(update_golden: bool) -> None:
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    generated = TABLE.sub(lambda m: m[1] + readme_table() + m[2], text)
    if update_golden:
        readme.write_text(generated, encoding="utf-8")
    assert text == generated, "run pytest tests/test_schema.py --update-golden"


def test_shipped_json_schema_is_current_and_named_in_thesis_yaml(
    thesisbuild, update_golden: bool
) -> None:
    run = thesisbuild("schema")
    assert run.code == 0
    assert json.loads(run.out) == json_schema()
    if update_golden:
        (REPO / "thesis.schema.json").write_text(run.out, encoding="utf-8")
    assert (REPO / "thesis.schema.json").read_text(encoding="utf-8") == run.out
    first = (REPO / "thesis.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=thesis.schema.json"


def test_json_schema_accepts_what_the_reader_accepts() -> None:
    validator = jsonschema.Draft7Validator(json_schema())
    validator.validate(yaml.safe_load((REPO / "thesis.yaml").read_text(encoding="utf-8")))
    errors = list(validator.iter_errors({"title": "T", "layout": {"fontsize": "12pt"}}))
    assert [error.validator for error in errors] == ["additionalProperties"]


def nested(name: str, value: Any) -> dict[str, Any]:
    """`layout.margins.left`, 9 → {"layout": {"margins": {"left": 9}}}."""
    first, _, rest = name.partition(".")
    return {first: nested(rest, value) if rest else value}


def outside(entry: Entry) -> list[str]:
    low, high = entry.spec.minimum, entry.spec.maximum
    assert low is not None and high is not None
    unit = entry.spec.unit or ""
    return [f"{low - 0.5:g}{unit}", f"{high + 1:g}{unit}"]


@pytest.mark.parametrize(
    ("name", "value"),
    [(name, value) for name, entry in RANGED for value in outside(entry)],
)
def test_every_range_is_checked_at_its_line(tmp_path: Path, name: str, value: str) -> None:
    text = "title: T\n" + yaml.safe_dump(nested(name, value), default_flow_style=False)
    (tmp_path / "thesis.yaml").write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    assert caught.value.message.startswith(f"thesis.yaml:{line}: {name}: expected a ")
    assert f"got '{value}'" in caught.value.message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("layout: {font_size: 99}", "layout.font_size: expected a length from 10pt to 14pt"),
        ("layout: {line_spacing: 0}", "layout.line_spacing: expected a number from 1.0 to 2.0"),
        ("layout: {line_spacing: nan}", "layout.line_spacing: expected a number from 1.0 to 2.0"),
        ("layout: {margins: {left: -1cm}}", "layout.margins.left: expected a length from 0.5cm"),
        ("layout: {margins: {top: 3 Zoll}}", "layout.margins.top: expected a length from 0.5cm"),
    ],
)
def test_issue_examples_are_errors(tmp_path: Path, thesisbuild, text: str, message: str) -> None:
    (tmp_path / "thesis.yaml").write_text(f"title: T\n{text}\n", encoding="utf-8")
    run = thesisbuild("md", "-C", tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"Error: thesis.yaml:2: {message}")


def test_lengths_in_other_units_and_bare_numbers(tmp_path: Path) -> None:
    text = "title: T\nlayout: {font_size: 11, margins: {left: 30mm, binding: 0.5 cm}}\n"
    (tmp_path / "thesis.yaml").write_text(text, encoding="utf-8")
    layout = load(tmp_path).layout
    assert (layout.font_size, layout.margins.left, layout.margins.binding) == (
        "11pt",
        "30mm",
        "0.5cm",
    )


def render(config: Config) -> str:
    """The template filled with a config's variables, as pandoc writes it (no TeX)."""
    metadata = yaml.safe_dump(template_variables(config), allow_unicode=True)
    template = template_path(config.root, "thesis.latex")
    return str(
        pypandoc.convert_text(
            f"---\n{metadata}---\n\nText.\n",
            "latex",
            format="markdown",
            extra_args=["--standalone", f"--template={template}"],
        )
    )


def with_value(config: Any, name: str, value: Any) -> Any:
    """A copy of a config with one dotted field replaced."""
    first, _, rest = name.partition(".")
    inner = with_value(getattr(config, first), rest, value) if rest else value
    return dataclasses.replace(config, **{first: inner})


@pytest.fixture(scope="module")
def default_tex() -> str:
    return render(Config(root=REPO, title="T"))


@pytest.mark.parametrize(("name", "entry"), TEMPLATE_KEYS, ids=[n for n, _ in TEMPLATE_KEYS])
def test_every_template_key_changes_the_tex(default_tex: str, name: str, entry: Entry) -> None:
    assert entry.spec.example is not None, f"{name}: declare an example value"
    config = with_value(Config(root=REPO, title="T"), name, entry.spec.example)
    assert render(config) != default_tex, f"{name} has no effect on the template"


# The keys that do not feed the template, each with thesis.yaml lines that set it and what
# of the build they change (from a text-only project that never runs code).
OTHER_KEYS: dict[str, tuple[str, Callable[[Config], object]]] = {
    "chapters": ("chapters: [thesis/02.md]", lambda c: manuscript(c)),
    "appendix": ("chapters: [thesis/01.md]\nappendix: [thesis/02.md]", lambda c: manuscript(c)),
    "code": ("code: hide", lambda c: manuscript(c)),
    "warnings": ("warnings: show", lambda c: stored_warning(c)),
    "execute": ("execute: always", lambda c: needs_execution(RAN, execution(c, Reporter()))),
    "execute_timeout": ("execute_timeout: 7", lambda c: execution(c, Reporter()).timeout),
    "execute_jobs": ("execute_jobs: 7", lambda c: execution(c, Reporter()).jobs),
    "url": ("execute_gateway: {url: 'http://127.0.0.1:9'}", lambda c: gateway_of(c)),
    "kernel": ("execute_gateway: {url: 'http://h:9', kernel: gpu}", lambda c: gateway_of(c)),
    "token_env": ("execute_gateway: {url: 'http://h:9', token_env: T}", lambda c: gateway_of(c)),
    "directory": ("execute_gateway: {url: 'http://h:9', directory: /d}", lambda c: gateway_of(c)),
    "inputs": ("inputs: [data/*.csv]", lambda c: execution(c, Reporter()).inputs),
    "bibliography": ("bibliography: quellen.bib", lambda c: cleaned_bibliography(c)),
    "citation_style": ("citation_style: ieee", lambda c: csl_path(c.root, c.citation_style)),
    "engine": ("engine: lualatex", lambda c: latexmk_argv(BuildPaths.of(c.root), c.engine, False)),
    "latex": ("latex: {preamble: '\\newcommand{\\falke}{F}'}", lambda c: preamble(c)),
    "terminology": ("lint: {terminology: {Eigennamen: [Entitäten]}}", lambda c: findings(c)),
    **{  # requirements: what `check` compares the PDF with
        name: (f"requirements: {{{setting}}}", lambda c: required(c))
        for name, setting in {
            "paper": "paper: letter",
            "font_size": "font_size: 11pt",
            "line_spacing": "line_spacing: {word: 1.5}",
            **{side: f"margins: {{{side}: 4cm}}" for side in ("left", "right", "top", "bottom")},
            "least": "pages: {min: 40}",
            "most": "pages: {max: 40}",
            "count": "pages: {count: all}",
            "fonts_embedded": "fonts_embedded: false",
            "metadata": "metadata: false",
            "parts": "parts: [bibliography]",
        }.items()
    },
    "rules": ("lint: {rules: {math: error}}", lambda c: severities(c)),
    "words": ("lint: {words: [Entitäten]}", lambda c: findings(c)),  # 01.md's "Entitäten"
    "width": ("figures: {width: 5}", lambda c: execution(c, Reporter()).figures),
    "height": ("figures: {height: 3}", lambda c: execution(c, Reporter()).figures),
    "dpi": ("figures: {dpi: 600}", lambda c: execution(c, Reporter()).figures),
    "format": ("figures: {format: pdf}", lambda c: execution(c, Reporter()).figures),
}
RAN = new_notebook(cells=[new_code_cell("x = 1", execution_count=1)])


def gateway_of(config: Config) -> object:
    gateway = execution(config, Reporter()).gateway
    return None if gateway is None else (gateway.url, gateway.kernel, gateway.directory)


def manuscript(config: Config) -> str:
    return build_markdown(config, Reporter()).path.read_text(encoding="utf-8")


def stored_warning(config: Config) -> str:
    """A notebook chapter whose stored output printed a pandas warning to stderr."""
    said = "/tmp/ipykernel_7/1.py:2: SettingWithCopyWarning: \nA value is set on a copy\n"
    warned = new_output("stream", name="stderr", text=said)
    cell = new_code_cell("df['x'] = 1", outputs=[warned], execution_count=1)
    path = config.root / "thesis" / "03.ipynb"
    path.write_text(json.dumps(new_notebook(cells=[cell])), encoding="utf-8")
    source = read_chapter(path, "thesis/03.ipynb")
    paths = BuildPaths.of(config.root)
    how = execution(config, Reporter())
    return render_chapter(source, how, paths, config.code, config.warnings).markdown


def cleaned_bibliography(config: Config) -> str | None:
    paths = BuildPaths.of(config.root)
    checked = clean_bibliography(config, paths.bibliography, paths.bibliography_memo)
    return None if checked is None else checked.path.read_text(encoding="utf-8")


def preamble(config: Config) -> str:
    return write_preamble(config, "", BuildPaths.of(config.root).preamble).read_text("utf-8")


def findings(config: Config) -> list[str]:
    return [finding.rule for finding in lint_chapters(read_sources(config), config)]


def severities(config: Config) -> list[str]:
    """The severities of a chapter with bare math (a warning unless lint.rules says)."""
    path = config.root / "thesis" / "03.md"
    path.write_text("# Drei\n\nDie Ausgabe x_n.\n", encoding="utf-8")
    chapter = read_chapter(path, "thesis/03.md")
    return [finding.severity for finding in lint_chapters([chapter], config)]


def other_key_project(root: Path, lines: str) -> Config:
    (root / "thesis").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "data" / "messung.csv").write_text("1\n", encoding="utf-8")
    (root / "quellen.bib").write_text("@misc{alt, title={Alt}}\n", encoding="utf-8")
    (root / "thesis" / "01.md").write_text(
        "# Eins\n\nDie Entitäten.\n\n```python\nprint(1)\n```\n", encoding="utf-8"
    )
    (root / "thesis" / "02.md").write_text("# Zwei\n\nMehr.\n", encoding="utf-8")
    never = "" if lines.startswith("execute:") else "execute: never\n"  # no kernel
    (root / "thesis.yaml").write_text(f"title: T\n{never}{lines}\n", "utf-8")
    return load(root)


@pytest.mark.parametrize("name", [e.name for n, e in leaves(Config) if (n, e) not in TEMPLATE_KEYS])
def test_every_other_key_changes_the_build(tmp_path: Path, name: str) -> None:
    assert name in OTHER_KEYS, f"{name}: add to OTHER_KEYS what of the build it changes"
    lines, observe = OTHER_KEYS[name]
    plain = observe(other_key_project(tmp_path / "plain", ""))
    assert observe(other_key_project(tmp_path / "set", lines)) != plain, f"{name} has no effect"
