"""What a build of a hostile project may run, read and write (README "Security"): real
pandoc, real TeX Live via latexmk, the CLI as its own process, the PDF read back."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_built
from processes import no_traceback, run
from small_project import tiny_pdf, tiny_png
from tex import pdf_text as text_of
from tex import poppler, require_tex

pytestmark = pytest.mark.tex
RAW = "```{{=latex}}\n{}\n```\n"
PERL_RC = 'system("touch {}");\n'
SECRET = "GEHEIMNIS-9c1e"


def pdf_text(pdf: Path) -> str:
    return text_of(pdf, joined=True)


@pytest.fixture(autouse=True, scope="module")
def tex_installed() -> None:
    require_tex()


@pytest.fixture(scope="module")
def hostile(project) -> Path:
    """tests/data/hostile built once, with a Perl rc file planted in build/ beforehand."""
    root = project("hostile")
    (root / "build").mkdir()
    marker = root / "build-latexmkrc-ran"
    (root / "build" / "latexmkrc").write_text(PERL_RC.format(marker), encoding="utf-8")
    done = run("pdf", "-q", "-C", root)
    assert done.returncode == 0, done.stderr
    return root


def test_thesis_yaml_text_prints_literally(hostile: Path) -> None:
    text = pdf_text(hostile / "build" / "thesis.pdf")
    assert "Über C:\\temp & 100 % #1 \\input{/etc/hostname}" in text
    assert "$\\input{/etc/hostname}$" in text
    assert "Sub_title ~ ^ {braces} \\\\ end" in text
    assert "A. \\textbf{Bold} Autor" in text
    assert "Named_Entity & Recognition 50 %" in text
    hostname = socket.gethostname()
    if len(hostname) >= 6:  # what \input{/etc/hostname} would have printed
        assert hostname not in text


def test_raw_latex_reads_project_files(hostile: Path) -> None:
    assert "Projektdatei-gelesen-42." in pdf_text(hostile / "build" / "thesis.pdf")


def test_no_rc_file_and_no_shell_escape_runs(hostile: Path) -> None:
    ran = [name for name in ("build-latexmkrc-ran", "latexmkrc-ran") if (hostile / name).exists()]
    ran += [p.name for p in (hostile / "build").rglob("*-ran")]
    assert ran == []
    assert not (hostile / "build" / "shell-escape-ran").exists()


def test_build_files_have_the_usual_mode(hostile: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    for name in ("thesis.md", "pandoc.yaml", "chapters/thesis-01-kapitel-md.md", "thesis.pdf"):
        mode = stat.S_IMODE((hostile / "build" / name).stat().st_mode)
        assert mode == 0o666 & ~umask, name


# Reads of files outside the project (OUT, a folder beside it), one chapter each of one
# draft (`outside_reads`): the draft sets every refused read aside and delivers the rest.
# Each probe reads a file of its own, named after it (a file refused twice would be
# reported at its first place only). Each \\input costs a LaTeX run (it stops the run),
# so the one through ../../../ has a --final build of its own.
READS = {
    "absolute-input": "\\input{OUT/absolute-input.txt}",
    "verbatim-input": "\\VerbatimInput{OUT/verbatim-input.txt}",
    "xetex-picfile": '\\XeTeXpicfile "OUT/xetex-picfile.png"',
    "xetex-pdffile": '\\XeTeXpdffile "OUT/xetex-pdffile.pdf"',
    "includegraphics-png": "\\includegraphics{OUT/includegraphics-png.png}",
    "includegraphics-pdf": "\\includegraphics{OUT/includegraphics-pdf.pdf}",
}


def chapter_of(probe: str) -> str:
    return f"thesis/{list(READS).index(probe) + 1:02d}-{probe}.md"


def probe_chapter(command: str) -> str:
    """A chapter whose raw LaTeX block, line 6, is `command`."""
    return f"# Kapitel\n\nText.\n\n{RAW.format(command)}"


@dataclass(frozen=True)
class Build:
    """A project and what `thesisbuild pdf` said building it."""

    root: Path
    done: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def outside_reads(project, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """tests/data/hostile, its chapter replaced by one chapter per probe of READS, each
    reading its own copy of secret_files(base/outside); built once as a draft."""
    base = tmp_path_factory.mktemp("reads")
    secrets = secret_files(base / "outside")
    root = Path(shutil.copytree(project("hostile"), base / "project"))
    (root / "thesis" / "01-kapitel.md").unlink()
    for probe, command in READS.items():
        name = re.search(r"([\w-]+\.(txt|png|pdf))", command)
        assert name is not None
        shutil.copyfile(secrets[f"secret.{name[2]}"], base / "outside" / name[1])
        raw = command.replace("OUT", str(base / "outside"))
        (root / chapter_of(probe)).write_text(probe_chapter(raw), encoding="utf-8")
    return Build(root, run("pdf", "-q", "-C", root))


def said_about(build: Build, probe: str) -> list[str]:
    """The lines of the build's messages that name the probe's file (the first one
    without its "Error: ")."""
    lines = build.done.stderr.removeprefix("Error: ").splitlines()
    return [line for line in lines if f"{probe}." in line]


def test_a_draft_sets_every_refused_read_aside(outside_reads: Build) -> None:
    done = outside_reads.done
    assert done.returncode == 1 and no_traceback(done), done.stderr
    assert f"draft built with {len(READS)} places set aside" in done.stderr
    assert leaks(outside_reads.root) == []


@pytest.mark.parametrize("probe", ["absolute-input", "verbatim-input"])
def test_raw_latex_cannot_read_outside_the_project(outside_reads: Build, probe: str) -> None:
    """A draft sets the refused read aside (a box naming its place) and delivers the rest."""
    chapter = chapter_of(probe)
    refusals = [line for line in said_about(outside_reads, probe) if "refused to read" in line]
    assert any(line.startswith(f"{chapter}:6:") for line in refusals), outside_reads.done.stderr
    text = pdf_text(outside_reads.root / "build" / "thesis.pdf")
    assert "GEHEIMNIS" not in text
    assert f"Dieser Abschnitt konnte nicht gesetzt werden: {chapter}:6" in text


def test_raw_latex_cannot_read_through_parent_folders(project, tmp_path: Path) -> None:
    """--final stops at the refused read and writes no PDF."""
    (tmp_path / "secret.txt").write_text("GEHEIMNIS-7f3a\n", encoding="utf-8")
    root = Path(shutil.copytree(project("hostile"), tmp_path / "a" / "b"))
    chapter = root / "thesis" / "01-kapitel.md"  # from build/, ../../../secret.txt is it
    chapter.write_text(probe_chapter("\\input{../../../secret.txt}"), encoding="utf-8")
    done = run("pdf", "-q", "--final", "-C", root)
    assert done.returncode == 1, done.stderr
    assert "thesis/01-kapitel.md:6" in done.stderr
    assert "refused to read" in done.stderr and no_traceback(done)
    assert not (root / "build" / "thesis.pdf").exists()


@dataclass(frozen=True)
class Rebuilt:
    """A project built twice unchanged: what each build said, its PDF's text and the
    files in build/ that carry SECRET after it."""

    builds: tuple[subprocess.CompletedProcess[str], ...]
    texts: tuple[str, ...]
    leaked: tuple[list[str], ...]


@pytest.fixture(scope="module")
def survived_reads(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Rebuilt:
    """Reads outside the project that LaTeX survives, each a paragraph of one chapter:
    \\IfFileExists (line 6) and an xdvipdfmx special that embeds a file (line 12). A
    copy of the hostile build (its .aux spares a pass), built twice as a draft."""
    base = tmp_path_factory.mktemp("survived")
    secret = secret_files(base / "outside")["secret.txt"]
    embedded = base / "outside" / "embedded.txt"  # a file of its own: refused at its place
    embedded.write_bytes(secret.read_bytes())
    root = copy_built(hostile, base / "project")
    exists = RAW.format(f"\\IfFileExists{{{secret}}}{{da}}{{weg}}")
    embed = RAW.format(FSTREAM.replace("TXT", str(embedded)))
    chapter = f"# Kapitel\n\nText.\n\n{exists}\nMehr.\n\n{embed}"
    (root / "thesis" / "01-kapitel.md").write_text(chapter, encoding="utf-8")
    builds, texts, leaked = [], [], []
    for _ in range(2):
        builds.append(run("pdf", "-q", "-C", root))
        texts.append(pdf_text(root / "build" / "thesis.pdf"))
        leaked.append(leaks(root))
    return Rebuilt(tuple(builds), tuple(texts), tuple(leaked))


def refused_at(done: subprocess.CompletedProcess[str], place: str) -> bool:
    lines = done.stderr.removeprefix("Error: ").splitlines()
    return any(line.startswith(place) and "refused to read" in line for line in lines)


def test_a_refused_read_fails_again_on_the_next_build(survived_reads: Rebuilt) -> None:
    """A probe that LaTeX survives (\\IfFileExists) leaves a PDF latexmk calls up to date;
    the unchanged rebuild must still refuse it, not install that PDF as a success."""
    for done, text in zip(survived_reads.builds, survived_reads.texts, strict=True):
        assert done.returncode == 1 and no_traceback(done), done.stderr
        assert refused_at(done, "thesis/01-kapitel.md:6:"), done.stderr
        # the draft delivers with the probe set aside: the PDF never tells what is there
        assert "Text." in text and "Mehr." in text and "GEHEIMNIS" not in text
        assert " da " not in f" {text} " and " weg " not in f" {text} "


FSTREAM = (
    "\\special{pdf:fstream @x (TXT)}\\special{pdf:put @x << /Type /EmbeddedFile >>}"
    "\\special{pdf:ann width 0pt height 0pt depth 0pt << /Type /Annot /Subtype "
    "/FileAttachment /FS << /Type /Filespec /F (s.txt) /EF << /F @x >> >> >>}"
)


def test_dvipdfmx_cannot_read_outside(survived_reads: Rebuilt) -> None:
    """xdvipdfmx's specials open files themselves, which the sandbox does not have: the
    file is refused at its place (in both builds) and never embedded."""
    for done in survived_reads.builds:
        assert refused_at(done, "thesis/01-kapitel.md:12:"), done.stderr
    assert survived_reads.leaked == ([], [])


def test_latex_error_in_an_input_file_names_that_file(project) -> None:
    root = project("hostile")
    (root / "tabellen" / "kaputt.tex").write_text("Text\n\\undefinedmacro\n", encoding="utf-8")
    chapter = root / "thesis" / "01-kapitel.md"
    chapter.write_text("# Kapitel\n\n" + RAW.format("\\input{tabellen/kaputt.tex}"), "utf-8")
    done = run("pdf", "-q", "-C", root)
    assert done.returncode == 1
    assert "LaTeX: Undefined control sequence." in done.stderr
    assert "tabellen/kaputt.tex:2: LaTeX: Undefined control sequence." in done.stderr
    assert "Collected error summary" not in done.stderr


@pytest.mark.parametrize(
    "output", ["thesis.yaml", "thesis/01-kapitel.md", "thesis/abbildung.pdf", "templates/x.pdf"]
)
def test_pdf_output_never_replaces_a_source(project, output: str) -> None:
    root = project("hostile")
    (root / "thesis" / "abbildung.pdf").write_bytes(b"%PDF-1.4 figure")
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    done = run("pdf", "-q", "-C", root, "-o", root / output)
    assert done.returncode == 2 and "--output" in done.stderr and no_traceback(done)
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == before


HTML_CELL = (
    '\n<!-- #raw {"raw_mimetype": "text/html"} -->\n'
    "<table><tr><td>1</td></tr></table>\n<!-- #endraw -->\n"
)


@pytest.mark.parametrize(
    ("name", "command"),
    [("todo.lua", "pdf"), ("crossref.lua", "pdf"), ("html.lua", "pdf"), ("html.lua", "md")],
)
def test_own_lua_filter_is_code_that_execute_never_refuses(
    project, tmp_path: Path, name: str, command: str
) -> None:
    """Every Lua filter follows one rule, also html.lua, which the HTML in a chapter
    runs through before pandoc's main run (during `md`, too)."""
    root = project("hostile")
    marker = tmp_path / "lua-ran"
    (root / "templates").mkdir()
    (root / "templates" / name).write_text(f'os.execute("touch {marker}")\n', "utf-8")
    chapter = root / "thesis" / "01-kapitel.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + HTML_CELL, "utf-8")
    done = run(command, "-q", "-C", root)
    assert done.returncode == 2 and f"templates/{name}" in done.stderr and no_traceback(done)
    assert "execute: never" in done.stderr
    assert not marker.exists()


