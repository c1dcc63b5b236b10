"""``igkg extract``: the click command over :func:`igkg.extract`, for one document or many."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..api import GraphSource, extract, record_revision
from ..errors import IgkgError, InputError
from ..extractor import STATUSES
from ..extractor.batch import BatchResult, expand_inputs, extract_many
from ..extractor.writing import write_into
from ..formats.rdf_writer import serialize_triples
from ..graph import Graph
from ..namespaces import document_iri
from .options import RDF_NAMES, emit, graph_source_options, output_options

__all__ = ["COMMANDS"]

_COLUMNS = ("units", "actions", "unknown verbs", "candidates", "warnings")


class _Progress:
    """A rich progress bar over the files, on standard error and only when it is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True, disable=not (enabled and console.is_terminal),
        )
        self.task = self.progress.add_task("extracting", total=total)

    def say(self, line: str) -> None:
        """One line on standard error, above the bar, never wrapped."""
        self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def __call__(self, result: BatchResult) -> None:
        self.progress.update(self.task, advance=1, description=f"extracting {Path(result.name).name}")

    def __enter__(self) -> _Progress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _summary(results: Sequence[BatchResult]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"igkg extract: {len(results)} files", title_justify="left")
    table.add_column("file", no_wrap=True)
    table.add_column("format")
    for column in _COLUMNS:
        table.add_column(column, justify="right")
    table.add_column("result")
    for result in results:
        counts = result.counts()
        table.add_row(result.name, result.format or "?", *(str(counts[c]) for c in _COLUMNS),
                      "ok" if result.ok else "[red]failed[/red]")
    width = max(len(r.name) for r in results) + 100  # a file name is never cut or wrapped
    Console(stderr=True, width=width).print(table)


def _emit_many(documents: Sequence[Any], fmt: str, output: str | None) -> None:
    if fmt == "json":
        body = json.dumps([d.to_dict() for d in documents], ensure_ascii=False, indent=2) + "\n"
        emit(body, output)
    elif fmt == "jsonl":
        emit("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in documents), output)
    else:
        emit(serialize_triples([t for d in documents for t in d.to_graph()], fmt), output)


def _many(files: Sequence[str | Path], graph: Graph, source: GraphSource, fmt: str, output: str | None,
          into: Path | None, force: bool, status: str, quiet: bool, progress: bool) -> None:
    results: list[BatchResult] = []
    with _Progress(len(files), progress) as bar:
        for result in extract_many(files, graph, status=status, done=bar):
            results.append(result)
            if result.error is not None:
                bar.say(f"igkg: error: {result.error}")
                continue
            document = result.document
            assert document is not None
            if not quiet:
                for warning in document.warnings:
                    bar.say(f"igkg: warning: {result.name}: {warning.message}")
            if into is not None:
                try:
                    target = write_into(document, into, graph, force=force, data=source.data)
                except IgkgError as error:  # an existing file or IRI, or a document the shapes refuse
                    bar.say(f"igkg: error: {result.name}: {error}")
                    results[-1] = BatchResult(result.name, result.format, None, error)
                    continue
                bar.say(f"igkg: wrote {target}: {len(document.recommendations)} units, {document.iri}")
    documents = [r.document for r in results if r.document is not None]
    if into is None or output is not None:
        _emit_many(documents, fmt, output)
    if not quiet:
        _summary(results)
    failed = [r for r in results if not r.ok]
    if failed:
        raise InputError(f"{len(failed)} of {len(results)} files could not be extracted (see the messages above)")


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@output_options(["json", "jsonl", *RDF_NAMES], "json",
                "json (the fixed format in docs/extract.md; with several files a JSON array), jsonl (one "
                "document per line) or an RDF syntax (ttl, jsonld, …).")
@click.option(
    "--into",
    "into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Add the documents to the graph: write DIR/<slug>.ttl for each (e.g. data/recommendations/).",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --into: write even over an existing file, when the graph already holds the document's IRI "
    "(the two merge), or when the document does not conform to the shapes.",
)
@click.option("--slug", help=f"Name the document {document_iri('SLUG')} (default: the file name; one file only).")
@click.option(
    "--status", type=click.Choice(STATUSES), default="draft", show_default=True, help="The document's status."
)
@click.option("--quiet", "-q", is_flag=True,
              help="Print no warnings (unknown verbs, unresolved references) and, for several files, no summary.")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="With several files: show a progress bar on a terminal.")
