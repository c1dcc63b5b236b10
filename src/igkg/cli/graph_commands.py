"""The graph commands: ``queries``, ``query``, ``validate``, ``export``, ``stats``, ``build``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..api import GraphSource, KnowledgeGraph
from ..errors import ParameterError, ValidationFailed
from ..formats.registry import RESULT_FORMATS
from .options import RDF_NAMES, emit, graph_source_options, output_options, parse_params

__all__ = ["COMMANDS"]


@click.command("queries")
def queries_command() -> None:
    """List the named queries with their titles and parameters."""
    for query in KnowledgeGraph.queries().values():
        params = ", ".join(p.summary() for p in query.parameters)
        click.echo(f"{query.name:<22} {query.title}")
        if params:
            click.echo(f"{'':<22}   parameters: {params}")


@click.command("query")
@click.argument("name", required=False)
@click.option("--sparql", "sparql", help="Run this SPARQL text instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter value as you would type it: a label, an acronym, a paragraph number.")
@click.option("--iris", is_flag=True,
              help="Show IRIs as they are, without the labels people read (WGEC #8, IGF) beside them.")
@output_options([*RESULT_FORMATS, *RDF_NAMES], "table",
                "Result format; RDF syntaxes are for CONSTRUCT queries (which default to Turtle).")
@graph_source_options
def query_command(name: str | None, sparql: str | None, params: Sequence[str], iris: bool, fmt: str,
                  output: Path | None, source: GraphSource) -> None:
    """Run a named query (see `igkg queries`), a query file NAME.rq, or --sparql TEXT.

    \b
    igkg query citing-paragraph -p instrument="Tunis Agenda" -p paragraph=69 --format json
    """
    from ..formats.result_writer import render

    if name is None and sparql is None:
        raise ParameterError("give a query NAME (or FILE.rq) or --sparql TEXT")
    if name is not None and sparql is not None:
        raise ParameterError("give a query NAME (or FILE.rq) or --sparql TEXT, not both")
    values = parse_params(params)
    graph = source.open()
    if sparql is not None:
        if values:
            raise ParameterError("--param applies to named queries; --sparql takes none")
        result = graph.sparql(sparql)
    else:
        assert name is not None
        result = graph.run(graph.named_query(name), values)
    emit(render(result, fmt, iris=iris), output)


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--shapes", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="SHACL shapes to use instead of ontology/shapes.ttl.")
@graph_source_options
def validate_command(files: Sequence[Path], shapes: Path | None, source: GraphSource) -> None:
    """Check syntax and SHACL shapes of the bundled graph plus FILES.

    Exit 0 when it conforms, 1 on violations, 2 when a file cannot be read or parsed
    (the message gives file, line and column).
    """
    report = source.with_files(files).open().validate(shapes)
    click.echo(report.text())
    if not report.conforms:
        raise ValidationFailed(f"the graph does not conform to the shapes ({len(report.violations)} violations)")


@click.command("export")
@output_options([*RDF_NAMES, "graphml", "gexf"], "ttl",
                "RDF syntax (JSON-LD is compacted with the bundled @context), or graphml / gexf: "
                "the network of resources, with labels and classes, for Gephi and other tools.")
@graph_source_options
def export_command(fmt: str, output: Path | None, source: GraphSource) -> None:
    """Write the whole graph in an RDF syntax, or as a network (GraphML, GEXF)."""
    graph = source.open()
    if fmt in ("graphml", "gexf"):
        from ..explorer.analytics import export_network

        emit(export_network(graph.store, fmt), output)
        return
    emit(graph.export(fmt), output)


@click.command("stats")
@graph_source_options
def stats_command(source: GraphSource) -> None:
    """Count triples, instances per class, documents and recommendations."""
    from ..namespaces import compact

    stats = source.open().stats()
    click.echo(f"triples          {stats.triples}")
    click.echo(f"documents        {stats.documents}")
    click.echo(f"recommendations  {stats.recommendations}")
    click.echo("instances per class:")
    for cls, count in stats.classes:
        click.echo(f"  {count:>6}  {compact(cls)}")


@click.command("build")
@click.option("--out", "out", default=Path("build"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the exports, query results and reports.")
@graph_source_options
def build_command(out: Path, source: GraphSource) -> None:
    """The main job: build the graph, validate it, run every named query, write the exports,
    and print a summary."""
    from ..build import build

    summary = build(out, source=source, echo=click.echo)
    if not summary.conforms:
        raise ValidationFailed(f"the graph does not conform to the shapes ({summary.violations} violations; "
                               f"see {out / 'validation.txt'})")


COMMANDS = (queries_command, query_command, validate_command, export_command, stats_command, build_command)