def test_lualatex_is_lua_code_that_execute_never_refuses(project, tmp_path: Path) -> None:
    root = project("hostile")
    written = tmp_path / "lua-wrote-this"
    config = root / "thesis.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "engine: lualatex\n", "utf-8")
    chapter = next((root / "thesis").iterdir())
    escape = f'\\directlua{{io.open("{written}", "w"):write("x")}}'
    chapter.write_text(chapter.read_text(encoding="utf-8") + RAW.format(escape), "utf-8")
    done = run("pdf", "-q", "-C", root)
    assert done.returncode == 2 and "engine: lualatex" in done.stderr and no_traceback(done)
    assert not written.exists() and not (root / "build" / "thesis.pdf").exists()


def test_symlink_planted_in_build_is_refused(project, tmp_path: Path) -> None:
    root = project("hostile")
    victim = tmp_path / "victim.txt"
    victim.write_text("unberührt\n", encoding="utf-8")
    (root / "build").mkdir()
    (root / "build" / "thesis.md").symlink_to(victim)
    done = run("md", "-q", "-C", root)
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert victim.read_text(encoding="utf-8") == "unberührt\n"


def secret_files(folder: Path) -> dict[str, Path]:
    """Files outside the project that a hostile chapter names: text, a PNG and a PDF
    page, each carrying SECRET (the PDF as text, the PNG in a text chunk)."""
    contents = {"secret.txt": f"{SECRET}\n".encode(), "secret.png": tiny_png(SECRET)}
    contents["secret.pdf"] = tiny_pdf(SECRET)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in contents}


