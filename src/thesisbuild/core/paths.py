"""Every file a build writes, named in one place. `build` is the project's build/ (caches,
chapters' figures, kernel logs, the lock, the no-op record); `work` is where one target's
manuscript, .tex and LaTeX run live: build/ for the thesis, build/preview/ for a preview."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError

BUILD_DIR = "build"
PREVIEW_DIR = "preview"
CACHE_DIR = ".cache"


@dataclass(frozen=True)
class BuildPaths:
    """`cache` is build/.cache unless another tree shares this one's (an old revision
    built for a diff reuses the executed outputs and exports of the project's build)."""

    build: Path
    work: Path
    cache: Path

    @classmethod
    def of(cls, root: Path) -> BuildPaths:
        """The whole thesis' paths in the project at `root`."""
        build = root / BUILD_DIR
        return cls(build, build, build / CACHE_DIR)

    def preview(self) -> BuildPaths:
        """A chapter preview's: its own manuscript and LaTeX run, the shared caches."""
        return replace(self, work=self.build / PREVIEW_DIR)

    def whole(self) -> BuildPaths:
        """The whole thesis' paths (whose labels a preview borrows)."""
        return replace(self, work=self.build)

    def sharing_cache(self, other: BuildPaths) -> BuildPaths:
        """These paths with `other`'s caches (code outputs, exports, SVG and HTML)."""
        return replace(self, cache=other.cache)

    @property
    def is_preview(self) -> bool:
        return self.work != self.build

    @property
    def root(self) -> Path:
        """The project folder the build folder belongs to."""
        return self.build.parent

    # shared by every target
    @property
    def executed(self) -> Path:
        """Chapters' outputs by code (notebook/cache.py)."""
        return self.cache / "executed"

    @property
    def exported(self) -> Path:
        """nbconvert's markdown by notebook (notebook/cache.py)."""
        return self.cache / "exported"

    @property
    def html_cache(self) -> Path:
        return self.cache / "html"

    @property
    def svg_cache(self) -> Path:
        return self.cache / "svg"

    @property
    def inputs_memo(self) -> Path:
        """The digests of thesis.yaml's `inputs` files (notebook/inputs.py)."""
        return self.cache / "inputs.json"

    @property
    def kernel_logs(self) -> Path:
        return self.build / "kernel"

    @property
    def last_build(self) -> Path:
        return self.cache / "last-build.json"

    @property
    def figures(self) -> Path:
        return self.build / "figures"

    @property
    def stats_history(self) -> Path:
        """`stats --history`'s plot of words and open todos over the revisions."""
        return self.build / "stats-history.png"

    @property
    def default_pdf(self) -> Path:
        return self.build / ("preview.pdf" if self.is_preview else "thesis.pdf")

    @property
    def default_docx(self) -> Path:
        return self.build / "thesis.docx"

    @property
    def docx_figures(self) -> Path:
        """PDF images rendered as PNG for Word, which cannot show a PDF (word/figures.py)."""
        return self.build / "docx-figures"

    # one target's
    @property
    def chapters(self) -> Path:
        return self.work / "chapters"

    @property
    def manuscript(self) -> Path:
        return self.work / "thesis.md"

    @property
    def tex(self) -> Path:
        return self.work / "thesis.tex"

    @property
    def pandoc_defaults(self) -> Path:
        return self.work / "pandoc.yaml"

    @property
    def templates(self) -> Path:
        """The packaged template partials with the project's own laid over them."""
        return self.work / "templates"

    @property
    def pandoc_log(self) -> Path:
        return self.work / "pandoc.log"

    @property
    def preamble(self) -> Path:
        return self.work / "preamble.tex"

    @property
    def bibliography(self) -> Path:
        return self.work / "bibliography.bib"

    @property
    def bibliography_memo(self) -> Path:
        """What the last check of the .bib found (latex/bibliography.py)."""
        return self.work / "bibliography.json"

    @property
    def reference_docx(self) -> Path:
        """pandoc's reference DOCX with thesis.yaml's layout (word/reference.py)."""
        return self.work / "reference.docx"

    @property
    def docx_defaults(self) -> Path:
        """The pandoc options of the Word copy: rerun with `pandoc -d build/docx.yaml`."""
        return self.work / "docx.yaml"

    @property
    def docx_log(self) -> Path:
        return self.work / "docx.log"

    @property
    def staged_docx(self) -> Path:
        """Where pandoc writes the .docx before it replaces the last good one."""
        return self.work / "staged.docx"

    @property
    def latexmk_log(self) -> Path:
        return self.work / "latexmk.log"

    @property
    def latex(self) -> Path:
        """LaTeX's working folder (latexmk's -outdir, relative to `work` where it runs)."""
        return self.work / "latex"

    @property
    def latex_log(self) -> Path:
        return self.latex / "thesis.log"

    @property
    def latex_pdf(self) -> Path:
        return self.latex / "thesis.pdf"

    @property
    def recorder(self) -> Path:
        """latexmk's record of the files LaTeX read (.fls)."""
        return self.latex / "thesis.fls"


def inside(root: Path, path: Path) -> bool:
    """Whether path, its `..` and symbolic links followed, is in the project at root: a
    file a project names must not take the builder's files into its build."""
    return path.resolve().is_relative_to(root.resolve())


def refuse_links_on_the_way(root: Path, folder: Path) -> None:
    """Before writing into `folder` (below root/build/): none of the folders from the
    project down to it is a symbolic link, which the write would go through (a planted
    `build/.cache -> ~/elsewhere`). A few lstat calls, cheap enough for every write."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise ConfigError(
                f"{current.relative_to(root)}: a symbolic link; the build writes there, "
                f"so it would write through it: delete {current.relative_to(root)}."
            )


def refuse_planted_links(build_dir: Path) -> None:
    """build/ is the tool's own: pandoc, TeX and the logs write through a symlink there, so a
    project that ships `build/thesis.tex -> ~/.bashrc` would have the build overwrite it."""
    refuse_links_on_the_way(build_dir.parent, build_dir)
    links = [
        Path(folder, name)
        for folder, folders, files in os.walk(build_dir)
        for name in (*folders, *files)
        if Path(folder, name).is_symlink()
    ]
    if links:
        shown = ", ".join(str(link) for link in sorted(links)[:5])
        raise ConfigError(f"build/ holds symbolic links ({shown}); delete build/ and build again.")
