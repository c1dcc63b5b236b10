"""What each measuring process of ``run_all.py`` runs: one probe per process, given its keyword
arguments as JSON, printing one JSON line (seconds, CPU seconds, peak MB, and what it found).

Probes use the public CLI (``igkg.cli.main``) and API only, so that they run unchanged against
another checkout (``run_all.py --baseline``); whatever a checkout lacks is detected, not assumed.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cli(*args: str) -> int:
    from igkg.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        return int(main(list(args)))


def bundled_files() -> dict[str, Any]:
    from igkg.resources import bundled_graph_files

    return {"files": [str(p) for p in bundled_graph_files()]}


def load_store(corpus: str, store: str) -> dict[str, Any]:
    code = _cli("load", corpus, "--store", store, "--no-progress")
    assert code == 0, code
    return {}


def oxigraph_bulk_load(files: list[str], folder: str, graphs: bool = False) -> dict[str, Any]:
    """Oxigraph's bulk loader and nothing else; ``graphs``: each file into a graph of its own, as
    igkg stores them (a quad in a named graph goes into six indexes, a triple of the default graph
    into three: at 1M triples about a third more time than the default graph)."""
    import pyoxigraph as ox

    store = ox.Store(folder)
    for path in files:
        store.bulk_load(path=path, format=ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".")),
                        to_graph=ox.NamedNode(Path(path).resolve().as_uri()) if graphs else None)
    store.flush()
    return {"triples": len(store)}


def memory_load(corpus: str) -> dict[str, Any]:
    import igkg

    return {"triples": len(igkg.load(data=[Path(corpus)]))}


def rdflib_parse(files: list[str]) -> dict[str, Any]:
    import rdflib

    graph = rdflib.Graph()
    for path in files:
        graph.parse(path)
    return {"triples": len(graph)}


def _rows(result: object) -> int:
    return len(result) if hasattr(result, "__len__") else 1  # type: ignore[arg-type]


def _timed(run: Callable[[], object], repeat: int, slow_ms: float) -> dict[str, Any]:
    times: list[float] = []
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = _rows(run())
        times.append((time.perf_counter() - started) * 1000)
        if times[0] > slow_ms:
            break
    return {"ms": statistics.median(times), "rows": rows, "runs": len(times)}


def store_queries(store: str, repeat: int, slow_ms: float, per_query: float = 120.0) -> dict[str, Any]:
    """Every named query with its example parameters on the on-disk store, as ``igkg query
    --store`` runs it (``Graph.run``); with ``limit`` when this checkout pages, also the first page.
    Each query is stopped after ``per_query`` seconds by igkg's own deadline (a lower bound then).

    Where this checkout keeps answers beside the store, the first run on the fresh store (which
    computes the answer and keeps it) is measured on its own (``first_run_ms``) and ``ms`` is the
    median of the runs after it, the kept answer: a first run slower than ``slow_ms`` must not
    stand for the kept answer (it did, in the runs before this was split)."""
    import igkg
    from igkg.errors import IgkgError
    from igkg.limits import QueryPolicy

    kg = igkg.load(store=Path(store), policy=QueryPolicy(timeout=per_query))
    pages = "limit" in inspect.signature(kg.run).parameters
    keeps = getattr(kg.store, "answers", None) is not None
    found: dict[str, Any] = {}
    for name, query in kg.queries().items():
        values = {p.name: p.example for p in query.parameters}
        try:
            cold = _timed(lambda q=query, v=values: kg.run(q, v), 1, slow_ms) if keeps else None  # type: ignore[misc]
            row = _timed(lambda q=query, v=values: kg.run(q, v), repeat, slow_ms)  # type: ignore[misc]
            if cold is not None:
                row["first_run_ms"] = cold["ms"]
            if pages:
                first = _timed(lambda q=query, v=values: kg.run(q, v, limit=100), repeat, slow_ms)  # type: ignore[misc,call-arg]
                row["first_page_ms"] = first["ms"]
        except IgkgError as error:
            row = {"over_ms": per_query * 1000, "error": str(error)[:200]}
        found[name] = row
        print(json.dumps({"query": name, **row}), file=sys.stderr, flush=True)  # progress, and kept if stopped
    return {"queries": found, "triples": len(kg), "pages": pages}


def rdflib_queries(files: list[str], repeat: int, per_query: float) -> dict[str, Any]:
    """The same queries on plain rdflib (parse, then ``Graph.query(initBindings=…)``), each in a
    forked copy given up after ``per_query`` seconds (rdflib cannot be interrupted otherwise)."""
    import multiprocessing

    import rdflib

    import igkg
    from igkg.formats.rdflib_bridge import to_rdflib
    from igkg.queries.params import resolve_parameters

    graph = rdflib.Graph()
    for path in files:
        graph.parse(path)
    kg = igkg.load(data=[Path(p) for p in files if "corpus" in Path(p).name])
    found: dict[str, Any] = {}
    context = multiprocessing.get_context("fork")
    for name, query in kg.queries().items():
        bindings = resolve_parameters(kg.store, query, {p.name: p.example for p in query.parameters})
        init = {rdflib.Variable(k): to_rdflib(v) for k, v in bindings.items()}  # type: ignore[arg-type]

        def run(q: Any = query, b: dict[Any, Any] = init) -> object:
            result = graph.query(q.text, initBindings=b)
            if result.type == "CONSTRUCT":
                return list(result.graph or [])
            return [True] if result.type == "ASK" else list(result)

        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=lambda r=run, out=send: out.send(_timed(r, repeat, 2_000)), daemon=True)
        child.start()
        row = receive.recv() if receive.poll(per_query) else {"over_ms": per_query * 1000}
        if child.is_alive():
            child.terminate()
        child.join()
        found[name] = row
    return {"queries": found}


def cli_query(store: str, name: str, fmt: str) -> dict[str, Any]:
    """``igkg query NAME --store S --format F`` as a user runs it, output into a pipe."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "igkg", "query", name, "--store", store, "--format", fmt],
                          capture_output=True, check=False)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr.decode()[-300:]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the igkg process's, not this one's
    return {"wall": seconds, "bytes": len(done.stdout), "lines": done.stdout.count(b"\n"), "peak_mb": peak}