def leaks(root: Path) -> list[str]:
    """Files in build/ (and the PDFs' text, streams and images) that carry SECRET; the
    hostile project has no images, so any image in one of its PDFs came from outside."""
    import zlib

    found = []
    for path in sorted((root / "build").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        streams = re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL)
        for stream in [data, *streams]:
            with contextlib.suppress(zlib.error):
                stream = stream if stream is data else zlib.decompress(stream)
            if SECRET.encode() in stream:
                found.append(str(path))
                break
        if data.startswith(b"%PDF"):
            if SECRET in pdf_text(path):
                found.append(f"{path} (text)")
            if images_in(path):
                found.append(f"{path} (image)")
    return found


def images_in(pdf: Path) -> int:
    return len(poppler("pdfimages", "-list", pdf).splitlines()[2:])


@pytest.mark.parametrize(
    ("probe", "refusal"),
    [
        ("xetex-picfile", "Unable to load picture"),
        ("xetex-pdffile", "Unable to load picture"),
        ("includegraphics-png", "refused to read"),
        ("includegraphics-pdf", "refused to read"),
    ],
)
def test_xelatex_cannot_read_outside(outside_reads: Build, probe: str, refusal: str) -> None:
    """kpathsea's policy binds TeX's own reads only; XeTeX's pictures open files
    themselves, which the sandbox does not have. XeTeX's own error names only
    build/thesis.tex's line; a refused read names the chapter's."""
    said = [line for line in said_about(outside_reads, probe) if refusal in line]
    assert said, outside_reads.done.stderr
    if refusal == "refused to read":
        assert any(line.startswith(f"{chapter_of(probe)}:") for line in said), said
    assert leaks(outside_reads.root) == []


