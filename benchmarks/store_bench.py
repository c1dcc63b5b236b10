"""The on-disk store at scale: ``igkg load`` into ``--store`` and the named queries on it, side by
side with plain rdflib (``Graph.parse`` + ``Graph.query(initBindings=…)``) on the same data.

    python benchmarks/store_bench.py                        # 1M triples, files under build/bench/
    python benchmarks/store_bench.py --triples 100000 --repeat 5
    python benchmarks/store_bench.py --skip-rdflib          # igkg only (rdflib takes minutes at 1M)

Per query: "plain" is the query run by Oxigraph on the store (what ``--store`` did before the
answers were kept), "first" the first :meth:`Graph.run` (parameters resolved, the answer computed
and kept beside the store), "kept" later runs (the kept answer read back whole), "page" its first
100 rows (``--limit 100``); the ratio is rdflib over the large-corpus path (the page for listings
of more than 100 rows, the whole answer otherwise).

The corpus (see corpus.py) is generated once into the work folder and reused. Loads run as
separate processes, so that each one's peak memory is its own; queries run in this process on
the store (opened read-only, as ``--store`` does) and on an rdflib graph parsed from the same
files, each query with its example parameters; the row counts of both must agree. Not a test:
timings vary on shared machines, so nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (benchmarks/corpus.py)

_MEASURE = """
import json, resource, sys, time
started = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **extra}}))
"""
_IGKG_LOAD = """
from igkg.cli import main
code = main(["load", {corpus!r}, "--store", {store!r}, "--no-progress"])
assert code == 0, code
extra = {{}}
"""
_OXIGRAPH_LOAD = """
import pyoxigraph as ox
from igkg.resources import bundled_graph_files
store = ox.Store({store!r})
for path in [*bundled_graph_files(), {corpus!r}]:
    store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(str(path).rsplit(".", 1)[1]))
store.flush()
extra = {{"triples": len(store)}}
"""
_MEMORY_LOAD = """
import igkg
kg = igkg.load(data=[{corpus!r}])
extra = {{"triples": len(kg)}}
"""
_RDFLIB_PARSE = """
import rdflib
from igkg.resources import bundled_graph_files
graph = rdflib.Graph()
for path in [*bundled_graph_files(), {corpus!r}]:
    graph.parse(path)
