"""``igkg viz`` (the explorer page) and ``igkg analyze`` (network analytics): thin click
commands over :mod:`igkg.explorer.page` and :mod:`igkg.explorer.analytics`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..api import GraphSource
from ..errors import ParameterError
from ..formats.registry import RESULT_FORMATS
from ..network.style import CLASS_KEYS
from ..network.view import DEFAULT_MAX_NODES
from .options import emit, graph_source_options, output_options, parse_params

__all__ = ["COMMANDS"]


@click.command("viz")
@click.option("--output", "-o", default="graph.html", show_default=True, type=click.Path(path_type=str),
              help="The HTML file to write ('-' for standard output).")
@click.option("--focus", metavar="NODE",
              help="Draw the neighbourhood of this node: a label, acronym, prefixed name or IRI.")
@click.option("--depth", type=click.IntRange(0, 10), default=None,
              help="How many hops around --focus to draw (default 1).")
@click.option("--query", "query", metavar="NAME|FILE",
              help="Draw the result of a CONSTRUCT query (a named query or a .rq file).")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of --query, as you would type it.")
@click.option("--classes", "classes", multiple=True, metavar="CLASS[,CLASS…]",
              help=f"Draw only nodes of these classes: {', '.join(CLASS_KEYS)}.")
@click.option("--concepts", is_flag=True,
              help="Draw scheme concepts (verification status, verbs, topics …) as nodes; by default "
                   "they are properties in the details panel.")
@click.option("--physics/--no-physics", default=None,
              help="Let the layout settle in the browser (default: only up to 700 nodes).")
@click.option("--max-nodes", type=click.IntRange(1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Refuse to draw more nodes than this.")
@click.option("--title", help="The page's heading.")
@graph_source_options
def viz_command(output: str, focus: str | None, depth: int | None, query: str | None,
                params: Sequence[str], classes: Sequence[str], concepts: bool, physics: bool | None, max_nodes: int,
                title: str | None, source: GraphSource) -> None:
    """Write the graph explorer: one self-contained HTML page that works offline.

    \b
    igkg viz -o graph.html
    igkg viz --focus IGF --depth 2 -o igf.html
    igkg viz --query neighbourhood -p node="Tunis Agenda" -p depth=1
    igkg viz --classes recommendation,paragraph,instrument

    Exit 0 when the page is written; 2 for an unknown node, class or query, a query that is
    not a CONSTRUCT, more than --max-nodes nodes, or a file that cannot be read or written;
    3 when the --endpoint fails, 4 when the --store cannot be opened.
    """
    from ..explorer.page import explorer_page

    if depth is not None and focus is None:
        raise ParameterError("--depth applies to --focus")
    graph = source.open()
    page = explorer_page(graph, focus=focus, depth=1 if depth is None else depth, classes=classes,
                         query=query, params=parse_params(params), physics=physics, title=title,
                         max_nodes=max_nodes, concepts=concepts)
    emit(page.html, output)
    if str(output) != "-":
        size = len(page.html.encode("utf-8"))
        click.echo(f"Wrote {output}: {page.nodes} nodes, {page.edges} edges, {size / 1e6:.2f} MB", err=True)


def _result_options(command: Any) -> Any:
    return output_options(RESULT_FORMATS, "table", "Output format.")(graph_source_options(command))


def _whole_view(source: GraphSource, concepts: bool = False) -> Any:
    from ..network.view import build_view

    graph = source.open()
    return graph, build_view(graph.store, concepts=concepts)


@click.group("analyze")
def analyze_group() -> None:
    """Network analytics: centrality, instrument coverage, components, shortest paths.

    The network is the explorer's: resources are nodes, links between them are edges
    (literals, rdf:type and ontology terms are left out). Exit 0 on success, 2 for an unknown
    node or instrument, a bad option or a file that cannot be written.
    """


@analyze_group.command("centrality")
@click.option("--classes", "classes", default="instrument,paragraph,organization", show_default=True,
              metavar="CLASS[,CLASS…]", help="The classes to rank.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Nodes per class.")
@_result_options
def centrality_command(classes: str, top: int, fmt: str, output: str | None, source: GraphSource) -> None:
    """The most central nodes of each class: betweenness, links, normalised degree."""
    from ..explorer.analytics import centrality
    from ..formats.result_writer import render
    from ..network.view import parse_classes

    wanted = parse_classes([classes])
    _graph, view = _whole_view(source)
    emit(render(centrality(view, wanted, top), fmt), output)


@analyze_group.command("coverage")
@click.option("--instrument", default="Tunis Agenda", show_default=True,
              help="The instrument: a label, acronym, symbol or IRI.")
@click.option("--from", "first", type=int, help="First paragraph number to include.")
@click.option("--to", "last", type=int, help="Last paragraph number to include.")
@click.option("--chart", "charts", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw a bar chart to this .png or .svg file (repeatable).")
@_result_options
def coverage_command(instrument: str, first: int | None, last: int | None, charts: Sequence[Path],
                     fmt: str, output: str | None, source: GraphSource) -> None:
    """Which paragraphs of an instrument are cited by which recommendations, and which by none.

    \b
    igkg analyze coverage --instrument "Tunis Agenda" --from 29 --to 82 --chart coverage.svg
    """
    from ..explorer.analytics import coverage, coverage_chart
    from ..formats.result_writer import render

    graph, view = _whole_view(source)
    cov = coverage(graph.store, view, instrument, first, last)
    emit(render(cov.table(), fmt), output)
    for chart in charts:
        coverage_chart(cov, chart)
        click.echo(f"Wrote {chart}: {len(cov.rows) - len(cov.uncited)} of {len(cov.rows)} paragraphs cited",
                   err=True)


@analyze_group.command("components")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True, help="Components to list.")
@_result_options
def components_command(top: int, fmt: str, output: str | None, source: GraphSource) -> None:
    """Connected components (links in either direction), largest first."""
    from ..explorer.analytics import components
    from ..formats.result_writer import render

    _graph, view = _whole_view(source)
    emit(render(components(view, top), fmt), output)


@analyze_group.command("path")
@click.argument("source_node", metavar="FROM")
@click.argument("target_node", metavar="TO")
@click.option("--via-concepts", is_flag=True,
              help="Allow the path through concepts (topics, verbs, verification status).")
@_result_options
def path_command(source_node: str, target_node: str, via_concepts: bool, fmt: str, output: str | None,
                 source: GraphSource) -> None:
    """The shortest chain of links between two nodes (labels as results show them, such as
    "WGEC #8" or "TA ¶72(g)", acronyms, prefixed names or IRIs), along meaningful links.

    \b
    igkg analyze path doc:wgec-second-take/rec-8 ITU
    """
    from ..explorer.analytics import shortest_path
    from ..formats.result_writer import render

    graph, view = _whole_view(source, concepts=via_concepts)
    table = shortest_path(graph.store, view, source_node, target_node, via_concepts)
    if not table.rows:
        click.echo(f"igkg: no path between {source_node!r} and {target_node!r}", err=True)
    emit(render(table, fmt), output)


COMMANDS = (viz_command, analyze_group)
