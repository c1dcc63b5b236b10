"""The ``igkg`` command line: a thin layer over the library.

Every command is a function of a few lines that calls :mod:`igkg`; :func:`main` is the one
place where an :class:`~igkg.errors.IgkgError` becomes a one-line message and an exit code.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_VIOLATIONS, IgkgError, InputError, ParameterError
from .formats import RDF_SYNTAXES, RESULT_FORMATS
from .graph import KnowledgeGraph, load

__all__ = ["main", "cli"]

F = TypeVar("F", bound=Callable[..., Any])
RDF_NAMES = [s.name for s in RDF_SYNTAXES]


def graph_options(command: F) -> F:
    """Where the graph comes from, for every command that reads it:

    ``--data PATH`` (repeatable): the user's own RDF files, added to the bundled graph;
    ``--store DIR``: an on-disk store made with ``igkg load`` instead;
    ``--endpoint URL``: a remote SPARQL endpoint (its query URL) instead.

    The command receives ``data`` only; :func:`open_graph` finds ``--store`` and ``--endpoint``
    in the click context, so commands keep their signatures.
    """

    @functools.wraps(command)
    def with_source(*args: Any, store: Path | None = None, endpoint: str | None = None, **kwargs: Any) -> Any:
        source = {"store": store, "endpoint": endpoint, "used": False}
        click.get_current_context().meta[_GRAPH_SOURCE] = source
        result = command(*args, **kwargs)
        if (store is not None or endpoint is not None) and not source["used"]:
            click.echo("igkg: warning: this command does not read --store/--endpoint; it used the "
                       "bundled graph", err=True)
        return result

    decorated: Any = with_source
    for option in (
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


_GRAPH_SOURCE = "igkg.graph_source"


def open_graph(data: Sequence[Path]) -> KnowledgeGraph:
    """The bundled graph plus ``data``, or the ``--store`` / ``--endpoint`` graph of the command."""
    context = click.get_current_context(silent=True)
    source = context.meta.get(_GRAPH_SOURCE) if context is not None else None
    store = endpoint = None
    if source is not None:
        source["used"] = True
        store, endpoint = source["store"], source["endpoint"]
    return load(data=data, store=store, endpoint=endpoint)  # refuses --data with a store or endpoint


def emit(text: str | bytes, output: Path | None) -> None:
    """Write to a file atomically (temporary file, then rename), or to standard output."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param takes KEY=VALUE, not {pair!r}")
        params[key.strip()] = value.strip()
    return params


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="igkg")
def cli() -> None:
    """igkg: the Internet-governance knowledge graph.

    Recommendation documents modelled as RDF and linked to the instruments they cite
    (Tunis Agenda, Geneva Declaration, resolutions), the stakeholder roles those define and
    the organizations involved. Query it, validate it, export it.
    """


@cli.command("queries")
def queries_command() -> None:
    """List the named queries with their titles and parameters."""
    for query in KnowledgeGraph.queries().values():
        params = ", ".join(p.summary() for p in query.parameters)
        click.echo(f"{query.name:<22} {query.title}")
        if params:
            click.echo(f"{'':<22}   parameters: {params}")


