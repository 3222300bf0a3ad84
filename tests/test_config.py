"""thesis.yaml: only the title is required; every problem is one message naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesisbuild.config.model import Config, Layout, TerminologyRule
from thesisbuild.config.reader import load, pattern_problem
from thesisbuild.core.errors import EXIT_USAGE, ConfigError

DATA = Path(__file__).parent / "data"
CONFIGS = DATA / "config"
DRAFT = Path(__file__).parent / "data" / "draft"
KNOWN_TOP_KEYS = (
    "abbreviations, ai_tools, appendix, author, bibliography, chapters, citation_style, code, "
    "company, date, declaration, degree, engine, execute, execute_gateway, execute_jobs, "
    "execute_timeout, faculty, figures, inputs, "
    "language, latex, layout, lint, logo, place, requirements, reviewers, sperrvermerk, subtitle, "
    "thesis_type, title, university, warnings"
)


def test_title_is_all_it_takes() -> None:
    root = CONFIGS / "minimal"
    config = load(root)
    assert config.title == "Nur ein Titel"
    assert config.chapters == (root.resolve() / "thesis" / "01-kapitel.md",)
    assert (config.execute, config.language, config.layout) == ("auto", "de", Layout())
    assert (config.author, config.bibliography, config.terminology) == (None, None, ())


def test_chapters_default_to_thesis_folder_sorted(tmp_path: Path) -> None:
    (tmp_path / "thesis").mkdir()
    for name in ("02-b.py", "10-c.ipynb", "01-a.md", "notizen.txt"):
        (tmp_path / "thesis" / name).write_text("x", encoding="utf-8")
    (tmp_path / "thesis.yaml").write_text("title: T\n", encoding="utf-8")
    names = [path.name for path in load(tmp_path).chapters]
    assert names == ["01-a.md", "02-b.py", "10-c.ipynb"]


def test_draft_thesis_yaml() -> None:
    config = load(DRAFT)
    assert config.title == "Named Entity Recognition mit schwach gelabelten Daten"
    assert [path.name for path in config.chapters][:2] == ["01-abstract.md", "02-einfuehrung.md"]
    assert len(config.chapters) == 9
    assert config.bibliography == DRAFT.resolve() / "bibliography.bib"
    assert config.terminology == (
        TerminologyRule("Eigennamenerkennung", ("/Entitäten-?[Ee]rkennung/",)),
        TerminologyRule("Eigennamen", ("Entitäten",)),
        TerminologyRule("Eigenname", ("Entität",)),
    )
    assert config.layout.margins.left == "3cm"
    assert config.sperrvermerk is True  # the standard wording of the language


def test_relative_shows_paths_as_typed() -> None:
    config = Config(root=Path("/p"), title="T")
    assert config.relative(Path("/p/thesis/a.md")) == "thesis/a.md"
    assert config.relative(Path("/elsewhere/b.md")) == "/elsewhere/b.md"


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        pytest.param(
            "invalid-yaml",
            "thesis.yaml:4:4: invalid YAML: expected <block end>, but found "
            "'<block mapping start>' (while parsing a block mapping that starts at line 3, "
            "column 3). Check the indentation and quoting there.",
            id="invalid-yaml",
        ),
        pytest.param(
            "unknown-keys",
            f"thesis.yaml:2: autor: unknown key (known keys: {KNOWN_TOP_KEYS})\n"
            "thesis.yaml:5: layout.linespacing: unknown key (known keys: font, font_size, "
            "line_spacing, main_font, margins, mono_font, sans_font, twoside)",
            id="unknown-keys",
        ),
        pytest.param(
            "wrong-types",
            "thesis.yaml:2: reviewers: expected a list, got 'Prof. Dr. Erstgutachter'\n"
            "thesis.yaml:3: execute: expected one of never, auto, always, got 'sometimes'\n"
            "thesis.yaml:5: layout.line_spacing: expected a number, got 'anderthalb'\n"
            "thesis.yaml:6: layout.margins: expected a mapping, got '3cm'\n"
            "thesis.yaml:7: sperrvermerk: expected text, got a list",
            id="wrong-types",
        ),
        pytest.param(
            "missing-chapter",
            "thesis.yaml:4: chapters[1]: file not found: thesis/02-methoden.md",
            id="missing-chapter",
        ),
        pytest.param(
            "duplicate-key",
            "thesis.yaml:3: chapters: duplicate key (first on line 2)",
            id="duplicate-key",
        ),
        pytest.param(
            "several-problems",
            "thesis.yaml:1: title: missing; every thesis needs a title\n"
            "thesis.yaml:4: chapters[0]: file not found: thesis/99-fehlt.md\n"
            "thesis.yaml:5: execute: expected one of never, auto, always, got 'immer'\n"
            f"thesis.yaml:6: colour: unknown key (known keys: {KNOWN_TOP_KEYS})\n"
            "thesis.yaml:9: lint.terminology.Eigennamen: expected a list, got 'Entitäten'\n"
            "thesis.yaml:10: lint.terminology.Eigennamenerkennung[0]: not a valid regular "
            "expression: missing ) at position 11",
            id="several-problems-together",
        ),
    ],
)
def test_config_problem_is_one_message(scenario: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(CONFIGS / scenario)
    assert caught.value.message == message
    assert caught.value.exit_code == EXIT_USAGE


@pytest.mark.parametrize("command", ["lint", "md"])
@pytest.mark.parametrize(
    "scenario",
    [
        "invalid-yaml",
        "unknown-keys",
        "wrong-types",
        "missing-chapter",
        "duplicate-key",
        "several-problems",
    ],
)
def test_config_problem_on_the_command_line(thesisbuild, command: str, scenario: str) -> None:
    run = thesisbuild(command, "-C", CONFIGS / scenario)
    assert run.code == 2
    assert run.err.startswith("Error: thesis.yaml:")
    assert "Traceback" not in run.err
    assert run.out == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "- a\n- b\n",
            "thesis.yaml:1: expected a mapping, got a list\n"
            "thesis.yaml:1: title: missing; every thesis needs a title",
            id="list",
        ),
        pytest.param("title:\n", "thesis.yaml:1: title: expected text, got nothing", id="null"),
        pytest.param(
            "title: T\nauthor: {matriculation_number: '1'}\n",
            "thesis.yaml:2: author: missing name",
            id="author-without-name",
        ),
        pytest.param(
            "title: T\nchapters: thesis/a.md\n",
            "thesis.yaml:2: chapters: expected a list, got 'thesis/a.md'",
            id="chapters-not-a-list",
        ),
        pytest.param(
            "title: T\nlint: {terminolgy: {}}\n",
            "thesis.yaml:2: lint.terminolgy: unknown key (known keys: rules, terminology, words)",
            id="lint-typo",
        ),
        pytest.param(
            "title: T\nexecute_timeout: 0.5\n",
            "thesis.yaml:2: execute_timeout: expected a whole number from 1 to 86400, got '0.5'",
            id="timeout-not-whole-seconds",
        ),
        pytest.param(
            "title: T\ninputs: [daten/*.csv]\n",
            "thesis.yaml:2: inputs[0]: no file matches 'daten/*.csv'",
            id="inputs-match-nothing",
        ),
        pytest.param(
            "title: T\nlayout:\n  main_font: Keine Solche Schrift\n",
            "thesis.yaml:3: layout.main_font: font 'Keine Solche Schrift' is not installed "
            "(fc-list does not know it); install it or choose one that `fc-list : family` lists",
            id="font-not-installed",
        ),
        pytest.param(
            "title: T\nlogo: logo.png\n",
            "thesis.yaml:2: logo: file not found: logo.png",
            id="logo-missing",
        ),
        pytest.param(
            "title: T\nlayout: {twoside: beidseitig}\n",
            "thesis.yaml:2: layout.twoside: expected true or false, got 'beidseitig'",
            id="twoside-not-a-boolean",
        ),
        pytest.param(
            "title: T\nlanguage: fr\n",
            "thesis.yaml:2: language: expected one of de, en, got 'fr'",
            id="language-without-strings",
        ),
        pytest.param(
            'title: "T\n',
            "thesis.yaml:2:1: invalid YAML: found unexpected end of stream (while scanning a "
            "quoted scalar that starts at line 1, column 8). Check the indentation and quoting "
            "there.",
            id="unclosed-quote",
        ),
    ],
)
def test_more_config_problems(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "thesis.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    assert caught.value.message == message


@pytest.mark.parametrize("command", ["lint", "md"])
def test_title_only_is_enough_for_lint_and_md(project, thesisbuild, command: str) -> None:
    root = project("config/minimal")
    run = thesisbuild(command, "-C", root)
    assert run.code == 0, run.err


@pytest.mark.parametrize("command", ["lint", "md"])
def test_missing_thesis_yaml_says_how_to_start(thesisbuild, tmp_path: Path, command: str) -> None:
    run = thesisbuild(command, "-C", tmp_path)
    assert run.code == 2
    assert (
        f"thesis.yaml: not found. Start a thesis project with `thesisbuild init {tmp_path}`"
        in run.err
    )
    assert "or write thesis.yaml with at least a title" in run.err
    assert 'title: "Titel der Arbeit"' in run.err
    assert "Traceback" not in run.err


def test_empty_thesis_yaml(tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_text("# nur ein Kommentar\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^thesis\.yaml: the file is empty; it needs at least"):
        load(tmp_path)


def test_thesis_yaml_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_bytes("title: Einführung\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"^thesis.yaml: not UTF-8 text .*save it as UTF-8"):
        load(tmp_path)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        pytest.param("Entitäten-?[Ee]rkennung", None, id="re-and-regex"),
        pytest.param(r"\p{Lu}\w+", None, id="regex-only"),
        pytest.param("Entitäten(-", "missing ) at position 11", id="neither"),
    ],
)
def test_a_terminology_pattern_is_checked_with_the_module_lint_uses(
    pattern: str, problem: str | None
) -> None:
    assert pattern_problem(pattern) == problem
