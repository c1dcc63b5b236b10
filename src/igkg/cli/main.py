"""The ``igkg`` command line: a thin layer over the library.

Every command is a function of a few lines that calls the library; the commands live in one
module per family (:mod:`.graph_commands`, :mod:`.extract_command`, :mod:`.explorer_commands`,
:mod:`.store_commands`) and are registered here. :func:`main` is the one place where an
:class:`~igkg.errors.IgkgError` becomes a one-line message and an exit code.
"""

from __future__ import annotations

import contextlib
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
from . import (
    attach_command,
    diff_command,
    explorer_commands,
    extract_command,
    graph_commands,
    serve_command,
    store_commands,
)
from .options import quiet_stdout, use_color

__all__ = ["main", "main_exit", "cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="igkg")
def cli() -> None:
    """igkg: the Internet-governance knowledge graph.

    Recommendation documents modelled as RDF and linked to the instruments they cite
    (Tunis Agenda, Geneva Declaration, resolutions), the stakeholder roles those define and
    the organizations involved. Query it, validate it, export it.
    """


for _module in (graph_commands, extract_command, attach_command, explorer_commands, store_commands, diff_command,
                serve_command):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


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
