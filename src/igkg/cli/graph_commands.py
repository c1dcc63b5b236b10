"""The graph commands: ``queries``, ``query``, ``validate``, ``export``, ``stats``, ``build``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from ..api import GraphSource, KnowledgeGraph
from ..errors import ParameterError, ValidationFailed
from ..formats.registry import RESULT_FORMATS
from ..formats.result_stream import TABLE_ROWS
from .options import (
    RDF_NAMES,
    emit,
    graph_source_options,
    output_options,
    parse_params,
    print_json,
    read_inputs,
    report_format_option,
    use_color,
)

__all__ = ["COMMANDS"]


@click.command("queries")
@report_format_option
def queries_command(fmt: str) -> None:
    """List the named queries with their titles and parameters."""
    if fmt == "json":
        print_json([query.to_dict() for query in KnowledgeGraph.queries().values()])
        return
    for query in KnowledgeGraph.queries().values():
        params = ", ".join(p.summary() for p in query.parameters)
        click.echo(f"{query.name:<22} {query.title}")
        if params:
            click.echo(f"{'':<22}   parameters: {params}")


def _complete_query(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of a query name: the library's names, with their titles."""
    return [CompletionItem(name, help=query.title) for name, query in KnowledgeGraph.queries().items()
            if name.startswith(incomplete)]


def _complete_param(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of ``-p``: ``KEY=`` for each parameter of the query named before it."""
    # while "-p" still waits for its value, click leaves the query name in ctx.args
    name = ctx.params.get("name") or next(iter(ctx.args), "")
    query = KnowledgeGraph.queries().get(name)
    if query is None:
        return []
    return [CompletionItem(f"{p.name}=", help=f"{p.description} Example: {p.example}")
            for p in query.parameters if f"{p.name}=".startswith(incomplete)]


@click.command("query")
@click.argument("name", required=False, shell_complete=_complete_query)
@click.option("--sparql", "sparql", help="Run this SPARQL text instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", shell_complete=_complete_param,
              help="A parameter value as you would type it: a label, an acronym, a paragraph number.")
@click.option("--iris", is_flag=True,
              help="Show IRIs as they are, without the labels people read (WGEC #8, IGF) beside them.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Show at most this many rows of the answer (a page; with --store read from the kept answer).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip this many rows of the answer first (the next page: --offset 100 --limit 100).")
@click.option("--table-rows", "table_rows", type=click.IntRange(min=0), default=TABLE_ROWS, show_default=True,
              metavar="N", help="The table shows at most N rows, then how many more there are (0: every row). "
                                "Other formats write every row, as they come.")
@output_options([*RESULT_FORMATS, *RDF_NAMES], "table",
                "Result format; RDF syntaxes are for CONSTRUCT queries (which default to Turtle).")
@graph_source_options
def query_command(name: str | None, sparql: str | None, params: Sequence[str], iris: bool, limit: int | None,
                  offset: int, table_rows: int, fmt: str, output: str | None, source: GraphSource) -> None:
    """Run a named query (see `igkg queries`), a query file NAME.rq, or --sparql TEXT.

    \b
    igkg query citing-paragraph -p instrument="Tunis Agenda" -p paragraph=69 --format json
    """
    from ..formats.result_stream import stream
    from ..queries.runner import cut_page
    from ..results import ResultTable

    if name is None and sparql is None:
        raise ParameterError("give a query NAME (or FILE.rq) or --sparql TEXT")
    if name is not None and sparql is not None:
        raise ParameterError("give a query NAME (or FILE.rq) or --sparql TEXT, not both")
    values = parse_params(params)
    graph = source.open()
    rows_after = 0
    if sparql is not None:
        if values:
            raise ParameterError("--param applies to named queries; --sparql takes none")
        result = graph.sparql(sparql)
        if offset or limit is not None:
            result = cut_page(result, offset, limit)
    else:
        assert name is not None
        # a capped table shows one page: only that page is read (an on-disk store's kept answer
        # is not decoded whole for 1,000 rows), and the answer's size gives the rest
        one_page = fmt == "table" and table_rows > 0 and limit is None
        result = graph.run(graph.named_query(name), values, limit=table_rows if one_page else limit, offset=offset)
        if one_page and isinstance(result, ResultTable) and result.total is not None:  # a page has its total
            rows_after = max(0, result.total - offset - len(result.rows))
    emit(stream(result, fmt, color=output is None and use_color(), iris=iris, table_rows=table_rows or None,
                more_hint=_more_hint(), rows_after=rows_after), output)


def _more_hint() -> str:
    """What the capped table tells people: the other formats, the command's paging option (when
    it has one), and the option that lifts the cap."""
    command = click.get_current_context().command
    paging = next((f"--{o}" for o in ("limit",) if any(p.name == o for p in command.params)), None)
    return f"use --format csv{' or ' + paging if paging else ''}, or --table-rows 0 to show them all"


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--shapes", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="SHACL shapes to use instead of ontology/shapes.ttl.")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes compiled to SPARQL on Oxigraph (fast); pyshacl: pySHACL (the reference).")
@report_format_option
@graph_source_options
def validate_command(files: Sequence[Path], shapes: Path | None, engine: str, fmt: str, input_format: str | None,
                     source: GraphSource) -> None:
    """Check syntax and SHACL shapes of the bundled graph plus FILES ('-': standard input).

    Exit 0 when it conforms, 1 on violations, 2 when a file cannot be read or parsed
    (the message gives file, line and column). --format json prints the report as one object
    with one entry per finding.
    """
    report = source.with_files(read_inputs(files, input_format)).open().validate(shapes, engine=engine)
    if fmt == "json":
        print_json(report.to_dict())
    else:
        click.echo(report.text())
    if not report.conforms:
        raise ValidationFailed(f"the graph does not conform to the shapes ({len(report.violations)} violations)")


@click.command("export")
@output_options([*RDF_NAMES, "graphml", "gexf"], "ttl",
                "RDF syntax (JSON-LD is compacted with the bundled @context), or graphml / gexf: "
                "the network of resources, with labels and classes, for Gephi and other tools.")
@graph_source_options
def export_command(fmt: str, output: str | None, source: GraphSource) -> None:
    """Write the whole graph in an RDF syntax, or as a network (GraphML, GEXF)."""
    graph = source.open()
    if fmt in ("graphml", "gexf"):
        from ..explorer.analytics import export_network

        emit(export_network(graph.store, fmt), output)
        return
    emit(graph.export(fmt), output)


@click.command("stats")
@report_format_option
@graph_source_options
def stats_command(fmt: str, source: GraphSource) -> None:
    """Count triples, instances per class, documents and recommendations."""
    from ..namespaces import compact

    stats = source.open().stats()
    if fmt == "json":
        print_json(stats.to_dict())
        return
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
@report_format_option
@graph_source_options
def build_command(out: Path, fmt: str, source: GraphSource) -> None:
    """The main job: build the graph, validate it, run every named query, write the exports,
    and print a summary (--format json: the summary as JSON on standard output, the progress
    lines on standard error)."""
    from ..build import build

    if fmt == "json":
        summary = build(out, source=source, echo=lambda line: click.echo(line, err=True))
        print_json(summary.to_dict())
    else:
        summary = build(out, source=source, echo=click.echo)
    if not summary.conforms:
        raise ValidationFailed(f"the graph does not conform to the shapes ({summary.violations} violations; "
                               f"see {out / 'validation.txt'})")


COMMANDS = (queries_command, query_command, validate_command, export_command, stats_command, build_command)
