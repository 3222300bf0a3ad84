"""`thesisbuild diff` on a real git repository with the real tools, read back as a reader
sees it: the colours of added, deleted and unchanged words and their rules (pdfplumber),
the summary page, Word's tracked changes in the DOCX, the user's checkout untouched, and
one-line errors. The change-marked PDF is the one `meeting` built (conftest.py)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import MeetingBuild, Run, copy_built
from meeting_project import EARLIER, git, meeting_repository, user_state
from tex import pdf_text

pytestmark = [pytest.mark.tex, pytest.mark.kernel]
ADDED = (0, 84 / 255, 200 / 255)
DELETED = (200 / 255, 16 / 255, 16 / 255)


def colour_of(word: dict[str, Any]) -> tuple[float, ...]:
    return tuple(float(value) for value in word["non_stroking_color"] or (0,))


def close(colour: tuple[float, ...], expected: tuple[float, ...]) -> bool:
    pairs = zip(colour, expected, strict=False)
    return len(colour) == 3 and all(abs(a - b) < 0.01 for a, b in pairs)


def the_word(page: Any, text: str) -> dict[str, Any]:
    words = page.extract_words(x_tolerance=1.5, extra_attrs=["non_stroking_color"])
    return next(word for word in words if word["text"].startswith(text))


def rules_at(page: Any, word: dict[str, Any]) -> list[float]:
    """Where thin rules cross the word, in its height: ~0.5 struck, ~1 underlined."""
    found = []
    for rule in [*page.rects, *page.lines]:
        thin = rule["bottom"] - rule["top"] < 1.5
        overlaps = rule["x0"] < word["x1"] - 1 and rule["x1"] > word["x0"] + 1
        if thin and overlaps and word["top"] - 2 < rule["top"] < word["bottom"] + 4:
            found.append((rule["top"] - word["top"]) / (word["bottom"] - word["top"]))
    return found


@pytest.fixture(scope="module")
def marked_page(meeting_build: MeetingBuild) -> Any:
    import pdfplumber

    with pdfplumber.open(meeting_build.root / "build" / "diff.pdf") as pdf:
        page = next(p for p in pdf.pages if "verlässliche" in (p.extract_text() or ""))
        yield page


def test_added_deleted_and_unchanged_words_in_their_colours(marked_page: Any) -> None:
    added, deleted = the_word(marked_page, "verlässliche"), the_word(marked_page, "brauchbare")
    unchanged = the_word(marked_page, "Methode")
    assert close(colour_of(added), ADDED)
    assert close(colour_of(deleted), DELETED)
    assert all(value == 0 for value in colour_of(unchanged))
    assert any(0.3 < at < 0.8 for at in rules_at(marked_page, deleted)), "struck through"
    assert any(at > 0.9 for at in rules_at(marked_page, added)), "underlined"
    assert not rules_at(marked_page, unchanged)


def test_headings_lists_captions_cells_and_footnotes_are_marked(marked_page: Any) -> None:
    for text, colour in (("0.81", DELETED), ("0.84", ADDED), ("alte", DELETED),
                         ("neue", ADDED), ("hinzu", ADDED), ("Ziel", ADDED), ("zwei", DELETED),
                         ("drei", ADDED), ("Messung", ADDED), ("Schritt", None)):  # fmt: skip
        found = colour_of(the_word(marked_page, text))
        assert close(found, colour) if colour else not any(found), text


def test_summary_page_comes_first(meeting_build: MeetingBuild) -> None:
    pdf = meeting_build.root / "build" / "diff.pdf"
    summary = pdf_text(pdf, joined=True, first=2, last=2)
    assert f"Änderungen seit {EARLIER}" in summary
    assert "mit HEAD" in summary and "Arbeitsverzeichnis" not in summary
    assert "Todos erledigt (1): – „Quelle nachtragen“" in summary
    assert "Todos neu (1): – „Zweite Quelle prüfen“" in summary
    assert "Zitate: +1 / −0 +lamport1994" in summary
    assert "Schluss: unverändert" in summary and "Rechnung: unverändert" not in summary
    assert re.search(r"Wörter: \+\d+ / −\d+", summary)


def test_old_code_cells_equal_to_the_current_ones_are_not_run(
    meeting_build: MeetingBuild,
) -> None:
    said = meeting_build.first.err
    assert (
        f"{EARLIER}: thesis/02-rechnung.md: exported (code unchanged: outputs from the cache)"
        in said
    )
    assert said.count("executed and exported") == 1  # the thesis' own build, once


def docx_changes(path: Path) -> list[tuple[str, str, str, str]]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    pattern = r'<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)">(.*?)</w:\1>'
    return [(kind, author, date, re.sub("<[^>]+>", "", body))
            for kind, author, date, body in re.findall(pattern, xml, re.S)]  # fmt: skip


def test_docx_tracked_changes_and_a_dirty_tree(
    meeting_build: MeetingBuild, tmp_path: Path, thesisbuild: Callable[..., Run]
) -> None:
    root = copy_built(meeting_build.root, tmp_path / "arbeit")
    done = thesisbuild("diff", EARLIER, "--to", "docx", "-C", root)
    assert done.code == 0, done.err
    assert done.out.strip().splitlines()[-1] == "build/diff.docx"
    changes = docx_changes(root / "build" / "diff.docx")
    assert ("ins", "Ada Lovelace", "2026-11-20T10:00:00Z", "verlässliche") in changes
    assert ("del", "Ada Lovelace", "2026-11-20T10:00:00Z", "brauchbare") in changes
    chapter = root / "thesis" / "03-schluss.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUnverbindlich.\n")
    before = user_state(root)
    dirty = thesisbuild("diff", "--to", "docx", "-C", root)
    assert dirty.code == 0, dirty.err
    assert user_state(root) == before
    xml = zipfile.ZipFile(root / "build" / "diff.docx").read("word/document.xml").decode()
    assert "Arbeitsverzeichnis (nicht committete Änderungen)" in xml
    assert "Jede Änderung ist eine Word-Überarbeitung" in xml
    assert any(kind == "ins" and "Unverbindlich" in text
               for kind, _, _, text in docx_changes(root / "build" / "diff.docx"))  # fmt: skip


def test_bad_input_is_one_line_with_exit_2(tmp_path: Path, thesisbuild: Callable[..., Run]) -> None:
    plain = tmp_path / "plain"
    (plain / "thesis").mkdir(parents=True)
    (plain / "thesis.yaml").write_text('title: "T"\n', encoding="utf-8")
    (plain / "thesis" / "01.md").write_text("# Eins\n", encoding="utf-8")
    repository = meeting_repository(tmp_path / "repo")
    git(repository, "tag", "-d", EARLIER)
    cases = ((plain, (), "not a git repository"), (repository, (), "no meeting-* tag"),
             (repository, ("nope",), "unknown revision 'nope'"))  # fmt: skip
    for root, args, message in cases:
        done = thesisbuild("diff", *args, "-C", root)
        assert done.code == 2 and message in done.err, done.err
        assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err
    assert not (repository / "build" / "diff").exists()
