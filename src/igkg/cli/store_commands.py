"""``igkg load`` (files into an on-disk store) and ``igkg push`` (the graph to a triple store)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from .options import input_format_option, print_json, read_inputs, report_format_option

__all__ = ["COMMANDS"]


@contextlib.contextmanager
def _stdin_spooled(files: Sequence[Path], input_format: str | None) -> Iterator[list[Path]]:
    """The files, with ``-`` (standard input) spooled into a temporary file named for its syntax
    (the disk store streams files); an error in it is reported as ``<stdin>``."""
    from ..errors import ParseError
    from ..formats.registry import rdf_syntax, sniff_syntax

    if not any(str(f) == "-" for f in files):
        yield list(files)
        return
    data = sys.stdin.buffer.read()
    syntax = rdf_syntax(input_format) if input_format else sniff_syntax(data)
    with tempfile.TemporaryDirectory(prefix="igkg-stdin-") as folder:
        spooled = Path(folder) / f"stdin{syntax.extension}"
        spooled.write_bytes(data)
        try:
            yield [spooled if str(f) == "-" else f for f in files]
        except ParseError as error:
            if error.path != str(spooled):
                raise
            raise ParseError(error.reason, path="<stdin>", line=error.line, column=error.column) from None


class _ProgressBar:
    """A rich progress bar on standard error (only when it is a terminal), by bytes read."""

    def __init__(self, enabled: bool) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
            TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=False,
            disable=not (enabled and console.is_terminal),
        )
        self.task = self.progress.add_task("loading", total=None)
        self._file: Path | None = None

    def __call__(self, done: int, total: int | None, path: Path, file_read: bool) -> None:
        if path != self._file or file_read:
            self._file = path
            what = "indexing" if file_read else "loading"
            self.progress.update(self.task, description=f"{what} {path.name}")
        self.progress.update(self.task, completed=done, total=total)

    def __enter__(self) -> _ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


@click.command("load")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--store", "store", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The store folder (created when missing).")
@click.option("--no-bundled", is_flag=True,
              help="Create a new store without the bundled ontology, reference data and seed documents.")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Show a progress bar on a terminal.")
@click.option("--warm", is_flag=True,
              help="Then build the text index and run every named query that needs no parameter, and the stats, "
                   "so that their answers are kept beside the store and later runs read them in milliseconds "
                   "(docs/large-corpus.md).")
@report_format_option
@input_format_option
def load_command(files: Sequence[Path], store: Path, no_bundled: bool, progress: bool, warm: bool, fmt: str,
                 input_format: str | None) -> None:
    """Load RDF FILES into an on-disk store, all or nothing ('-': standard input).

    A new store is seeded with the bundled graph (what the named queries and parameter
    look-ups need) unless --no-bundled. A load that fails or is interrupted leaves the store
    as it was. Then query it with `--store DIR` on any command.

    \b
    igkg load corpus.nt --store kg
    igkg query recommendations --store kg
    """
    from ..stores.disk import load_into_store

    with _stdin_spooled(files, input_format) as paths, _ProgressBar(progress) as bar:
        summary = load_into_store(store, paths, bundled=not no_bundled, progress=bar)
    shown = ["-" if p.parent.name.startswith("igkg-stdin-") else str(p) for p in summary.files]
    warmed: list[str] = []
    if warm:
        from ..api import load

        warmed = load(store=store).warm()
    if fmt == "json":
        print_json({**summary.to_dict(), "files": shown, **({"warmed": warmed} if warm else {})})
        return
    seeded = " (new store, seeded with the bundled graph)" if summary.bundled else (
        " (new store)" if summary.created else "")
    click.echo(
        f"Loaded {len(summary.files)} file{'s' if len(summary.files) != 1 else ''} into {store}{seeded}: "
        f"{summary.added} quads added, {summary.triples_after} in the store (a quad: a triple in one graph) "
        f"({summary.seconds:.1f} s, {summary.bytes_read / 1e6:.1f} MB read)"
    )
    if warm:
        click.echo(f"Kept the answers of {len(warmed)} named queries that need no parameter, and the stats")


@click.command("push")
@click.option("--endpoint", "endpoint", required=True, metavar="URL",
              help="Graph Store or SPARQL Update URL (Oxigraph: http://HOST:PORT/store or /update).")
@click.option("--graph", "graph_iri", metavar="IRI", help="The named graph to write (default: the default graph).")
@click.option("--replace", is_flag=True, help="Replace the remote graph's triples (default: add to them).")
@click.option("--document", "document", metavar="DOC",
              help="Push only this recommendation document's graph (IRI, doc:SLUG or title), replacing the "
                   "server's graph of the same name (or --graph) and nothing else.")
@click.option("--protocol", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True,
              help="Graph Store Protocol or SPARQL Update; auto decides from the URL.")
@click.option("--query-url", metavar="URL",
              help="Where to count the remote triples before and after (default: from --endpoint).")
@click.option("--strategy", type=click.Choice(["single", "move", "versioned"]), default="single", show_default=True,
              help="single: one request; move / versioned: streamed into a staging graph, then switched in one "
                   "SPARQL Update (versioned: fast, readers follow igkg:currentVersion; see docs/push.md).")
@click.option("--update-url", metavar="URL",
              help="The SPARQL Update URL for --strategy move/versioned (default: from --endpoint).")
@click.option("--streams", type=click.IntRange(1, 16), metavar="N",
              help="--strategy move/versioned on Oxigraph: N uploads side by side into the staging graph "
                   "(default 2; its bulk loader takes about a core per upload).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation.")
@click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="An RDF file to add to the bundled graph before pushing (repeatable; '-': standard input).")
@click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path),
              help="Push the graph of this on-disk store instead of the bundled graph.")
@report_format_option
@input_format_option
def push_command(endpoint: str, graph_iri: str | None, replace: bool, document: str | None, protocol: str,
                 query_url: str | None, strategy: str, update_url: str | None, streams: int | None,
                 no_validate: bool,
                 data: Sequence[Path], store: Path | None, fmt: str, input_format: str | None) -> None:
    """Publish the graph to a triple store: validated, in one request, verified by counting.

    Exit 0 when pushed, 1 when the graph does not conform (nothing is sent), 3 when the
    endpoint fails (the message says whether the remote graph is unchanged).

    \b
    igkg push --endpoint http://127.0.0.1:7878/store --replace
    igkg push --endpoint http://127.0.0.1:7878/store --document doc:wgec-second-take
    """
    from ..api import load

    graph = load(data=read_inputs(data, input_format), store=store)
    report = graph.push(endpoint, graph=graph_iri, replace=replace, protocol=protocol, query_url=query_url,
                        validate=not no_validate, document=document, strategy=strategy, update_url=update_url,
                        streams=streams)
    if fmt == "json":
        print_json(report.to_dict())
        return
    target = f"graph <{report.graph}>" if report.graph else "the default graph"
    click.echo(
        f"Pushed {report.sent} triples to {target} at {report.url} ({report.protocol}, "
        f"{'replaced' if report.replaced else 'added'}, {report.seconds:.1f} s): "
        f"the remote graph has {report.after} triples (was {report.before})"
    )


COMMANDS = (load_command, push_command)
