"""Options shared by the commands, and writing their output.

* :func:`graph_source_options`: ``--data`` / ``--store`` / ``--endpoint``, delivered to the
  command as one :class:`~igkg.api.GraphSource` parameter named ``source``;
* :func:`output_options`: ``--format/-f`` (from a list of names) and ``--output/-o``, delivered
  as ``fmt`` and ``output``;
* :func:`emit`: write bytes to a file atomically, or to standard output.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from ..api import GraphSource
from ..errors import ParameterError
from ..files import write_output
from ..formats.registry import RDF_SYNTAXES
from ..limits import QueryPolicy

__all__ = ["RDF_NAMES", "graph_source_options", "output_options", "emit", "parse_params"]

F = TypeVar("F", bound=Callable[..., Any])
RDF_NAMES = [s.name for s in RDF_SYNTAXES]


def graph_source_options(command: F) -> F:
    """Add ``--data PATH`` (repeatable: the user's RDF files, added to the bundled graph),
    ``--store DIR`` (an on-disk store made with ``igkg load``) and ``--endpoint URL`` (a remote
    SPARQL endpoint); the command receives them as ``source: GraphSource``."""

    @functools.wraps(command)
    def with_source(*args: Any, data: Sequence[Path] = (), store: Path | None = None,
                    endpoint: str | None = None, timeout: float | None = None,
                    allow_service: Sequence[str] = (), **kwargs: Any) -> Any:
        policy = QueryPolicy.from_environment().with_options(timeout, tuple(allow_service))
        return command(*args, source=GraphSource(tuple(data), store, endpoint, policy), **kwargs)

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
        click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="An RDF file to add to the bundled graph (repeatable)."),
    ):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def output_options(formats: Sequence[str], default: str, help: str) -> Callable[[F], F]:
    """Add ``--format/-f`` (one of ``formats``, default ``default``) and ``--output/-o FILE``
    (``-`` or absent: standard output); the command receives ``fmt`` and ``output``."""

    def decorate(command: F) -> F:
        command = click.option("--output", "-o", type=click.Path(path_type=str),
                               help="Write to this file (atomically) instead of standard output.")(command)
        return click.option("--format", "-f", "fmt", default=default, show_default=True,
                            type=click.Choice(list(formats)), help=help)(command)

    return decorate


def emit(text: str | bytes, output: str | None) -> None:
    """Write to a file atomically, through to a device or pipe, or to standard output when
    ``output`` is ``None`` or ``-`` (see :func:`igkg.files.write_output`)."""
    write_output(text, output)


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