extra = {{"triples": len(graph)}}
"""


def _measure(body: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", _MEASURE.format(body=body)], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _median_ms(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def _in_fork(run: Callable[[], tuple[float, int]], timeout: float) -> tuple[float, int] | None:
    """``run()`` in a forked copy of this process (the parsed graph is shared copy-on-write),
    given up after ``timeout`` seconds: rdflib queries cannot be interrupted otherwise."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(run()), daemon=True)
    child.start()
    ready = receive.poll(timeout)
    result = receive.recv() if ready else None
    if child.is_alive():
        child.terminate()
    child.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="folder for corpus and store")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument("--skip-plain", action="store_true",
                        help="do not time the plain query on the store (the first run computes it anyway)")
    parser.add_argument("--reuse-store", action="store_true",
                        help="keep the store of an earlier run (no load timings); its kept answers are "
                             "emptied first (the text index stays)")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0,
                        help="give up an rdflib query after this many seconds (it runs in a forked process)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress when redirected

    import rdflib

    import igkg
    from igkg.formats.rdflib_bridge import to_rdflib
    from igkg.queries.params import resolve_parameters
    from igkg.resources import bundled_graph_files
    from igkg.results import GraphResult, ResultTable

    args.work.mkdir(parents=True, exist_ok=True)
    corpus_path = args.work / f"corpus-{args.triples}.nt"
    if not corpus_path.exists():
        started = time.perf_counter()
        info = corpus.write_corpus(corpus_path, args.triples)
        print(f"generated {corpus_path}: {info.triples} triples, {info.recommendations} recommendations "
              f"({time.perf_counter() - started:.1f} s)")
    store = args.work / f"store-{args.triples}"
    if args.reuse_store and (store / "live").is_symlink():
        import sqlite3

        for kept in store.glob(".gen-*.answers"):
            with sqlite3.connect(kept) as db:
                db.execute("DELETE FROM row")
                db.execute("DELETE FROM answer")
        load = ox_load = memory_load = {"seconds": float("nan"), "peak_mb": float("nan")}
    else:
        shutil.rmtree(store, ignore_errors=True)
        load = _measure(_IGKG_LOAD.format(corpus=str(corpus_path), store=str(store)))
        plain_store = args.work / f"oxigraph-{args.triples}"
        shutil.rmtree(plain_store, ignore_errors=True)
        ox_load = _measure(_OXIGRAPH_LOAD.format(corpus=str(corpus_path), store=str(plain_store)))
        shutil.rmtree(plain_store, ignore_errors=True)
        memory_load = _measure(_MEMORY_LOAD.format(corpus=str(corpus_path)))
    report: dict[str, object] = {"triples": args.triples, "load": {"igkg_store": load, "oxigraph": ox_load,
                                                                  "igkg_memory": memory_load}, "queries": {}}
    kg = igkg.load(store=store)
    print(f"\ncorpus {corpus_path.name}: {corpus_path.stat().st_size / 1e6:.0f} MB, store: {len(kg)} triples "
          f"(with the bundled graph)\n")
    print(f"{'load':<24} {'seconds':>10} {'peak MB':>9}")
    print(f"{'igkg load --store':<24} {load['seconds']:>10.1f} {load['peak_mb']:>9.0f}")
    print(f"{'Oxigraph bulk_load alone':<24} {ox_load['seconds']:>10.1f} {ox_load['peak_mb']:>9.0f}"
          f"   (igkg: {100 * (load['seconds'] / ox_load['seconds'] - 1):+.0f} % time, "
          f"{100 * (load['peak_mb'] / ox_load['peak_mb'] - 1):+.0f} % memory)")
    print(f"{'igkg.load (memory)':<24} {memory_load['seconds']:>10.1f} {memory_load['peak_mb']:>9.0f}")
    graph: rdflib.Graph | None = None
    if not args.skip_rdflib:
        parse = _measure(_RDFLIB_PARSE.format(corpus=str(corpus_path)))
        print(f"{'rdflib Graph.parse':<24} {parse['seconds']:>10.1f} {parse['peak_mb']:>9.0f}"
              f"   ({parse['seconds'] / load['seconds']:.1f}x the igkg time)")
        graph = rdflib.Graph()
        for path in [*bundled_graph_files(), corpus_path]:
            graph.parse(path)

    def igkg_rows(result: object) -> int:
        return len(result) if isinstance(result, ResultTable | GraphResult) else 1

    def rdflib_rows(result: rdflib.query.Result) -> int:
        if result.type == "CONSTRUCT":
            return len(result.graph) if result.graph is not None else 0
        return 1 if result.type == "ASK" else len(list(result))

    print(f"\n{'query (example params)':<24} {'rows':>7} {'plain ms':>10} {'first ms':>10} {'kept ms':>9} "
          f"{'page ms':>8} {'rdflib ms':>11} {'ratio':>7}")
    queries: dict[str, dict[str, object]] = report["queries"]  # type: ignore[assignment]
    for name, query in kg.queries().items():
        params = {p.name: p.example for p in query.parameters}
        bindings = resolve_parameters(kg.store, query, params)
        # plain: the query on the store as before (Oxigraph, nothing kept); one run when slow
        plain_ms, ox_rows = float("nan"), -1
        if not args.skip_plain:
            plain_ms, ox_rows = _median_ms(lambda q=query, b=bindings: igkg_rows(kg.store.query(q.text, b)), 1)
        if not args.skip_plain and plain_ms < 2000:
            plain_ms, ox_rows = _median_ms(lambda q=query, b=bindings: igkg_rows(kg.store.query(q.text, b)),
                                           args.repeat)
        # the large-corpus path: Graph.run (parameters resolved, answer computed and kept, then read)
        first_ms, first_rows = _median_ms(lambda q=query, p=params: igkg_rows(kg.run(q, p)), 1)
        ox_rows = first_rows if args.skip_plain else ox_rows
        kept_ms, kept_rows = _median_ms(lambda q=query, p=params: igkg_rows(kg.run(q, p)), args.repeat)
        page_ms, _ = _median_ms(lambda q=query, p=params: igkg_rows(kg.run(q, p, limit=100)), args.repeat)
        entry: dict[str, object] = {"rows": ox_rows, "plain_ms": plain_ms, "first_ms": first_ms,
                                    "kept_ms": kept_ms, "page_ms": page_ms}
        queries[name] = entry
        head = f"{name:<24} {ox_rows:>7} {plain_ms:>10.1f} {first_ms:>10.1f} {kept_ms:>9.1f} {page_ms:>8.1f}"
        if kept_rows != ox_rows:
            head += f"  (kept: {kept_rows} rows!)"
        if graph is None:
            print(head)
            continue
        init = {rdflib.Variable(k): to_rdflib(v) for k, v in bindings.items()}  # type: ignore[arg-type]

        def run_rdflib(q: igkg.queries.NamedQuery = query, b: dict = init) -> int:  # type: ignore[type-arg]
            return rdflib_rows(graph.query(q.text, initBindings=b))  # type: ignore[union-attr]

        timed = _in_fork(lambda run=run_rdflib: _median_ms(run, args.repeat), args.rdflib_timeout)
        if timed is None:
            entry["rdflib_ms"] = f"> {args.rdflib_timeout * 1000:.0f}"
            print(f"{head} {'> ' + format(args.rdflib_timeout * 1000, '.0f'):>11}"
                  f" {'>' + format(args.rdflib_timeout * 1000 / max(page_ms, 0.01), '.0f'):>6}x")
            continue
        rdf_ms, rdf_rows = timed
        entry["rdflib_ms"] = rdf_ms
        mark = "" if rdf_rows == ox_rows else f"   (rdflib: {rdf_rows} rows)"
        print(f"{head} {rdf_ms:>11.1f} {rdf_ms / max(page_ms, 0.01):>6.0f}x{mark}")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