def oxigraph_server() -> str:
    candidate = Path(sys.executable).parent / "oxigraph"
    return str(candidate) if candidate.exists() else (shutil.which("oxigraph") or "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _vm_hwm_mb(pid: int) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a running process (/proc/PID/stat)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


def push(store: str, server: str, work: str, strategy: str = "single") -> dict[str, Any]:
    """``igkg push --store S --endpoint …/store --replace --no-validate --strategy X`` to a fresh
    local Oxigraph server; the server's peak memory and CPU seconds from /proc."""
    if not server:
        return {"skipped": "no oxigraph server (pip install oxigraph)"}
    location = tempfile.mkdtemp(prefix="push-", dir=work)
    port = _free_port()
    process = subprocess.Popen([server, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).close()
                break
            time.sleep(0.05)
        started = time.perf_counter()
        code = _cli("push", "--store", store, "--endpoint", f"http://127.0.0.1:{port}/store", "--replace",
                    "--no-validate", "--strategy", strategy)
        seconds = time.perf_counter() - started
        return {"wall": seconds, "code": code, "server_peak_mb": _vm_hwm_mb(process.pid),
                "server_cpu": _cpu_seconds(process.pid)}
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        shutil.rmtree(location, ignore_errors=True)


def validate(store: str) -> dict[str, Any]:
    from igkg.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["validate", "--store", store])
    return {"code": code}


def explorer(corpus: str, focus: str | None) -> dict[str, Any]:
    """The explorer's view and page (what ``igkg viz`` does after loading): the whole graph, or
    the neighbourhood of ``focus`` at depth 1."""
    import igkg
    from igkg.explorer.page import ExplorerPage
    from igkg.network.view import build_view

    kg = igkg.load(data=[Path(corpus)])
    started, cpu = time.perf_counter(), time.process_time()
    options: dict[str, Any] = {"focus": focus, "depth": 1} if focus else {}
    view = build_view(kg.store, max_nodes=1_000_000, **options)
    viewed, view_cpu = time.perf_counter(), time.process_time()
    page = ExplorerPage.from_view(view)
    done, page_cpu = time.perf_counter(), time.process_time()
    return {"wall": done - started, "view": viewed - started, "page": done - viewed, "nodes": len(view.nodes),
            "edges": len(view.edges), "page_mb": len(page.html.encode("utf-8")) / 1e6,
            "view_cpu": view_cpu - cpu, "page_cpu": page_cpu - view_cpu}


def extract(bullets: int, work: str) -> dict[str, Any]:
    """``igkg extract FILE --format ttl -o OUT`` of a generated text of ``bullets`` recommendations."""
    from extract_bench import generate

    folder = Path(tempfile.mkdtemp(prefix="extract-", dir=work))
    try:
        text = folder / f"generated-{bullets}.txt"
        text.write_text(generate(bullets), encoding="utf-8")
        started = time.perf_counter()
        code = _cli("extract", str(text), "--format", "ttl", "-o", str(folder / "out.ttl"))
        seconds = time.perf_counter() - started
        return {"wall": seconds, "code": code, "per_second": bullets / seconds}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


PROBES: dict[str, Callable[..., dict[str, Any]]] = {
    f.__name__: f for f in (bundled_files, load_store, oxigraph_bulk_load, memory_load, rdflib_parse, store_queries,
                            rdflib_queries, cli_query, push, validate, explorer, extract)
}


def main(probe: str, arguments: str) -> None:
    sys.path.insert(0, str(HERE))
    kwargs = json.loads(arguments)
    wall, cpu = time.perf_counter(), time.process_time()
    found = PROBES[probe](**kwargs)
    found.setdefault("wall", time.perf_counter() - wall)
    found.setdefault("peak_mb", _peak_mb())
    found.update(cpu=time.process_time() - cpu, pid=os.getpid())
    print(json.dumps(found))
    # Every probe's answer is also kept as it comes, so that a long run stopped half-way loses nothing.
    with contextlib.suppress(OSError), open(HERE.parent / "build" / "bench-probes.jsonl", "a") as log:
        log.write(json.dumps({"probe": probe, "src": os.environ.get("PYTHONPATH", ""), "kwargs": kwargs,
                              "found": found, "at": time.strftime("%H:%M:%S")}) + "\n")
