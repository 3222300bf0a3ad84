"""Errors that reach the user as one sentence and a documented exit code."""

from __future__ import annotations

import click

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM, as shells report `kill`


class ThesisbuildError(click.ClickException):
    """A failure the user can act on; shown without a traceback."""

    exit_code = EXIT_FINDINGS


class ConfigError(ThesisbuildError):
    """thesis.yaml or a chapter list is wrong: fix the configuration."""

    exit_code = EXIT_USAGE


class EnvironmentProblem(ThesisbuildError):
    """A tool the build needs is missing: install it."""

    exit_code = EXIT_USAGE


class SourceError(ThesisbuildError):
    """A chapter cannot be read (broken JSON, not UTF-8, empty)."""

    exit_code = EXIT_FINDINGS


class BuildFailed(ThesisbuildError):
    """A stage ran and failed: a cell raised, pandoc or LaTeX stopped."""

    exit_code = EXIT_FINDINGS


class ProjectExists(ThesisbuildError):
    """`init` or `templates copy` would overwrite a file, which they never do."""

    exit_code = EXIT_USAGE


class UnreadableInput(ThesisbuildError):
    """A file given on the command line cannot be read: corrupt, encrypted, foreign."""

    exit_code = EXIT_USAGE
