"""`thesisbuild stats`: prose words and the other counts of chapter text (text/counts.py),
the table and JSON, and --history over a real git repository in tmp, with its PNG. No
LaTeX, no kernel: a PDF for the page count is drawn by matplotlib."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from small_project import write_project

from thesisbuild.config.model import Config
from thesisbuild.lint.linter import lint_chapters
from thesisbuild.sources.chapter import ChapterSource, parse_cached
from thesisbuild.text.counts import ChapterCounts, count_chapter, words

CHAPTER = """\
# Einleitung {#sec-intro}

Ein Satz mit vier Wörtern [todo hier fehlt etwas
Wichtiges] und `code im Text` und $x^2 + y$ sowie \\hat{y} hier.

## Zweiter Abschnitt

- erster Punkt
- [ ] offene Aufgabe ungezählt

1. nummerierter Punkt

Siehe @fig-bild und [@mueller2020; @schmidt2021] oder <https://example.org/a/b>,
ada@example.org, \\emph{betont}.

![Eine Bildunterschrift](bild.png){#fig-bild width=50%}

| Spalte eins | Spalte zwei |
|---|---|
| Zelle | Zelle |

Table: Eine Tabelle {#tbl-t}

Eine Fußnote[^1] hier.

[^1]: Der Fußnotentext.

<!-- ein Kommentar, TODO: raus damit -->

::: {lang=en-US}
Three English words.
:::

```
fenced code words
```

$$
E = mc^2
$$

```python
#| label: fig-plot
#| fig-cap: "Ein gezeichnetes Bild"
print("viele Wörter im Code")  # TODO: aufräumen
```
"""
# Einleitung 1; Ein Satz mit vier Wörtern und und sowie hier. 9; Zweiter Abschnitt 2;
# erster Punkt, nummerierter Punkt 4; Siehe und oder ada@example.org betont 5; the
# image's caption 2, the table's 2; Eine Fußnote hier. 3; Der Fußnotentext. 2; Three
# English words. 3; the code cell's fig-cap 3.
CHAPTER_WORDS = 36


def chapter(text: str, name: str = "thesis/01-einleitung.md") -> ChapterSource:
    return parse_cached(Path(name), name, text.encode("utf-8"), None)


def test_words_are_prose_only_and_the_rest_is_counted() -> None:
    counts = count_chapter(chapter(CHAPTER))
    assert counts == ChapterCounts(
        path="thesis/01-einleitung.md",
        title="Einleitung",
        words=CHAPTER_WORDS,
        todos=4,  # the bracket, the box, the comment's and the code cell's
        figures=2,  # the image and the fig- cell
        tables=1,
        citations=2,  # not @fig-bild, not the e-mail address
    )


def test_todos_are_the_ones_lint_reports(tmp_path: Path) -> None:
    source = chapter(CHAPTER)
    findings = lint_chapters([source], Config(root=tmp_path, title="T"), strict=False)
    assert count_chapter(source).todos == len([f for f in findings if f.rule == "todo"])


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Zwei Wörter.", 2),
        ("Ein [todo ganz viel Text hier] Wort.", 2),
        ("TODO: die ganze Zeile\nNächste Zeile.", 2),
        ("Mathe $a + b = c$ und $$\\sum_i x_i$$ weg.", 3),
        ("<b>fett</b> <img src='a.png'> &nbsp; Ende", 2),
        ("[Linktext](https://example.org/lange/adresse) da", 2),
        ("Zitat [@key, S. 12] gezählt", 4),  # the locator is printed text
        ("```{=latex}\n\\newpage\n```\nDanach.", 1),
        ("Roh \\textbf{fett} und \\ref{sec:x}.", 3),
    ],
    ids=["plain", "todo", "todo-line", "math", "html", "link", "citation", "raw", "latex"],
)
def test_words_of_markdown(markdown: str, expected: int) -> None:
    assert words(markdown) == expected


def test_an_ipynb_chapter_counts_neither_outputs_nor_raw_cells_but_cite2c_keys() -> None:
    code = nbformat.v4.new_code_cell(
        '#| label: tbl-werte\n#| tbl-cap: "Werte der Tabelle"\ndf',
        outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="viele Wörter der Ausgabe\n"),
            nbformat.v4.new_output("display_data", data={"text/plain": "Ausgabe als Text"}),
        ],
    )
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                '# Kapitel\n\nText mit <cite data-cite="a2020,b2021">(A 2020; B 2021)</cite>.'
            ),
            code,
            nbformat.v4.new_raw_cell("\\section{Roh gesetzt}"),
        ]
    )
    counts = count_chapter(chapter(nbformat.writes(notebook), "thesis/02.ipynb"))
    assert (counts.words, counts.citations, counts.tables, counts.figures) == (6, 2, 1, 0)


def test_a_percent_script_counts_as_its_markdown_twin() -> None:
    markdown = "# Titel\n\nEin kurzer Absatz mit sechs Wörtern.\n"
    script = "# %% [markdown]\n# # Titel\n#\n# Ein kurzer Absatz mit sechs Wörtern.\n"
    assert count_chapter(chapter(script, "thesis/01.py")).words == 7
    assert count_chapter(chapter(markdown)).words == 7


def test_table_and_json(tmp_path: Path, thesisbuild) -> None:
    root = write_project(
        tmp_path, {"01-eins.md": CHAPTER, "02-zwei.md": "# Zwei\n\nDrei Wörter hier.\n"}
    )
    table = thesisbuild("stats", "-C", root)
    assert table.code == 0, table.err
    lines = table.out.splitlines()
    assert lines[0].split() == [
        "chapter",
        "title",
        "words",
        "todos",
        "figures",
        "tables",
        "citations",
    ]
    assert lines[1].split() == [
        "thesis/01-eins.md",
        "Einleitung",
        str(CHAPTER_WORDS),
        "4",
        "2",
        "1",
        "2",
    ]
    assert lines[3].split() == ["total", str(CHAPTER_WORDS + 4), "4", "2", "1", "2"]
    assert len({len(line) for line in lines[:4]}) == 1  # the numbers flush right
    assert lines[4] == "pages: no build/thesis.pdf (`thesisbuild pdf` builds it)"
    data = json.loads(thesisbuild("stats", "--json", "-C", root).out)
    assert data["pages"] is None
    assert data["total"] == {"words": CHAPTER_WORDS + 4, "todos": 4, "figures": 2, "tables": 1,
                             "citations": 2}  # fmt: skip
    assert data["chapters"][1] == {
        "path": "thesis/02-zwei.md", "title": "Zwei",
        "words": 4, "todos": 0, "figures": 0, "tables": 0, "citations": 0,
    }  # fmt: skip


def test_pages_of_the_pdf_and_whether_it_is_older(tmp_path: Path, thesisbuild) -> None:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    root = write_project(tmp_path, {"01.md": "# Eins\n\nText.\n"})
    (root / "build").mkdir()
    with PdfPages(root / "build" / "thesis.pdf") as pdf:
        for _ in range(3):
            pdf.savefig(Figure())
    assert json.loads(thesisbuild("stats", "--json", "-C", root).out)["pages"] == 3
    assert thesisbuild("stats", "-C", root).out.splitlines()[-1] == "pages: 3 in build/thesis.pdf"
    later = (root / "build" / "thesis.pdf").stat().st_mtime + 10
    os.utime(root / "thesis" / "01.md", (later, later))
    assert "older than the chapters" in thesisbuild("stats", "-C", root).out


def git(root: Path, *args: str, when: str = "2026-11-02T10:00:00+01:00") -> None:
    identity = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.org", *args],
        cwd=root, check=True, capture_output=True, env={**os.environ, **identity},
    )  # fmt: skip


@pytest.fixture
def history_repository(tmp_path: Path) -> Path:
    """A project in a subfolder of a repository: a meeting, then a commit that lists the
    chapters in thesis.yaml (one file of thesis/ left out), then uncommitted work."""
    project = write_project(tmp_path / "repo" / "arbeit", {"01.md": "# Eins\n\nAlt [todo x].\n"})
    git(tmp_path / "repo", "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first")
    git(project, "tag", "meeting-2026-11-02")
    (project / "thesis" / "01.md").write_text("# Eins\n\nNeu und länger.\n", encoding="utf-8")
    (project / "thesis" / "02.md").write_text("# Zwei\n\n[todo a] [todo b]\n", encoding="utf-8")
    (project / "thesis" / "03.md").write_text("# Drei, nicht gelistet\n", encoding="utf-8")
    with (project / "thesis.yaml").open("a", encoding="utf-8") as yaml:
        yaml.write("chapters: [thesis/02.md, thesis/01.md]\n")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "second", when="2026-11-16T09:30:00+01:00")
    (project / "thesis" / "01.md").write_text("# Eins\n\nungespeichert " * 50, encoding="utf-8")
    return project


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_history_over_meetings_and_head(history_repository: Path, thesisbuild) -> None:
    done = thesisbuild("stats", "--history", "--json", "-C", history_repository)
    assert done.code == 0, done.err
    rows = json.loads(done.out)
    assert [(r["rev"], r["date"][:10], r["words"], r["todos"]) for r in rows] == [
        ("meeting-2026-11-02", "2026-11-02", 2, 1),
        ("HEAD", "2026-11-16", 5, 2),  # 02 and 01 as listed, not 03, not the uncommitted
    ]
    assert set(rows[0]) == {"rev", "commit", "date", "words", "todos", "figures", "tables",
                            "citations"}  # fmt: skip
    table = thesisbuild("stats", "--history", "-C", history_repository).out.splitlines()
    assert table[0].split() == ["revision", "commit", "date", "words", "todos", "figures",
                                "tables", "citations"]  # fmt: skip
    assert table[2].split()[0::2] == ["HEAD", "2026-11-16", "2", "0"]
    width, height = png_size(history_repository / "build" / "stats-history.png")
    assert (width, height) == (800, 450)


def test_history_of_every_commit(history_repository: Path, thesisbuild) -> None:
    done = thesisbuild("stats", "--history", "--all", "--json", "-C", history_repository)
    assert [row["words"] for row in json.loads(done.out)] == [2, 5]


def test_history_outside_a_repository_and_all_alone(tmp_path: Path, thesisbuild) -> None:
    root = write_project(tmp_path, {"01.md": "# Eins\n"})
    done = thesisbuild("stats", "--history", "-C", root)
    assert done.code == 2 and len(done.err.strip().splitlines()) == 1
    assert "not a git repository" in done.err
    assert thesisbuild("stats", "--all", "-C", root).code == 2


def test_stats_imports_neither_matplotlib_nor_the_build(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"01.md": "# Eins\n\nText.\n"})
    probe = (
        "import sys; from thesisbuild.cli.main import main; main(['stats', '-C', sys.argv[1]]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'nbconvert', "
        "'nbclient', 'pypandoc', 'bibtexparser') or m == 'thesisbuild.builder.pipeline'))"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(root)], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.splitlines()[-1] == "[]"


def test_an_old_thesis_yaml_that_cannot_be_read(history_repository: Path, thesisbuild) -> None:
    config = history_repository / "thesis.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "chapters: [\n", encoding="utf-8")
    git(
        history_repository,
        "commit",
        "-q",
        "-m",
        "broken",
        "thesis.yaml",
        when="2026-11-20T09:00:00+01:00",
    )
    git(history_repository, "tag", "meeting-2026-11-20")
    config.write_text(good, encoding="utf-8")  # today's, uncommitted
    done = thesisbuild("stats", "--history", "--json", "-C", history_repository)
    assert done.code == 0, done.err
    assert [row["words"] for row in json.loads(done.out)] == [2, 5, 5]
    assert (
        "meeting-2026-11-20: thesis.yaml unreadable there; counted today's chapter list" in done.err
    )


def test_history_without_matplotlib(
    history_repository: Path, thesisbuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    done = thesisbuild("stats", "--history", "-C", history_repository)
    assert done.code == 2 and done.out == ""
    assert "pip install matplotlib" in done.err and len(done.err.strip().splitlines()) == 1
    assert not (history_repository / "build" / "stats-history.png").exists()
