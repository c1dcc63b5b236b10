"""The ``igkg`` command line: a thin layer over the library.

Every command is a function of a few lines that calls the library; the commands live in one
module per family (:mod:`.graph_commands`, :mod:`.extract_command`, :mod:`.explorer_commands`,
:mod:`.store_commands`) and are registered here. :func:`main` is the one place where an
:class:`~igkg.errors.IgkgError` becomes a one-line message and an exit code.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Sequence

import click

from .._version import __version__
from ..errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    IgkgError,
    QuerySyntaxError,
    TextMismatch,
    ValidationFailed,
)
from .options import quiet_stdout, use_color

__all__ = ["main", "main_exit", "cli"]


#: Each command and the module of this package whose ``COMMANDS`` hold it. A module is imported
#: when one of its commands is used (or listed): ``igkg load`` does not import the extractor, which
#: took 0.2 s and 15 MB before a load began (``tests/test_cli.py`` checks this table).
COMMAND_MODULES = {
    "queries": "graph_commands", "query": "graph_commands", "validate": "graph_commands",
    "export": "graph_commands", "stats": "graph_commands", "build": "graph_commands",
    "extract": "extract_command", "attach-text": "attach_command", "viz": "explorer_commands",
    "analyze": "explorer_commands", "load": "store_commands", "push": "store_commands", "diff": "diff_command",
    "serve": "serve_command",
}


class _Commands(click.Group):
    """The group whose commands are imported from their modules when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMAND_MODULES, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"{__package__}.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="igkg")
def cli() -> None:
    """igkg: the Internet-governance knowledge graph.

    Recommendation documents modelled as RDF and linked to the instruments they cite
    (Tunis Agenda, Geneva Declaration, resolutions), the stakeholder roles those define and
    the organizations involved. Query it, validate it, export it.
    """


def _red(text: str) -> str:
    return click.style(text, fg="red", bold=True) if use_color(sys.stderr) else text


def one_line(message: str) -> str:
    """A message as one line of plain text: a line break, tab or other control character (from a
    file name or the data a parser quotes) is shown escaped, never sent to the terminal."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


@contextlib.contextmanager
def _handle_errors() -> Iterator[list[int]]:
    code = [EXIT_OK]
    try:
        yield code
    except IgkgError as error:
        if isinstance(error, ValidationFailed | TextMismatch) and error.report:
            click.echo(error.report, err=True)
        click.echo(f"{_red('igkg: error:')} {one_line(str(error))}", err=True)
        if isinstance(error, QuerySyntaxError) and error.excerpt():
            click.echo(error.excerpt(), err=True)
        code[0] = error.exit_code
    except click.exceptions.Exit as done:
        code[0] = done.exit_code
    except click.ClickException as error:
        error.show()
        code[0] = error.exit_code
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("igkg: interrupted; nothing was written", err=True)
        code[0] = EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`igkg query … | head`): stop, quietly
        quiet_stdout()
        code[0] = EXIT_OK
    except Exception as error:  # a bug: still one line, never a traceback (unless IGKG_DEBUG=1)
        if os.environ.get("IGKG_DEBUG"):
            raise
        click.echo(f"igkg: internal error: {type(error).__name__}: {one_line(str(error))} "
                   f"(set IGKG_DEBUG=1 for details)", err=True)
        code[0] = EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    with _handle_errors() as code:
        returned = cli.main(args=list(argv) if argv is not None else None, prog_name="igkg", standalone_mode=False)
        if isinstance(returned, int):  # click returns the code of a click.exceptions.Exit it caught
            code[0] = returned
    return code[0]


def main_exit() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
