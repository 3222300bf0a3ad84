"""Chapters → Manuscript: one pandoc markdown document with the metadata of thesis.yaml,
front matter before the table of contents, the bibliography and appendix after."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..config.literal import literal
from ..config.model import Config
from ..config.spec import template_variables
from ..core.files import write_text_atomically
from ..core.paths import BuildPaths
from ..notebook.export import Chapter
from ..resources.strings import strings
from ..text.abbreviations import listed_with
from ..text.document import inside, protected_spans
from ..text.references import CITATION, is_reference_key
from ..text.syntaxes import names_in
from .transform import own_footnotes, pandoc_ready

# `-` only as a class of its own: `{#sec-einleitung}` is a numbered chapter with an id.
UNNUMBERED = re.compile(
    r"^#\s+.*\{(?:[^}]*\s)?(?:\.unnumbered|-)(?=[\s}])[^}]*\}\s*$", re.MULTILINE
)
MAIN_MATTER = "```{=latex}\n\\thesismainmatter\n```"
APPENDIX = "```{=latex}\n\\thesisappendix\n```"
BIBLIOGRAPHY = "# {title} {{.unnumbered}}\n\n::: {{#refs}}\n:::"


@dataclass(frozen=True)
class Manuscript:
    """build/thesis.md and what it was made of."""

    path: Path
    chapters: tuple[Chapter, ...]
    appendix: tuple[Chapter, ...]
    cites: bool


def assemble(
    config: Config, chapters: Sequence[Chapter], appendix: Sequence[Chapter], paths: BuildPaths
) -> Manuscript:
    """Write build/chapters/*.md and build/thesis.md (atomically; a failure keeps the old)."""
    names = names_in(chapter.markdown for chapter in (*chapters, *appendix))
    main = [own_footnotes(pandoc_ready(c.markdown, names), c.key) for c in chapters]
    back = [own_footnotes(pandoc_ready(c.markdown, names), c.key) for c in appendix]
    for chapter, text in zip((*chapters, *appendix), (*main, *back), strict=True):
        write_text_atomically(paths.chapters / f"{chapter.key}.md", text)
    front = leading_unnumbered(main)
    cites = any(cites_something(text) for text in (*main, *back))
    # The Abkürzungsverzeichnis: thesis.yaml's abbreviations and those the text defines.
    listed = listed_with(config.abbreviations, (*main, *back))
    blocks = [metadata_block(dataclasses.replace(config, abbreviations=listed))]
    blocks += [*main[:front], MAIN_MATTER, *main[front:]]
    if cites:
        title = strings(config.root, config.language)["bibliography"]
        blocks.append(BIBLIOGRAPHY.format(title=title))
    if back:
        blocks += [APPENDIX, *back]
    path = paths.manuscript
    write_text_atomically(path, "\n\n".join(block.strip() for block in blocks) + "\n")
    return Manuscript(path, tuple(chapters), tuple(appendix), cites)


def leading_unnumbered(texts: Sequence[str]) -> int:
    """How many chapters at the start are unnumbered (abstract, preface): front matter."""
    count = 0
    for text in texts:
        first_heading = next((line for line in text.splitlines() if line.startswith("# ")), "")
        if not UNNUMBERED.search(first_heading):
            break
        count += 1
    return count


def cites_something(markdown: str) -> bool:
    protected = protected_spans(markdown)
    return any(
        not inside(match.start(), protected) and not is_reference_key(match.group("key"))
        for match in CITATION.finditer(markdown)
    )


def metadata_block(config: Config) -> str:
    dumped = yaml.safe_dump(metadata(config), allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---"


def metadata(config: Config) -> dict[str, Any]:
    """thesis.yaml → the template's variables, as config/model.py declares them, and the
    strings of the thesis' language."""
    # TeX reads no absolute path (latex/sandbox.py): the logo goes by its project path.
    logo = Path(config.relative(config.logo)) if config.logo else None
    variables = template_variables(dataclasses.replace(config, logo=logo))
    # thesis.yaml holds text, never Markdown or TeX; the strings are the templates' own.
    return {**literal(variables), "strings": strings(config.root, config.language)}
