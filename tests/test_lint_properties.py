"""Properties of lint on any text (hypothesis): it never crashes, every finding lies inside
the file, and --fix is idempotent. Runs the real CLI entry point in-process (a child
process per example would make a few hundred examples take minutes)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from conftest import run_thesisbuild
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

YAML = "title: x\nlint:\n  terminology:\n    Eigennamen: [Entitäten, '/Entit[äa]t\\w*/']\n"
# Pieces that mean something to the rules, mixed with arbitrary Unicode.
TOKENS = [
    "[todo ", "[", "]", "TODO: ", "- [ ] ", "☐", "$", "$$", "`", "```", "```python\n",
    "~~~", "\\(", "\\)", "\\[", "\\]", "<!--", "-->", "<https://a.org/x_n>", "](x_n)",
    "{#fig-a}", "\\hat{y}", "x_n", "h_{t-1}", "c_t^{\\wedge}", "Entitäten", "entität",
    "\n", "\n\n", "\r\n", "\x0c", "\x0b", "\x85", "\u2028", "# ", "# %%\n", "# %% [markdown]\n",
]  # fmt: skip
chapters = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=40).map(
    "".join
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lint(root: Path, *options: str) -> tuple[int, list[dict[str, object]]]:
    done = run_thesisbuild("lint", "--format", "json", *options, "-C", root)
    assert done.code in (0, 1), done.err
    return done.code, json.loads(done.out or "[]")


def project(folder: str, suffix: str, text: str) -> Path:
    root = Path(folder)
    (root / "thesis").mkdir()
    (root / "thesis.yaml").write_text(YAML, encoding="utf-8")
    (root / "thesis" / f"01{suffix}").write_bytes(text.encode("utf-8"))
    return root


@SETTINGS
@given(text=chapters, suffix=st.sampled_from([".md", ".py"]))
def test_every_finding_lies_inside_the_file(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = project(folder, suffix, text)
        _, findings = lint(root)
        lines = text.split("\n")
        for finding in findings:
            line, column = int(str(finding["line"])), int(str(finding["column"]))
            assert 1 <= line <= len(lines), finding
            assert 1 <= column <= len(lines[line - 1]) + 1, finding
            assert len(str(finding["text"])) <= 500
            if finding["rule"] != "todo":  # fixable: --fix finds its text right there
                offset = sum(len(before) + 1 for before in lines[: line - 1]) + column - 1
                assert text.startswith(str(finding["text"]), offset), finding  # may span lines


@SETTINGS
@given(text=chapters, suffix=st.sampled_from([".md", ".py"]))
def test_fix_is_idempotent(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = project(folder, suffix, text)
        chapter = root / "thesis" / f"01{suffix}"
        lint(root, "--fix")
        once = chapter.read_bytes()
        lint(root, "--fix")
        assert chapter.read_bytes() == once
        assert not list(chapter.parent.glob(".*.tmp"))
