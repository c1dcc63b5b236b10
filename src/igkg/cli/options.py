"""Options shared by the commands, and writing their output.

* :func:`graph_source_options`: ``--data`` / ``--store`` / ``--endpoint``, delivered to the
  command as one :class:`~igkg.api.GraphSource` parameter named ``source``;
* :func:`output_options`: ``--format/-f`` (from a list of names) and ``--output/-o``, delivered
  as ``fmt`` and ``output``;
* :func:`emit`: write bytes to a file atomically, or to standard output;
* :class:`FormatName`: a ``--format`` value as people write it (``turtle``, ``ttl``,
  ``text/turtle``, ``json-ld`` …), from the one format registry;
* ``-`` means standard input for every input file (:func:`read_inputs`) and standard output
  for every ``-o``.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from ..api import GraphSource
from ..errors import InputError, ParameterError
from ..files import write_output
from ..formats.rdf_reader import RdfText
from ..formats.registry import RDF_SYNTAXES, format_name
from ..limits import QueryPolicy

__all__ = ["RDF_NAMES", "FormatName", "graph_source_options", "output_options", "emit", "parse_params",
           "read_inputs", "input_format_option", "report_format_option", "print_json", "use_color", "quiet_stdout"]

F = TypeVar("F", bound=Callable[..., Any])
RDF_NAMES = [s.name for s in RDF_SYNTAXES]


class FormatName(click.ParamType[str, Any]):
    """A format among ``allowed``, by name, alias or media type; a wrong one lists the valid names."""

    name = "format"

    def __init__(self, allowed: Sequence[str]) -> None:
        self.allowed = list(allowed)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.allowed) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return format_name(str(value), self.allowed)
        except InputError as error:
            self.fail(str(error), param, ctx)

    def shell_complete(self, ctx: click.Context, param: click.Parameter,
                       incomplete: str) -> list[click.shell_completion.CompletionItem]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(name) for name in self.allowed if name.startswith(incomplete)]


_STDIN_READ: dict[str, bytes] = {}


def read_inputs(paths: Sequence[Path], input_format: str | None = None) -> tuple[Path | RdfText, ...]:
    """The files as given, with ``-`` replaced by the RDF read from standard input (once)."""
    items: list[Path | RdfText] = []
    for path in paths:
        if str(path) == "-":
            if "data" not in _STDIN_READ:
                _STDIN_READ["data"] = sys.stdin.buffer.read()
            items.append(RdfText("<stdin>", _STDIN_READ["data"], input_format))
        else:
            items.append(path)
    return tuple(items)


def input_format_option(command: F) -> F:
    """``--input-format``: the RDF syntax of ``-`` (standard input), when it cannot be guessed."""
    return click.option("--input-format", "input_format", type=FormatName(RDF_NAMES), default=None,
                        help="The RDF syntax of standard input ('-'), if not guessed from its content "
                             "(JSON-LD, RDF/XML, N-Quads, else Turtle/TriG).")(command)


def graph_source_options(command: F) -> F:
    """Add ``--data PATH`` (repeatable: the user's RDF files, added to the bundled graph; ``-``
    reads standard input), ``--input-format``, ``--store DIR`` (an on-disk store made with
    ``igkg load``) and ``--endpoint URL`` (a remote SPARQL endpoint); the command receives them
    as ``source: GraphSource``."""

    wants_format = "input_format" in inspect.signature(command).parameters  # e.g. validate's FILES

    @functools.wraps(command)
    def with_source(*args: Any, data: Sequence[Path] = (), store: Path | None = None,
                    endpoint: str | None = None, input_format: str | None = None, timeout: float | None = None,
                    allow_service: Sequence[str] = (), **kwargs: Any) -> Any:
        _STDIN_READ.clear()
        if wants_format:
            kwargs["input_format"] = input_format
        policy = QueryPolicy.from_environment().with_options(timeout, tuple(allow_service))
        return command(*args, source=GraphSource(read_inputs(data, input_format), store, endpoint, policy), **kwargs)

    decorated: Any = with_source
    for option in (
        click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
                     help="Let queries call this SPARQL endpoint with SERVICE (repeatable; '*': any). "
                          "Refused by default."),
        click.option("--timeout", "timeout", type=click.FloatRange(min=0), metavar="SECONDS",
                     help="Stop a query that runs longer than this (default: IGKG_QUERY_TIMEOUT, or none; 0: none)."),
        click.option("--endpoint", "endpoint", metavar="URL",
                     help="Query this SPARQL endpoint instead of the bundled graph "
                          "(its query URL, e.g. Oxigraph's http://HOST:PORT/query)."),
        click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path),
                     help="Use this on-disk store (made with `igkg load`) instead of the bundled graph."),
        click.option("--data", "data", multiple=True,
                     type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                     help="An RDF file to add to the bundled graph (repeatable; '-' reads standard input)."),
        click.option("--input-format", "input_format", type=FormatName(RDF_NAMES), default=None,
                     help="The RDF syntax of standard input ('-'), if not guessed from its content."),
    ):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def report_format_option(command: F) -> F:
    """``--format text|json`` for a command that prints a report (``json``: one JSON document on
    standard output, with stable field names, for scripts)."""
    return click.option("--format", "-f", "fmt", default="text", show_default=True,
                        type=FormatName(["text", "json"]),
                        help="text for people, json for scripts (one JSON document on standard output).")(command)


def print_json(data: object) -> None:
    """One JSON document on standard output."""
    import json

    emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)


def output_options(formats: Sequence[str], default: str, help: str) -> Callable[[F], F]:
    """Add ``--format/-f`` (one of ``formats``, default ``default``) and ``--output/-o FILE``
    (``-`` or absent: standard output); the command receives ``fmt`` and ``output``."""

    def decorate(command: F) -> F:
        command = click.option("--output", "-o", type=click.Path(allow_dash=True, path_type=str),
                               help="Write to this file (atomically); '-' or none: standard output.")(command)
        return click.option("--format", "-f", "fmt", default=default, show_default=True,
                            type=FormatName(formats), help=help)(command)

    return decorate


def use_color(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    stream = stream if stream is not None else sys.stdout
    return not os.environ.get("NO_COLOR") and bool(getattr(stream, "isatty", lambda: False)())


def emit(text: str | bytes | Iterable[str | bytes], output: str | os.PathLike[str] | None) -> None:
    """Write to a file atomically, through to a device or pipe, or to standard output when
    ``output`` is ``None`` or ``-`` (see :func:`igkg.files.write_output`); ``text`` may come in
    pieces, each written as it comes. When the reader of a pipe goes away (``igkg … | head``),
    the command stops there, quietly, with exit code 0 (click would make it 1)."""
    try:
        write_output(text, output)
    except BrokenPipeError:
        quiet_stdout()
        raise click.exceptions.Exit(0) from None


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush at exit does not fail
    again on the closed pipe (and print "Exception ignored … BrokenPipeError")."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``KEY=VALUE`` pairs of ``--param`` as a dictionary."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param takes KEY=VALUE, not {pair!r}")
        if key.strip() in params:
            raise ParameterError(f"--param {key.strip()} is given twice ({params[key.strip()]!r} and "
                                 f"{value.strip()!r}): give each parameter once")
        params[key.strip()] = value.strip()
    return params
