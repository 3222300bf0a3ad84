"""The projects the commands run in: the shipped thesis repeated N times, made once per
size and copied afresh for every timed run, so the repository's build/ stays untouched."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from commands import Tools, untimed

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("thesis", "thesis.yaml", "bibliography.bib")
CHAPTER_SUFFIXES = (".md", ".ipynb", ".py")  # what thesisbuild takes from thesis/
NOTEBOOKS = "nb"  # the chapters as .ipynb for nbconvert; outside thesis/, so thesisbuild skips it


def chapter_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in CHAPTER_SUFFIXES and p.is_file())


def make_project(dest: Path, size: int) -> None:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    register(dest / "thesis.yaml", multiply(dest / "thesis", size))


def multiply(folder: Path, size: int) -> list[Path]:
    """Copies of every chapter, size - 1 of each: 03-grundlagen-r07.md and so on."""
    originals = chapter_files(folder)
    width = len(str(size - 1))
    copies = []
    for repeat in range(1, size):
        for chapter in originals:
            copy = chapter.with_name(f"{chapter.stem}-r{repeat:0{width}d}{chapter.suffix}")
            shutil.copy2(chapter, copy)
            copies.append(copy)
    return copies


def register(config: Path, copies: list[Path]) -> None:
    """Without `chapters:` thesisbuild takes thesis/ sorted; with it, list the copies too."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    if not copies or "chapters" not in data:
        return
    data["chapters"] = [*data["chapters"], *(f"thesis/{copy.name}" for copy in copies)]
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def make_notebooks(dest: Path, tools: Tools) -> None:
    """nb/: the chapters as .ipynb (jupytext), for nbconvert."""
    folder = dest / NOTEBOOKS
    folder.mkdir()
    for chapter in chapter_files(dest / "thesis"):
        shutil.copy2(chapter, folder / chapter.name)
    texts = [p.name for p in chapter_files(folder) if p.suffix != ".ipynb"]
    if texts:
        untimed([tools.jupytext, "--to", "ipynb", *texts], folder, tools.env)
    for name in texts:
        (folder / name).unlink()


def notebooks(copy: Path) -> list[str]:
    return [f"{NOTEBOOKS}/{path.name}" for path in sorted((copy / NOTEBOOKS).glob("*.ipynb"))]


def chapter_args(copy: Path) -> list[str]:
    return [f"thesis/{path.name}" for path in chapter_files(copy / "thesis")]


def built_chapters(copy: Path) -> list[str]:
    return [f"chapters/{path.name}" for path in sorted((copy / "build/chapters").glob("*.md"))]


class Stage:
    """One pristine project per size (and one with an untimed `thesisbuild md` done), made
    once in a scratch folder and copied afresh for every timed run."""

    def __init__(self, scratch: Path, tools: Tools) -> None:
        self.scratch = scratch
        self.tools = tools
        self._pristine: dict[tuple[int, bool | str], Path] = {}

    def chapters(self, size: int) -> int:
        return len(chapter_files(self.pristine(size) / "thesis"))

    def pristine(self, size: int, built: bool | str = False) -> Path:
        key = (size, built)
        if key not in self._pristine:
            self._pristine[key] = self._make(size, built)
        return self._pristine[key]

    def _make(self, size: int, built: bool | str) -> Path:
        dest = (
            self.scratch
            / f"size-{size}{'-built' if built else ''}{built if built == 'pdf' else ''}"
        )
        if built:
            shutil.copytree(self.pristine(size), dest, symlinks=True)
            step = "pdf" if built == "pdf" else "md"
            untimed([self.tools.thesisbuild, step, "--quiet"], dest, self.tools.env)
        else:
            make_project(dest, size)
            make_notebooks(dest, self.tools)
        return dest

    @contextmanager
    def fresh(self, size: int, built: bool | str = False) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="thesisbench-run-") as scratch:
            copy = Path(scratch) / "project"
            shutil.copytree(self.pristine(size, built), copy, symlinks=True)
            yield copy
