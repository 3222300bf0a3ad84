"""`thesisbuild templates`: which copy of each template file the build takes, and
`templates copy NAME` to start a project's own copy of one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..config.model import CONFIG_NAME
from ..core.errors import ConfigError, ProjectExists
from ..resources.lookup import PACKAGED, PROJECT_DIR, SHIPPED, template_files

F = TypeVar("F", bound=Callable[..., Any])
SOURCE = {True: "project", False: "packaged"}


def project_option(default: Path | None) -> Callable[[F], F]:
    return click.option(
        "-C",
        "--project",
        "project",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        help="The thesis project folder (the one holding thesis.yaml).  [default: .]",
    )


@click.group(invoke_without_command=True)
@project_option(Path("."))
@click.pass_context
def templates(context: click.Context, project: Path) -> None:
    """List the template, its partials and the Lua filters: name, which copy the build
    takes (project: templates/NAME in the project; packaged) and its path.

    A project overrides one partial (say templates/titlepage.latex) and keeps the
    packaged rest; `thesisbuild templates copy titlepage` starts that copy.
    """
    context.obj = project  # `templates -C DIR copy NAME` as well as `templates copy NAME -C DIR`
    if context.invoked_subcommand is not None:
        return
    files = template_files(project)
    width = max(len(file.name) for file in files)
    for file in files:
        path = Path(PROJECT_DIR, file.name) if file.own else file.path
        click.echo(f"{file.name:<{width}}  {SOURCE[file.own]:<8}  {path}")


@templates.command()
@click.argument("name")
@project_option(None)
@click.pass_obj
def copy(group_project: Path, name: str, project: Path | None) -> None:
    """Copy the packaged template file NAME (titlepage or titlepage.latex, todo.lua, …)
    into the project's templates/ to edit it; the build then takes that copy.

    Never overwrites: exit 2 when the project has the file already.
    """
    shipped = shipped_name(name)
    project = project or group_project
    if not (project / CONFIG_NAME).is_file():
        raise ConfigError(
            f"{project}: no {CONFIG_NAME}; run this in the project folder or pass -C."
        )
    target = project / PROJECT_DIR / shipped
    if target.exists():
        raise ProjectExists(f"{PROJECT_DIR}/{shipped} exists already; it is not overwritten.")
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(PACKAGED / shipped, target)
    click.echo(
        f"{PROJECT_DIR}/{shipped}: copied from the packaged one; the build now takes it.", err=True
    )


def shipped_name(name: str) -> str:
    """`titlepage` or `titlepage.latex` → `titlepage.latex`, if the package has it."""
    for candidate in (name, f"{name}.latex"):
        if candidate in SHIPPED:
            return candidate
    raise ConfigError(f"no template file {name!r}; known: {', '.join(SHIPPED)}.")
