"""The command line: parse options, call the pipeline, print. Exit codes: 0 ok,
1 findings or a failed build, 2 usage, configuration or environment problems, 130 Ctrl-C,
143 SIGTERM.

Each command lives in its own module, loaded when that command runs (or --help lists
them all): `thesisbuild lint` never imports the build, and a no-op `thesisbuild pdf`
answers before the pipeline, nbconvert and pandoc are imported."""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Sequence

import click

from .. import __version__
from ..core.errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    ThesisbuildError,
)
from .options import say
from .signals import sigterm_interrupts

# command name → the module under cli/ that defines it (a function of the same name).
COMMANDS = {
    "check": "check",
    "comments": "comments",
    "diff": "diff",
    "docx": "docx",
    "doctor": "doctor",
    "init": "init",
    "lint": "lint",
    "md": "md",
    "meeting": "meeting",
    "pdf": "pdf",
    "schema": "schema",
    "stats": "stats",
    "templates": "templates",
    "watch": "watch",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        known = super().get_command(ctx, cmd_name)
        if known is not None or cmd_name not in COMMANDS:
            return known
        module = importlib.import_module(f"{__package__}.{COMMANDS[cmd_name]}")
        command = getattr(module, cmd_name.replace("-", "_"))
        if not isinstance(command, click.Command):
            raise TypeError(f"{module.__name__}.{cmd_name} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thesisbuild")
@click.option("--debug", is_flag=True, help="Show a traceback with every error.")
def cli(debug: bool) -> None:
    """Build a thesis written as Jupyter chapter notebooks, and lint it."""
    # --debug is read by main(), which catches the errors this group's commands raise.


def all_commands() -> dict[str, click.Command]:
    """Every command by name, each module imported (for the docs and their tests)."""
    with click.Context(cli) as ctx:
        found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; errors are one message (a traceback with --debug)."""
    args = list(sys.argv[1:] if argv is None else argv)
    with sigterm_interrupts() as sigterm:
        try:
            cli.main(args=args, prog_name="thesisbuild", standalone_mode=False)
        except ThesisbuildError as error:
            if "--debug" in args:
                traceback.print_exc()
            error.show()
            return error.exit_code
        except click.exceptions.Exit as done:
            return done.exit_code
        except click.ClickException as error:
            error.show()
            return error.exit_code
        except click.exceptions.Abort as abort:
            return aborted(abort, sigterm.received)
        except OSError as error:  # a full disk, a read-only folder, a path that is a folder
            if "--debug" in args:
                traceback.print_exc()
            where = f"{error.filename}: " if error.filename else ""
            say(f"Error: {where}{error.strerror or error}")
            return EXIT_FINDINGS
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else 0
    return EXIT_OK


def aborted(abort: click.exceptions.Abort, terminated: bool) -> int:
    """Ctrl-C (130) or SIGTERM (143) ended the command: click made either an Abort, after
    the processes it started were ended on the way out."""
    if terminated:
        say("Terminated; the last good PDF stays in place.")
        return EXIT_TERMINATED
    if isinstance(abort.__cause__, KeyboardInterrupt):
        say("Interrupted; the last good PDF stays in place.")
        return EXIT_INTERRUPTED
    say("Aborted.")
    return 1
