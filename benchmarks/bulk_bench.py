"""Bulk paths side by side: push to a local Oxigraph server and SHACL validation, at corpus sizes.

    python benchmarks/bulk_bench.py --triples 100000 1000000
    python benchmarks/bulk_bench.py --triples 10000 100000 --pyshacl-cap 60 --with-move

Push (each into a fresh ``oxigraph serve`` on a temporary folder; the server's peak memory is its
``VmHWM`` from /proc after the push): main's path (``--strategy single``: one transactional PUT)
against ``--strategy versioned`` (streamed into a staging graph through Oxigraph's bulk loader,
switched in one update), and with ``--with-move`` ``--strategy move`` (the switch copies the
triples in one transaction: slow). Validation: pySHACL (in a child process, stopped at
``--pyshacl-cap`` seconds: a lower bound then) against the shapes compiled to SPARQL. The corpus
is benchmarks/corpus.py's, added to the bundled graph (so that it conforms). Writes Markdown and
JSON next to the corpus (``build/bench/bulk-*.md|json``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # endpoint_support: the Oxigraph server the tests use
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (benchmarks/corpus.py)

import igkg  # noqa: E402
from igkg.stores.http import EndpointSettings  # noqa: E402


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _push(kg: igkg.KnowledgeGraph, strategy: str) -> dict[str, Any]:
    from endpoint_support import OxigraphServer

    settings = dataclasses.replace(EndpointSettings.from_environment(), timeout=3600.0)
    with tempfile.TemporaryDirectory(prefix="igkg-bench-") as folder:
        server = OxigraphServer(Path(folder) / "oxigraph")
        try:
            started = time.perf_counter()
            report = kg.push(server.store_url, replace=True, validate=False, strategy=strategy, settings=settings)
            seconds = time.perf_counter() - started
            peak = _peak_kb(server.process.pid)
        finally:
            server.stop()
    phases = getattr(report, "phases", {})
    return {"strategy": strategy, "seconds": round(seconds, 2), "server_peak_mb": round(peak / 1024),
            "sent": report.sent, "phases": {k: round(v, 2) for k, v in phases.items()}}


def _pyshacl_child(kg: igkg.KnowledgeGraph, pipe: Any) -> None:
    started = time.perf_counter()
    report = kg.validate(engine="pyshacl")
    pipe.send((time.perf_counter() - started, report.text()))


def _validate(kg: igkg.KnowledgeGraph, cap: float | None) -> dict[str, Any]:
    started = time.perf_counter()
    fast = kg.validate(engine="sparql")
    result: dict[str, Any] = {"sparql_s": round(time.perf_counter() - started, 2), "conforms": fast.conforms,
                              "findings": len(fast.findings)}
    if cap:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_pyshacl_child, args=(kg, send))
        child.start()
        if receive.poll(cap):
            seconds, text = receive.recv()
            result["pyshacl_s"] = round(seconds, 2)
            result["same_report"] = text == fast.text()
        else:
            result["pyshacl_s"] = f"> {cap:g}"
        child.kill()
        child.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--pyshacl-cap", type=float, default=60.0, help="seconds; 0: skip pySHACL")
    parser.add_argument("--pyshacl-up-to", type=int, default=100_000, help="run pySHACL up to this size")
    parser.add_argument("--with-move", action="store_true", help="also --strategy move (slow at 1M)")
    parser.add_argument("--no-single", action="store_true", help="skip main's single-request push")
    parser.add_argument("--no-push", action="store_true", help="validation only")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.triples:
        path = args.work / f"corpus-{size}.nt"
        if not path.exists():
            corpus.write_corpus(path, size)
        started = time.perf_counter()
        kg = igkg.load(data=[path])
        row: dict[str, Any] = {"triples": len(kg), "load_s": round(time.perf_counter() - started, 2)}
        print(f"{len(kg)} triples loaded in {row['load_s']} s", flush=True)
        row["validation"] = _validate(kg, args.pyshacl_cap if size <= args.pyshacl_up_to else None)
        print("  validation", row["validation"], flush=True)
        strategies = [] if args.no_push else [
            *([] if args.no_single else ["single"]), "versioned", *(["move"] if args.with_move else [])]
        row["push"] = []
        for strategy in strategies:
            row["push"].append(_push(kg, strategy))
            print("  push", row["push"][-1], flush=True)
        rows.append(row)
    lines = ["| triples | validation: pySHACL | sparql engine | same report | push | seconds | server peak | phases |",
             "|---:|---:|---:|:---:|---|---:|---:|---|"]
    for row in rows:
        v = row["validation"]
        for i, p in enumerate(row["push"] or [{"strategy": "–", "seconds": "–", "server_peak_mb": "–", "phases": {}}]):
            head = (f"| {row['triples']:,} | {v.get('pyshacl_s', '–')} s | {v['sparql_s']} s | "
                    f"{v.get('same_report', '–')} |") if i == 0 else "| | | | |"
            phases = ", ".join(f"{k} {s}" for k, s in p["phases"].items()) or "one request"
            lines.append(f"{head} {p['strategy']} | {p['seconds']} s | {p['server_peak_mb']} MB | {phases} |")
    table = "\n".join(lines)
    print(table)
    stem = args.work / f"bulk-{'-'.join(str(t) for t in args.triples)}"
    stem.with_suffix(".md").write_text(table + "\n")
    stem.with_suffix(".json").write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
