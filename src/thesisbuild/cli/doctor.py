"""`thesisbuild doctor`: what the build needs, and which template files it takes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from ..builder.doctor import (
    debian_packages,
    dictionaries,
    gateway_checks,
    install_hint,
    missing,
    run_checks,
    template_checks,
)
from ..config.model import CONFIG_NAME, ExecuteGateway
from ..config.reader import load
from ..core.errors import EnvironmentProblem
from .options import gateway_option, project_option, say


@click.command()
@project_option
@click.option(
    "--debian-packages",
    "packages",
    is_flag=True,
    help="Only print the Debian/Ubuntu packages the build needs, for apt-get install.",
)
@gateway_option
def doctor(project: Path, packages: bool, gateway: str | None) -> None:
    """Check pandoc, LaTeX, latexmk, LaTeX packages, fonts, the Jupyter kernel and which
    template files the build takes (the project's templates/ or the packaged ones); with
    --gateway (or execute_gateway.url), that the gateway answers and has the kernel.

    Exit 0 when everything is there, 2 with the install commands for what is missing.
    """
    config = load(project) if (project / CONFIG_NAME).is_file() else None
    setting = config.execute_gateway if config else ExecuteGateway()
    setting = dataclasses.replace(setting, url=gateway or setting.url)
    engine = config.engine if config else "xelatex"
    if packages:
        click.echo(" ".join(debian_packages(engine)))
        return
    # the dictionaries serve lint's spelling rule only: a build never waits for them
    checks = [*run_checks(engine), *dictionaries(), *template_checks(project, config),
              *gateway_checks(setting)]  # fmt: skip
    for check in checks:
        click.echo(check.line())
    failed = missing(checks)
    if failed:
        hint = install_hint(failed)
        install = f"; install with:\n{hint}" if hint else ""
        raise EnvironmentProblem(f"{len(failed)} missing{install}")
    say("everything the build needs is installed")
