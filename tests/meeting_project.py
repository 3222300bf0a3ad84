"""A thesis in a real git repository in a temporary folder, for the meeting commands: a
first version tagged as an earlier meeting, then a second version committed — words in a
heading, a paragraph, a list item, a caption, a table cell and a footnote, a todo and a
citation changed, a paragraph added, a notebook
chapter whose code stayed the same, a chapter left alone."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from small_project import KERNEL_HEADER

YAML = 'title: "Vergleich"\nauthor: "Test Person"\nbibliography: literatur.bib\n'
BIB = """@book{knuth1984, author = {Donald Knuth}, title = {The TeXbook}, year = {1984},
  publisher = {Addison-Wesley}}
@book{lamport1994, author = {Leslie Lamport}, title = {LaTeX}, year = {1994},
  publisher = {Addison-Wesley}}
"""
INTRO = """# Einleitung{heading}

Dieser Absatz bleibt ganz gleich.

Die Methode liefert {quality} Ergebnisse für kleine Korpora [{cites}].

[todo {todo}]

- Schritt eins
- Schritt {step} folgt

| Modell | F1 |
|---|---|
| CRF | {score} |

: Ergebnisse {caption}{{#tbl-ergebnis}}

Eine Formel $a^2 + b^2$ steht hier.[^1]

[^1]: Die {note} Fußnote.
{added}"""
OLD = {"heading": "", "quality": "brauchbare", "cites": "@knuth1984", "step": "zwei",
       "todo": "Quelle nachtragen", "caption": "", "score": "0.81", "note": "alte",
       "added": ""}  # fmt: skip
NEW = {"heading": " und Ziel", "quality": "verlässliche", "cites": "@knuth1984; @lamport1994",
       "step": "drei", "todo": "Zweite Quelle prüfen", "caption": "der Messung ",
       "score": "0.84", "note": "neue",
       "added": "\nEin ganz neuer Absatz kommt hinzu.\n"}  # fmt: skip
NOTEBOOK = (
    KERNEL_HEADER
    + """# Rechnung

Die Rechnung {verb}:

```python
print(6 * 7)
```
"""
)
CLOSING = "# Schluss\n\nNichts ändert sich hier.\n"
EARLIER = "meeting-2026-11-02"
SECOND_COMMIT_DATE = "2026-11-20T10:00:00+00:00"


def git(root: Path, *args: str, when: str | None = None) -> str:
    dates = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    return subprocess.run(
        ["git", "-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.org", *args],
        cwd=root, check=True, capture_output=True, text=True, env={**os.environ, **dates},
    ).stdout.strip()  # fmt: skip


def write_version(root: Path, values: dict[str, str], verb: str) -> None:
    thesis = root / "thesis"
    thesis.mkdir(parents=True, exist_ok=True)
    (thesis / "01-einleitung.md").write_text(INTRO.format(**values), encoding="utf-8")
    (thesis / "02-rechnung.md").write_text(NOTEBOOK.format(verb=verb), encoding="utf-8")
    (thesis / "03-schluss.md").write_text(CLOSING, encoding="utf-8")


def meeting_repository(root: Path) -> Path:
    """The project with two commits, the first tagged as an earlier meeting."""
    root.mkdir(parents=True)
    (root / "thesis.yaml").write_text(YAML, encoding="utf-8")
    (root / "literatur.bib").write_text(BIB, encoding="utf-8")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    write_version(root, OLD, "ergibt")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first draft", when="2026-11-01T09:00:00+00:00")
    git(root, "tag", EARLIER)
    write_version(root, NEW, "zeigt")
    git(root, "commit", "-q", "-am", "second draft", when=SECOND_COMMIT_DATE)
    return root


def user_state(root: Path) -> list[str]:
    """What a diff must leave alone: status, index, HEAD, branches, stash, worktrees."""
    queries = (("status", "--porcelain"), ("rev-parse", "HEAD"), ("branch", "-a"),
               ("stash", "list"), ("worktree", "list"), ("diff", "--cached"))  # fmt: skip
    return [git(root, *query) for query in queries]