@cli.command("query")
@click.argument("name", required=False)
@click.option("--sparql", "sparql", help="Run this SPARQL text instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter value as you would type it: a label, an acronym, a paragraph number.")
@click.option("--format", "-f", "fmt", default="table", show_default=True,
              type=click.Choice([*RESULT_FORMATS, *RDF_NAMES]),
              help="Result format; RDF syntaxes are for CONSTRUCT queries (which default to Turtle).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@graph_options
def query_command(name: str | None, sparql: str | None, params: Sequence[str], fmt: str,
                  output: Path | None, data: Sequence[Path]) -> None:
    """Run a named query (see `igkg queries`), a query file NAME.rq, or --sparql TEXT.

    \b
    igkg query citing-paragraph -p instrument="Tunis Agenda" -p paragraph=69 --format json
    """
    from .output import render

    if (name is None) == (sparql is None):
        raise ParameterError("give a query NAME (or FILE.rq) or --sparql TEXT, not both")
    values = parse_params(params)
    graph = open_graph(data)
    if sparql is not None:
        if values:
            raise ParameterError("--param applies to named queries; --sparql takes none")
        result = graph.sparql(sparql)
    else:
        assert name is not None
        result = graph.run(graph.named_query(name), values)
    emit(render(result, fmt), output)


@cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--shapes", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="SHACL shapes to use instead of ontology/shapes.ttl.")
@graph_options
def validate_command(files: Sequence[Path], shapes: Path | None, data: Sequence[Path]) -> None:
    """Check syntax and SHACL shapes of the bundled graph plus FILES.

    Exit 0 when it conforms, 1 on violations, 2 when a file cannot be read or parsed
    (the message gives file, line and column).
    """
    graph = open_graph([*data, *files])
    report = graph.validate(shapes)
    click.echo(report.text())
    if not report.conforms:
        raise SystemExit(EXIT_VIOLATIONS)


@cli.command("export")
@click.option("--format", "-f", "fmt", default="ttl", show_default=True,
              type=click.Choice([*RDF_NAMES, "graphml", "gexf"]),
              help="RDF syntax (JSON-LD is compacted with the bundled @context), or graphml / gexf: "
                   "the network of resources, with labels and classes, for Gephi and other tools.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@graph_options
def export_command(fmt: str, output: Path | None, data: Sequence[Path]) -> None:
    """Write the whole graph in an RDF syntax, or as a network (GraphML, GEXF)."""
    if fmt in ("graphml", "gexf"):
        from .analysis import export_network

        emit(export_network(open_graph(data).store, fmt), output)
        return
    emit(open_graph(data).export(fmt), output)


@cli.command("stats")
@graph_options
def stats_command(data: Sequence[Path]) -> None:
    """Count triples, instances per class, documents and recommendations."""
    from .namespaces import compact

    stats = open_graph(data).stats()
    click.echo(f"triples          {stats.triples}")
    click.echo(f"documents        {stats.documents}")
    click.echo(f"recommendations  {stats.recommendations}")
    click.echo("instances per class:")
    for cls, count in stats.classes:
        click.echo(f"  {count:>6}  {compact(cls)}")


@cli.command("build")
@click.option("--out", "out", default=Path("build"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the exports, query results and reports.")
@graph_options
def build_command(out: Path, data: Sequence[Path]) -> None:
    """The main job: build the graph, validate it, run every named query, write the exports,
    and print a summary."""
    from .build import build

    summary = build(out, data=data, echo=click.echo)
    if not summary.conforms:
        raise SystemExit(EXIT_VIOLATIONS)


# --- Commands defined in their own modules (one line each, added by the module's author) ---
from .extract.command import extract_command  # noqa: E402

cli.add_command(extract_command)  # type: ignore[has-type]  # import cycle: the command imports cli
from .viz_cli import analyze_group, viz_command  # noqa: E402

cli.add_command(viz_command)
cli.add_command(analyze_group)

from .store_commands import load_command, push_command  # noqa: E402

cli.add_command(load_command)
cli.add_command(push_command)


@contextlib.contextmanager
def _handle_errors() -> Iterator[list[int]]:
    code = [EXIT_OK]
    try:
        yield code
    except IgkgError as error:
        click.echo(f"igkg: error: {error}", err=True)
        code[0] = error.exit_code
    except click.exceptions.Exit as done:
        code[0] = done.exit_code
    except click.ClickException as error:
        error.show()
        code[0] = error.exit_code
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("igkg: interrupted; nothing was written", err=True)
        code[0] = EXIT_INTERRUPTED
    except BrokenPipeError:
        code[0] = EXIT_OK
    except SystemExit as done:
        code[0] = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception as error:  # a bug: still one line, never a traceback (unless IGKG_DEBUG=1)
        if os.environ.get("IGKG_DEBUG"):
            raise
        click.echo(f"igkg: internal error: {type(error).__name__}: {error} (set IGKG_DEBUG=1 for details)", err=True)
        code[0] = EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    with _handle_errors() as code:
        cli.main(args=list(argv) if argv is not None else None, prog_name="igkg", standalone_mode=False)
    return code[0]


def main_exit() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
