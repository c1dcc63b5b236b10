"""Every benchmark of issue 13 in one run, as ONE side-by-side table: load time and peak memory
(igkg's ``load --store``, Oxigraph's own bulk loader alone, the in-memory ``igkg.load``, rdflib),
every named query's median on igkg's large-corpus path (the ``--store`` users are told to use)
and on plain rdflib with the ratio and the growth exponent, the CLI's output of a long listing,
push to a local Oxigraph server, SHACL validation, the explorer and extraction.

    python benchmarks/run_all.py                              # 10k and 100k triples (make bench)
    python benchmarks/run_all.py --sizes 1000000              # the 1M run (make bench-1m), merged
    python benchmarks/run_all.py --baseline ../igkg-before   # and "today's code" (another checkout) side by side

Everything is measured through the public CLI and API (``igkg load --store``, ``igkg query``,
``igkg push``, ``igkg validate``, ``igkg viz``'s view and page, ``igkg extract``), each in a
fresh process whose peak memory is its own, so the table picks up any change behind them.
``--baseline PATH`` runs the same measurements with another checkout's ``src/`` (its own store,
built by its own ``igkg load``). Options that only newer code has (``--limit``) are detected.

Results go to ``build/bench/results.json`` (one entry per size, kept between runs, so the 1M
run joins the 10k/100k ones) and ``build/bench/report.md`` (the table). Not a test: numbers vary
on shared machines, so nothing here asserts a time. ``--smoke`` runs every probe once on a tiny
corpus (used by ``tests/test_bench_harness.py``, untimed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/corpus.py)
import probes  # noqa: E402  (benchmarks/probes.py: the code each measuring process runs)
from report import render_report  # noqa: E402  (benchmarks/report.py: the table)


def progress(stderr: str) -> dict[str, Any]:
    """The per-query rows a probe printed on stderr as it went (``{"query": NAME, …}`` lines), so
    that a probe stopped half-way (its process timeout, a crash) still gives the rows it measured."""
    rows: dict[str, Any] = {}
    for line in stderr.splitlines():
        if line.startswith('{"query": '):
            try:
                row = json.loads(line)
            except ValueError:
                continue
            rows[str(row.pop("query"))] = row
    return rows


class Runner:
    """Runs probes in fresh processes with one checkout's ``src/`` first on the path."""

    def __init__(self, src: Path, timeout: float) -> None:
        self.src, self.timeout = src, timeout

    def __call__(self, probe: str, timeout: float | None = None, **kwargs: Any) -> dict[str, Any] | None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(self.src), str(HERE)]), "NO_COLOR": "1"}
        command = [sys.executable, "-c", f"import probes, sys; probes.main({probe!r}, sys.argv[1])", json.dumps(kwargs)]
        limit = timeout or self.timeout
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False,
                                  timeout=limit, cwd=ROOT)
        except subprocess.TimeoutExpired as stopped:
            # A probe that prints its answer at the end loses everything when stopped; what it
            # printed as it went is kept, and the stop is said, not silently turned into no rows.
            partial = progress(_text(stopped.stderr))
            print(f"  {probe} ({self.src}): stopped after {limit:.0f} s"
                  + (f"; {len(partial)} queries measured before" if partial else ""), file=sys.stderr)
            return {"timeout": limit, **({"queries": partial} if partial else {})}
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            tail = [line for line in done.stderr.strip().splitlines() if not line.startswith('{"query": ')][-3:]
            partial = progress(done.stderr)
            print(f"  {probe} ({self.src}): failed (exit {done.returncode}): {' | '.join(tail) or 'no output'}",
                  file=sys.stderr)
            return {"failed": done.returncode, "queries": partial} if partial else None
        return dict(json.loads(lines[-1]))


def _text(output: str | bytes | None) -> str:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output or ""


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    return {"cpus": os.cpu_count(), "cpu": cpu, "ram_mb": memory, "python": platform.python_version(),
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}


def _bundled_files(run: Runner) -> list[str]:
    found = run("bundled_files")
    return list(found["files"]) if found else []


