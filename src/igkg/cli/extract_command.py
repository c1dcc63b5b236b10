"""``igkg extract``: the click command over :func:`igkg.extract`."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import GraphSource, extract
from ..extractor import STATUSES
from ..extractor.writing import write_into
from ..namespaces import document_iri
from .options import RDF_NAMES, emit, graph_source_options, output_options

__all__ = ["COMMANDS"]


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@output_options(["json", *RDF_NAMES], "json",
                "json (the fixed format in docs/extract.md) or an RDF syntax (ttl, jsonld, …).")
@click.option(
    "--into",
    "into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Add the document to the graph: write DIR/<slug>.ttl (e.g. data/recommendations/).",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --into: write even over an existing file, when the graph already holds the document's IRI "
    "(the two merge), or when the document does not conform to the shapes.",
)
@click.option("--slug", help=f"Name the document {document_iri('SLUG')} (default: the file name).")
@click.option(
    "--status", type=click.Choice(STATUSES), default="draft", show_default=True, help="The document's status."
)
@click.option("--quiet", "-q", is_flag=True, help="Do not print warnings (unknown verbs, unresolved references).")
@graph_source_options
def extract_command(
    file: Path,
    fmt: str,
    output: Path | None,
    into: Path | None,
    force: bool,
    slug: str | None,
    status: str,
    quiet: bool,
    source: GraphSource,
) -> None:
    """Model a recommendation text (plain text or Markdown bullets) as a recommendation document:
    operative verbs, addressees, mentioned organizations, cited paragraphs and topics, each with
    the text span it was read from.

    \b
    igkg extract draft.txt                      # JSON on standard output
    igkg extract draft.md --format ttl -o draft.ttl
    igkg extract draft.txt --into data/recommendations/

    Names, verbs and paragraphs come from the graph (add your own with --data). Exit codes:
    0 done (warnings go to standard error); 1 with --into, the document does not conform to the
    shapes (nothing written); 2 a file that cannot be used (empty, binary, not UTF-8, over 5 MB,
    no bullets) or a document that already exists with --into; 3 the --endpoint failed; 4 the
    --store cannot be opened.
    """
    graph = source.open()
    document = extract(path=file, graph=graph, slug=slug, status=status)
    if not quiet:
        for warning in document.warnings:
            click.echo(f"igkg: warning: {file}: {warning.message}", err=True)
    if into is not None:
        target = write_into(document, into, graph, force=force, data=source.data)
        count = len(document.recommendations)
        noun = "recommendation" if count == 1 else "recommendations"
        click.echo(f"igkg: wrote {target}: {count} {noun}, {document.iri}", err=True)
        if output is None:
            return
    emit(document.serialize(fmt), output)


COMMANDS = (extract_command,)