@click.option("--version-of", "version_of", metavar="DOC",
              help="Record the document as a later version of DOC (a document in the graph: IRI, prefixed name or "
                   "title): prov:wasRevisionOf and what changed, unit by unit (docs/diff.md). One file only.")
@click.option("--version-label", metavar="TEXT", help="With --version-of: what this version is called ('rev. 2').")
@click.option("--version-date", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="With --version-of: the date of this version.")
@graph_source_options
def extract_command(
    files: tuple[Path, ...],
    fmt: str,
    output: str | None,
    into: Path | None,
    force: bool,
    slug: str | None,
    status: str,
    quiet: bool,
    progress: bool,
    version_of: str | None,
    version_label: str | None,
    version_date: datetime | None,
    source: GraphSource,
) -> None:
    """Model recommendation texts as recommendation documents: operative verbs, addressees,
    mentioned organizations, cited paragraphs and topics, each with the text span it was read
    from. FILES are plain text, Markdown, Word (.docx), PDF (with a text layer) or web pages
    (.html), recognised by their content; `-` reads standard input; a folder stands for every
    such file in it and its sub-folders, sorted.

    \b
    igkg extract draft.txt                      # JSON on standard output
    igkg extract draft.md --format ttl -o draft.ttl
    igkg extract report.pdf statement.docx --format jsonl
    igkg extract inputs/ --into data/recommendations/   # one .ttl per file, and a summary table
    igkg extract - < page.html                  # standard input

    With several files, each document is extracted on its own; a file that fails is reported in
    one line and the others still run; a summary table (units, actions, unknown verbs,
    candidates, warnings per file) goes to standard error, and JSON output is an array.

    Names, verbs and paragraphs come from the graph (add your own with --data). Exit codes:
    0 done (warnings go to standard error); 1 with --into, the document does not conform to the
    shapes (nothing written); 2 a file that cannot be used (empty, binary, not UTF-8, over 5 MB,
    a scan without text, a password-protected PDF, a damaged Word file, a web page without
    content, no units) or a document that already exists with --into; with several files, 2 at
    the end when any of them failed; 3 the --endpoint failed; 4 the --store cannot be opened.
    """
    inputs = expand_inputs(files)
    single = len(files) == 1 and len(inputs) == 1 and not Path(files[0]).is_dir()
    if slug is not None and not single:
        raise click.BadParameter("--slug names one document; give one file", param_hint="--slug")
    if version_of is None and (version_label is not None or version_date is not None):
        raise click.BadParameter("give the previous version with --version-of", param_hint="--version-label/--date")
    if version_of is not None and not single:
        raise click.BadParameter("--version-of records one document; give one file", param_hint="--version-of")
    graph = source.open()
    if not single:
        _many(inputs, graph, source, fmt, output, into, force, status, quiet, progress)
        return
    file = inputs[0]
    document = extract(path=file, graph=graph, slug=slug, status=status)
    label = "<stdin>" if str(file) == "-" else file
    if version_of is not None:
        revision = record_revision(document, version_of, graph=graph, label=version_label,
                                   when=version_date.date() if version_date else None)
        counts = ", ".join(f"{n} {k}" for k, n in revision.summary.items() if n and k != "unchanged") or "no change"
        click.echo(f"igkg: {document.iri} is a later version of {revision.old.document}: {counts}", err=True)
    if not quiet:
        for warning in document.warnings:
            click.echo(f"igkg: warning: {label}: {warning.message}", err=True)
    if into is not None:
        target = write_into(document, into, graph, force=force, data=source.data)
        count = len(document.recommendations)
        noun = "recommendation" if count == 1 else "recommendations"
        click.echo(f"igkg: wrote {target}: {count} {noun}, {document.iri}", err=True)
        if output is None:
            return
    if fmt == "jsonl":
        emit(document.to_json(indent=None), output)
    else:
        emit(document.serialize(fmt), output)


COMMANDS = (extract_command,)
