"""What running queries in a stoppable worker process costs, on the bundled graph.

Every named query (example parameters, already resolved to terms) runs in the calling process
(``run_oxigraph_query`` without a worker: no deadline, no Ctrl-C while Oxigraph works) and in the
store's worker process (the default: ``--timeout`` and Ctrl-C work); the medians and their
difference are printed, and the cost of starting a worker (the first query of a store).

    python benchmarks/worker_bench.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import igkg  # noqa: E402
from igkg.queries.params import resolve_parameters  # noqa: E402
from igkg.stores.binding import inject_values  # noqa: E402
from igkg.stores.oxigraph import OxigraphStore, run_oxigraph_query  # noqa: E402


def median_ms(run: object, repeat: int) -> float:
    assert callable(run)
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    kg = igkg.load()
    store = kg.store
    assert isinstance(store, OxigraphStore)
    started = time.perf_counter()
    fresh = igkg.load()
    loaded = time.perf_counter()
    fresh.store.query("ASK {}")
    first = time.perf_counter()
    print(f"bundled graph: {len(kg)} triples; a new store's first query, worker start included: "
          f"{(first - loaded) * 1000:.1f} ms (loading the graph: {(loaded - started) * 1000:.0f} ms)\n")
    print(f"{'query':<24}{'in process ms':>15}{'worker ms':>12}{'overhead ms':>13}")
    overheads = []
    for name, query in kg.queries().items():
        bindings = resolve_parameters(store, query, {p.name: p.example for p in query.parameters})
        text = inject_values(query.text, bindings) if bindings else query.text  # type: ignore[arg-type]
        here = median_ms(lambda t=text: run_oxigraph_query(store.oxigraph, t), args.repeat)  # type: ignore[misc]
        there = median_ms(lambda t=text: store.query(t), args.repeat)  # type: ignore[misc]
        overheads.append(there - here)
        print(f"{name:<24}{here:>15.2f}{there:>12.2f}{there - here:>13.2f}")
    print(f"\noverhead per query: median {statistics.median(overheads):.2f} ms, "
          f"max {max(overheads):.2f} ms ({args.repeat} runs each)")


if __name__ == "__main__":
    main()
