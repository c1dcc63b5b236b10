"""The main job (``igkg build``, ``make demo``): build the graph, validate it, run the whole
query library with each query's example parameters, write the exports, print a summary."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .api import GraphSource, KnowledgeGraph
from .errors import IgkgError
from .files import write_output
from .formats.rdf_writer import serialize_triples
from .formats.result_writer import render, sparql_json
from .results import GraphResult, ResultTable
from .validation import description_report

__all__ = ["BuildSummary", "build"]


@dataclass
class BuildSummary:
    """What :func:`build` did: triple count, validation outcome, rows per query, files written,
    seconds per step."""

    triples: int = 0
    conforms: bool = False
    violations: int = 0
    warnings: int = 0
    query_rows: dict[str, int] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: counts, rows per query (-1: failed), files written, seconds per step."""
        return {"triples": self.triples, "conforms": self.conforms, "violations": self.violations,
                "warnings": self.warnings, "query_rows": self.query_rows, "outputs": [str(p) for p in self.outputs],
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


def _example_params(graph: KnowledgeGraph, name: str) -> dict[str, str]:
    query = graph.named_query(name)
    return {p.name: p.example for p in query.parameters}


def build(out: Path, *, source: GraphSource | None = None, data: Sequence[Path] = (),
          echo: Callable[[str], None] = print) -> BuildSummary:
    """Build the graph (``source``, default: the bundled graph plus ``data``), validate it, run
    every named query with its example parameters, write the exports, the query results, the
    validation report and the explorer page into ``out``, and say so with ``echo``."""
    summary = BuildSummary()
    out.mkdir(parents=True, exist_ok=True)
    (out / "queries").mkdir(exist_ok=True)

    started = time.perf_counter()
    graph = (source or GraphSource(tuple(data))).open()
    summary.triples = len(graph)
    summary.seconds["load"] = time.perf_counter() - started
    stats = graph.stats()
    echo(f"Built the graph: {stats.triples} triples, {stats.documents} documents, "
         f"{stats.recommendations} recommendations ({summary.seconds['load']:.2f} s)")

    started = time.perf_counter()
    report = graph.validate()
    summary.seconds["validate"] = time.perf_counter() - started
    summary.conforms = report.conforms
    summary.violations, summary.warnings = len(report.violations), len(report.warnings)
    write_output(report.text() + "\n", out / "validation.txt")
    summary.outputs.append(out / "validation.txt")
    echo(f"Validated with SHACL: {'conforms' if report.conforms else 'DOES NOT CONFORM'} "
         f"({summary.violations} violations, {summary.warnings} warnings, "
         f"{summary.seconds['validate']:.2f} s) → {out / 'validation.txt'}")

    started = time.perf_counter()
    echo("Ran the query library (example parameters):")
    for name in graph.queries():
        params = _example_params(graph, name)
        try:
            result = graph.query(name, **params)
        except IgkgError as error:
            echo(f"  {name:<24} FAILED: {error}")
            summary.query_rows[name] = -1
            continue
        if isinstance(result, GraphResult):
            target = out / "queries" / f"{name}.ttl"
            write_output(render(result, "ttl"), target)
            count, unit = len(result), "triples"
        else:
            target = out / "queries" / f"{name}.json"
            payload = sparql_json(result)
            write_output(json.dumps(payload, ensure_ascii=False, indent=1), target)
            count = len(result) if isinstance(result, ResultTable) else int(result)
            unit = "rows"
        summary.query_rows[name] = count
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        echo(f"  {name:<24} {count:>5} {unit}" + (f"   ({shown})" if shown else ""))
    summary.seconds["queries"] = time.perf_counter() - started

    for syntax in ("ttl", "jsonld", "trig"):
        target = out / f"igkg.{syntax}"
        write_output(graph.export(syntax), target)
        summary.outputs.append(target)
    echo(f"Exported: {', '.join(str(p) for p in summary.outputs[1:])} (TriG: one named graph per source); "
         f"query results in {out / 'queries'}")

    started = time.perf_counter()
    description = graph.describe()
    target = out / "void.ttl"
    write_output(serialize_triples(description, "ttl"), target)
    summary.outputs.append(target)
    checked = description_report(description)
    summary.seconds["describe"] = time.perf_counter() - started
    if not checked.conforms:
        summary.conforms = False
    echo(f"Described the dataset (VoID + DCAT: licence, version, {len(graph.graphs())} graphs, classes and "
         f"properties with counts): {target}, {'checked' if checked.conforms else 'DOES NOT CONFORM'}")

    started = time.perf_counter()
    page = graph.visualize(title="igkg explorer: the whole graph")
    target = page.save(out / "explorer.html")
    summary.outputs.append(target)
    summary.seconds["explorer"] = time.perf_counter() - started
    echo(f"Explorer: {target} ({page.nodes} nodes, {page.edges} edges; open it in a browser, works offline)")
    return summary