def test_own_html_filter_runs_when_the_project_is_trusted(project, tmp_path: Path) -> None:
    root = project("hostile")
    marker = tmp_path / "lua-ran"
    config = root / "thesis.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("never", "auto"), "utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "html.lua").write_text(f'os.execute("touch {marker}")\n', "utf-8")
    chapter = root / "thesis" / "01-kapitel.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + HTML_CELL, "utf-8")
    done = run("md", "-q", "-C", root)
    assert done.returncode == 0, done.stderr
    assert marker.exists()


def files_below(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("link", "command"),
    [
        ("build", "pdf"),
        ("build", "md"),
        ("build/.lock", "md"),
        ("build/.cache", "pdf"),
        ("build/.cache", "lint"),
    ],
    ids=["build-pdf", "build-md", "lock-md", "cache-pdf", "cache-lint"],
)
def test_planted_link_is_refused_before_anything_is_written(
    project, tmp_path: Path, link: str, command: str
) -> None:
    """The lock, the inputs' memo and lint's parsed-chapter cache would be written
    through a link planted on their way, before the check of build/ came."""
    root = project("hostile")
    config = root / "thesis.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'inputs: ["tabellen/*"]\n', "utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sources").mkdir(parents=True)
    (elsewhere / "inputs.json").write_text("{}", encoding="utf-8")
    before = files_below(elsewhere)
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(elsewhere / "inputs.json" if link.endswith(".lock") else elsewhere)
    done = run(command, *(["-q"] if command != "lint" else []), "-C", root)
    assert done.returncode == 2, done.stderr
    assert "symbolic link" in done.stderr and no_traceback(done)
    assert files_below(elsewhere) == before
    assert sorted(p.name for p in elsewhere.iterdir()) == ["inputs.json", "sources"]


# Settings naming a file outside the project, in groups: the settings of one group go
# into one thesis.yaml (different keys, all reported at once), one run a group.
OUTSIDE_SETTINGS = {
    "bibliography: OUT/secret.bib": ("bibliography", 0),
    "logo: OUT/secret.png": ("logo", 0),
    "chapters: [thesis/01-kapitel.md, ../outside/ch.md]": ("chapters[1]", 0),
    'inputs: ["../outside/*"]': ("inputs[0]", 0),
    "bibliography: ../outside/secret.bib": ("bibliography", 1),
    "appendix: [OUT/ch.md]": ("appendix[0]", 1),
    'inputs: ["linked*"]': ("inputs[0]", 1),
    "bibliography: linked.bib": ("bibliography", 2),
    "bibliography: refs.bib\ncitation_style: OUT/secret.csl": ("citation_style", 3),
}


@dataclass(frozen=True)
class SettingsRun:
    """A project whose thesis.yaml has a group of OUTSIDE_SETTINGS, each setting's line,
    and what the build said."""

    root: Path
    lines: dict[str, int]
    done: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def outside_settings(project, tmp_path_factory: pytest.TempPathFactory) -> dict[int, SettingsRun]:
    """Each group of OUTSIDE_SETTINGS after `md` (`pdf` for the citation style, which is
    looked up when pandoc runs)."""
    runs = {}
    for group in sorted({group for _, group in OUTSIDE_SETTINGS.values()}):
        base = tmp_path_factory.mktemp("settings")
        outside = base / "outside"
        outside.mkdir()
        for name in ("secret.bib", "ch.md", "secret.csl", "secret.png"):
            (outside / name).write_text(f"% {SECRET}\n# {SECRET}\n", encoding="utf-8")
        root = Path(shutil.copytree(project("hostile"), base / "project"))
        (root / "linked.bib").symlink_to(outside / "secret.bib")
        (root / "refs.bib").write_text("@misc{a, title = {A}}\n", encoding="utf-8")
        config = root / "thesis.yaml"
        text = config.read_text(encoding="utf-8")
        lines = {}
        for setting, (_, its_group) in OUTSIDE_SETTINGS.items():
            if its_group == group:
                lines[setting] = len(text.splitlines()) + 1
                text += setting.replace("OUT", str(outside)) + "\n"
        config.write_text(text, encoding="utf-8")
        command = "pdf" if group == 3 else "md"
        runs[group] = SettingsRun(root, lines, run(command, "-q", "-C", root))
    return runs


@pytest.mark.parametrize("setting", list(OUTSIDE_SETTINGS))
def test_thesis_yaml_names_no_file_outside_the_project(
    outside_settings: dict[int, SettingsRun], setting: str
) -> None:
    where, group = OUTSIDE_SETTINGS[setting]
    found = outside_settings[group]
    root, lines, done = found.root, found.lines, found.done
    assert done.returncode == 2, done.stderr
    assert "outside the project" in done.stderr and no_traceback(done)
    if where != "citation_style":  # checked where the style is looked up, not per line
        assert f"thesis.yaml:{lines[setting]}: {where}" in done.stderr, done.stderr
    assert not (root / "build").exists() or leaks(root) == []


def test_a_chapter_linked_from_outside_is_refused(project, tmp_path: Path) -> None:
    outside = tmp_path / "ch.md"
    outside.write_text(f"# {SECRET}\n", encoding="utf-8")
    root = project("hostile")
    (root / "thesis" / "02-fremd.md").symlink_to(outside)
    done = run("md", "-q", "-C", root)
    assert done.returncode == 2 and "thesis/02-fremd.md" in done.stderr, done.stderr
    assert "out of the project" in done.stderr
    assert not (root / "build").exists() or leaks(root) == []


@pytest.mark.parametrize(
    "image",
    [
        "![Bild](../../outside/secret.png)",
        '<img src="../../outside/secret.png">',
        "![Bild](ABS/secret.png)",
        "![Bild](../../../../../../../../../../REL/secret.png)",
        "![Bild](bild.png)",
    ],
    ids=["parent", "html-parent", "absolute", "many-parents", "symlink"],
)
def test_an_image_outside_the_project_stops_the_build(project, tmp_path: Path, image: str) -> None:
    """Like a missing image, an error at the chapter line: nothing is copied or printed."""
    outside = secret_files(tmp_path / "outside")["secret.png"].parent
    root = shutil.copytree(project("hostile"), tmp_path / "project")
    (root / "thesis" / "bild.png").symlink_to(outside / "secret.png")
    chapter = root / "thesis" / "01-kapitel.md"
    image = image.replace("ABS", str(outside)).replace("REL", str(outside).lstrip("/"))
    chapter.write_text(f"# Kapitel\n\nText.\n\n{image}\n", "utf-8")
    done = run("md", "-q", "-C", root)
    assert done.returncode == 1, done.stderr
    assert "thesis/01-kapitel.md:5: image outside the project" in done.stderr, done.stderr
    assert no_traceback(done) and leaks(root) == []


def test_an_output_image_outside_the_project_is_left_out(project, tmp_path: Path) -> None:
    """An HTML output's <img> (a cell's output is not the author's text to fix): a
    warning, as for a missing output image, and nothing copied."""
    import nbformat

    secret_files(tmp_path / "outside")
    root = shutil.copytree(project("hostile"), tmp_path / "project")
    html = '<p>Bild:</p><img src="../../outside/secret.png">'
    cell = nbformat.v4.new_code_cell("display(HTML(...))", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": html})]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Zwei"), cell])
    nbformat.write(notebook, root / "thesis" / "02-ausgabe.ipynb")
    done = run("md", "-C", root)
    assert done.returncode == 0, done.stderr
    assert "outside the project; left out" in done.stderr
    assert leaks(root) == []
    assert "secret" not in (root / "build" / "thesis.md").read_text(encoding="utf-8")
