"""Issue 22, hardening: hostile or unusual input in a real project ends in one located
sentence and the README's exit code, never a traceback, a hang or a lost file. The CLI
runs as its own process."""

from __future__ import annotations

from pathlib import Path

import pytest
from processes import no_traceback, run

CHAPTER = "# Kapitel\n\nText.\n"


def thesis(root: Path, yaml: str, chapters: dict[str, str]) -> Path:
    (root / "thesis").mkdir(parents=True, exist_ok=True)
    (root / "thesis.yaml").write_text(yaml, encoding="utf-8")
    for name, text in chapters.items():
        (root / "thesis" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["md", "doctor", "watch", "lint"])
@pytest.mark.parametrize("value", ["1e400", "-1e400", ".inf"])
def test_an_infinite_number_is_a_located_config_error(
    tmp_path: Path, command: str, value: str
) -> None:
    root = thesis(tmp_path, f"title: x\nexecute_timeout: {value}\n", {"01.md": CHAPTER})
    done = run(command, "-C", root, timeout=60)
    assert done.returncode == 2 and no_traceback(done)
    assert "thesis.yaml:2: execute_timeout: expected a" in done.stderr