def measure_size(triples: int, args: argparse.Namespace, runs: dict[str, Runner]) -> dict[str, Any]:
    """Every row of the table at one corpus size."""
    work: Path = args.work
    corpus_path = work / f"corpus-{triples}.nt"
    if not corpus_path.exists():
        info = corpus.write_corpus(corpus_path, triples)
        print(f"generated {corpus_path.name}: {info.triples} triples, {info.recommendations} recommendations",
              flush=True)
    out: dict[str, Any] = {"triples": triples, "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                           "load": {}, "queries": {}, "other": {}}
    current = runs["igkg"]
    files = [*_bundled_files(current), str(corpus_path)]
    stores: dict[str, Path] = {}
    for label, run in runs.items():  # igkg's store, and today's code's own store
        store = work / f"store-{triples}-{label}"
        shutil.rmtree(store, ignore_errors=True)
        print(f"[{triples}] {label}: igkg load --store", flush=True)
        out["load"][f"{label} load --store"] = run("load_store", corpus=str(corpus_path), store=str(store))
        stores[label] = store
    print(f"[{triples}] Oxigraph bulk loader, in-memory load, rdflib parse", flush=True)
    ox_folder = work / f"oxigraph-{triples}"
    shutil.rmtree(ox_folder, ignore_errors=True)
    out["load"]["Oxigraph bulk_load alone"] = current("oxigraph_bulk_load", files=files, folder=str(ox_folder))
    shutil.rmtree(ox_folder, ignore_errors=True)
    out["load"]["Oxigraph bulk_load alone, a graph per file (as igkg stores them)"] = current(
        "oxigraph_bulk_load", files=files, folder=str(ox_folder), graphs=True)
    shutil.rmtree(ox_folder, ignore_errors=True)
    out["load"]["igkg.load (in memory)"] = current("memory_load", corpus=str(corpus_path))
    if not args.skip_rdflib:
        out["load"]["rdflib Graph.parse"] = current("rdflib_parse", files=files, timeout=args.rdflib_load_timeout)

    for label, run in runs.items():
        print(f"[{triples}] {label}: named queries on --store", flush=True)
        # Each query is stopped by igkg's own deadline (``--store-query-deadline``); the process
        # as a whole may take that long for every query (a first run each) and more, so its own
        # timeout follows the deadline rather than the flat ``--query-timeout`` of other probes.
        found = run("store_queries", store=str(stores[label]), repeat=args.repeat, slow_ms=args.slow_ms,
                    per_query=args.store_query_deadline,
                    timeout=max(args.query_timeout, 40 * args.store_query_deadline))
        for name, row in (found or {}).get("queries", {}).items():
            out["queries"].setdefault(name, {})[label] = row
    if not args.skip_rdflib:
        print(f"[{triples}] rdflib: named queries (each given up after {args.rdflib_timeout:.0f} s)", flush=True)
        found = current("rdflib_queries", files=files, repeat=args.repeat, per_query=args.rdflib_timeout,
                        timeout=args.rdflib_load_timeout + 40 * args.rdflib_timeout)
        for name, row in (found or {}).get("queries", {}).items():
            out["queries"].setdefault(name, {})["rdflib"] = row

    other = out["other"]
    for label, run in runs.items():
        print(f"[{triples}] {label}: CLI output, push, validation, explorer", flush=True)
        for fmt in ("table", "csv"):
            other.setdefault(f"igkg query recommendations --store ({fmt})", {})[label] = run(
                "cli_query", store=str(stores[label]), name="recommendations", fmt=fmt, timeout=args.query_timeout)
        if not args.skip_push:
            other.setdefault("igkg push --no-validate to Oxigraph", {})[label] = run(
                "push", store=str(stores[label]), server=probes.oxigraph_server(), work=str(work),
                timeout=args.push_timeout)
            other.setdefault("igkg push --strategy versioned to Oxigraph", {})[label] = run(
                "push", store=str(stores[label]), server=probes.oxigraph_server(), work=str(work),
                strategy="versioned", timeout=args.push_timeout)
        if not args.skip_validate and (label == "igkg" or triples <= 10_000):  # today's: > 90 s at 100k
            other.setdefault("igkg validate --store", {})[label] = run(
                "validate", store=str(stores[label]), timeout=args.validate_timeout)
        other.setdefault("explorer: IGF focus, view + page", {})[label] = run(
            "explorer", corpus=str(corpus_path), focus="IGF", timeout=args.query_timeout)
    for label in runs:
        shutil.rmtree(stores[label], ignore_errors=True) if not args.keep_stores else None
    return out


def measure_fixed(args: argparse.Namespace, runs: dict[str, Runner]) -> dict[str, Any]:
    """The rows that do not follow the corpus size: a 20k-node explorer view, extraction."""
    out: dict[str, Any] = {}
    view_corpus = args.work / f"corpus-{args.view_triples}.nt"
    if not view_corpus.exists():
        corpus.write_corpus(view_corpus, args.view_triples)
    for label, run in runs.items():
        print(f"[fixed] {label}: explorer whole view of {args.view_triples} triples; extraction", flush=True)
        out.setdefault(f"explorer: whole view of bundled + {args.view_triples:,} triples, view + page", {})[label] = \
            run("explorer", corpus=str(view_corpus), focus=None, timeout=args.query_timeout)
        for bullets in args.bullets:
            out.setdefault(f"igkg extract {bullets:,} recommendations to Turtle", {})[label] = run(
                "extract", bullets=bullets, work=str(args.work), timeout=args.query_timeout)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes in triples, comma-separated")
    parser.add_argument("--baseline", type=Path, help="another checkout (its src/ is used): today's code")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-ms", type=float, default=2_000, help="a query slower than this runs once")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0, help="per rdflib query (a lower bound after)")
    parser.add_argument("--rdflib-load-timeout", type=float, default=600.0)
    parser.add_argument("--query-timeout", type=float, default=900.0, help="per measuring process")
    parser.add_argument("--store-query-deadline", type=float, default=120.0,
                        help="igkg's deadline per named query on --store (a lower bound after)")
    parser.add_argument("--push-timeout", type=float, default=300.0)
    parser.add_argument("--validate-timeout", type=float, default=60.0)
    parser.add_argument("--view-triples", type=int, default=125_000, help="corpus of the ~20k-node view")
    parser.add_argument("--bullets", default="1000,4000")
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--skip-push", action="store_true")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--skip-fixed", action="store_true", help="no explorer-20k and extraction rows")
    parser.add_argument("--keep-stores", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="a tiny corpus, every probe once (for the test)")
    args = parser.parse_args(argv)
    args.bullets = [int(b) for b in str(args.bullets).split(",") if b]
    if args.smoke:
        args.repeat, args.view_triples, args.bullets, args.rdflib_timeout = 1, 2_000, [20], 10.0
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    args.work.mkdir(parents=True, exist_ok=True)
    runs = {"igkg": Runner(ROOT / "src", args.query_timeout)}
    if args.baseline is not None:
        runs["today"] = Runner(args.baseline.resolve() / "src", args.query_timeout)
    results_path = args.work / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() and not args.smoke else {}
    results["machine"] = machine()
    results.setdefault("sizes", {})
    started = time.perf_counter()
    for triples in (int(s) for s in args.sizes.split(",") if s):
        size_started = time.perf_counter()
        results["sizes"][str(triples)] = measure_size(triples, args, runs)
        results["sizes"][str(triples)]["wall_seconds"] = time.perf_counter() - size_started
        results_path.write_text(json.dumps(results, indent=1))
    if not args.skip_fixed:
        results["fixed"] = measure_fixed(args, runs)
    results["baseline"] = str(args.baseline) if args.baseline else results.get("baseline")
    results_path.write_text(json.dumps(results, indent=1))
    report = render_report(results)
    (args.work / "report.md").write_text(report)
    print("\n" + report)
    print(f"({time.perf_counter() - started:.0f} s; {results_path} and {args.work / 'report.md'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
