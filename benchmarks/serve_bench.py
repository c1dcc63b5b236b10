"""How fast ``igkg serve`` starts and answers, measured against a real server process on a free
loopback port (nothing leaves the machine; every loop is bounded in count).

* startup: from launching ``python -m igkg serve`` to the first answer of ``/sparql`` (Python
  start-up, loading the bundled graph into memory, binding), and the "ready in" the server
  itself prints (loading and binding only); median of ``--starts`` runs;
* throughput and latency: ``--requests`` GET requests of a small named query
  (``/queries/addressed-to.json?agent=IGF``: parameter resolution, the query, SPARQL JSON) and
  of a small SELECT on ``/sparql``, from ``--clients`` threads each holding one keep-alive
  connection; requests per second, p50 and p99 latency. The client shares the machine's cores
  with the server, so the numbers are conservative.

    .venv/bin/python benchmarks/serve_bench.py [--requests 2000] [--clients 4] [--starts 5]
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_support import LiveServer, start_server, stop_server  # noqa: E402

NAMED = "/queries/addressed-to.json?agent=IGF"
SELECT = "/sparql?" + urllib.parse.urlencode(
    {"query": "SELECT ?r ?position WHERE { ?r a igkg:Recommendation ; igkg:position ?position } "
              "ORDER BY ?position LIMIT 5"})


def _start() -> tuple[LiveServer, float]:
    started = time.perf_counter()
    server = start_server()
    return server, time.perf_counter() - started


def startup(runs: int) -> tuple[float, float]:
    walls, readies = [], []
    for _ in range(runs):
        server, wall = _start()
        log = stop_server(server)
        walls.append(wall)
        found = re.search(r"ready in ([0-9.]+) s", log)
        if found:
            readies.append(float(found.group(1)))
    return statistics.median(walls), statistics.median(readies) if readies else float("nan")


def load(port: int, path: str, requests: int, clients: int) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    errors = [0]
    failures: list[str] = []
    lock = threading.Lock()
    per_client = requests // clients

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        for _ in range(per_client):
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException) as error:
                ok = False
                failures.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - began)
            if not ok:
                with lock:
                    errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    for _ in range(20):  # warm up
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        warm.request("GET", path)
        warm.getresponse().read()
        warm.close()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if failures:
        print(f"  first failure: {failures[0]}", file=sys.stderr)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, 1000 * p50, 1000 * p99, errors[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    wall, ready = startup(args.starts)
    print(f"startup (median of {args.starts}): {wall:.2f} s from launch to first answer; "
          f"the server's own 'ready in' (load + bind): {ready:.2f} s")
    server, _ = _start()
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    try:
        for name, path in (("named query addressed-to (JSON)", NAMED), ("small SELECT on /sparql", SELECT)):
            rate, p50, p99, errors = load(port, path, args.requests, args.clients)
            print(f"{name}: {rate:.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms "
                  f"({args.requests} requests, {args.clients} clients, {errors} errors)")
    finally:
        stop_server(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
