"""Named queries: igkg (Oxigraph, bound with substitutions) side by side with plain rdflib
(``Graph.parse`` + ``Graph.query(initBindings=…)``) on the same data, in one run.

    python benchmarks/queries_bench.py                      # the bundled graph
    python benchmarks/queries_bench.py --data corpus.nt     # plus a corpus (see corpus.py)

Prints load times and the median time of each named query (with its example parameters) for both,
and checks that both give the same number of rows. Not a test: numbers vary on shared machines.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import rdflib

import igkg
from igkg.formats.rdflib_bridge import to_rdflib
from igkg.queries.params import resolve_parameters
from igkg.resources import bundled_graph_files


def _median_ms(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def _rdflib_count(result: rdflib.query.Result) -> int:
    return len(result.graph) if result.type == "CONSTRUCT" and result.graph is not None else len(list(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=[], type=Path, help="extra RDF file(s)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-rdflib-over", type=float, default=120.0,
                        help="stop timing rdflib for a query after one run slower than this (s)")
    args = parser.parse_args()
    files = bundled_graph_files() + args.data

    started = time.perf_counter()
    kg = igkg.load(data=args.data)
    ox_load = time.perf_counter() - started
    started = time.perf_counter()
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path)
    rdflib_load = time.perf_counter() - started
    print(f"triples: {len(kg)}  (rdflib: {len(graph)})")
    print(f"load: igkg {ox_load:.2f} s   rdflib {rdflib_load:.2f} s   ({rdflib_load / ox_load:.0f}x)\n")

    print(f"{'query':<24} {'rows':>6} {'igkg ms':>10} {'rdflib ms':>11} {'speed-up':>9}")
    for name, query in kg.queries().items():
        bindings = resolve_parameters(kg.store, query, {p.name: p.example for p in query.parameters})
        ox_ms, ox_result = _median_ms(lambda q=query, b=bindings: kg.store.query(q.text, b), args.repeat)
        rdflib_bindings = {rdflib.Variable(k): to_rdflib(v) for k, v in bindings.items()}  # type: ignore[arg-type]
        first_ms, first = _median_ms(
            lambda q=query, b=rdflib_bindings: graph.query(q.text, initBindings=b), 1)
        repeat = 1 if first_ms > args.skip_rdflib_over * 1000 else args.repeat
        rdf_ms, rdf_result = (first_ms, first) if repeat == 1 else _median_ms(
            lambda q=query, b=rdflib_bindings: graph.query(q.text, initBindings=b), repeat)
        ox_rows = len(ox_result)  # type: ignore[arg-type]
        rdf_rows = _rdflib_count(rdf_result)  # type: ignore[arg-type]
        mark = "" if ox_rows == rdf_rows else f"  (rdflib: {rdf_rows} rows)"
        print(f"{name:<24} {ox_rows:>6} {ox_ms:>10.1f} {rdf_ms:>11.1f} {rdf_ms / max(ox_ms, 0.001):>8.0f}x{mark}")


if __name__ == "__main__":
    main()
