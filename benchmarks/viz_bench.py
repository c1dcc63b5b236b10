"""The explorer at scale: generation time of focus views of about 1,000 and 5,000 nodes, page
size, node and edge counts, and the time a page takes to settle in headless Chromium; side by
side with the plain pyvis way (``Network(directed=True).from_nx(G)`` + ``generate_html()``).

    python benchmarks/viz_bench.py                 # 1k and 5k focus views, browser settle times
    python benchmarks/viz_bench.py --no-browser    # generation only

The graph is the bundled graph plus a synthetic corpus (benchmarks/corpus.py) large enough that
the neighbourhood of the IGF (depth 1: the actions addressed to it, the recommendations that
mention it) has about the wanted number of nodes. Not a test: numbers vary on shared machines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from corpus import write_corpus  # noqa: E402

import igkg  # noqa: E402
from igkg.explorer.page import ExplorerPage  # noqa: E402
from igkg.network.view import build_view  # noqa: E402

#: Corpus sizes (triples) whose IGF neighbourhood is about 1,000 and 5,000 nodes.
SIZES = {"1k": 95_000, "5k": 500_000}


def _median(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _pyvis_way(view: Any) -> tuple[float, int]:
    """What pyvis alone does with the same graph: from networkx, then its own template."""
    from pyvis.network import Network

    started = time.perf_counter()
    graph = view.to_networkx()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(graph)
    page = net.generate_html()
    return time.perf_counter() - started, len(page.encode("utf-8"))


def _settle(path: Path, repeat: int = 3) -> tuple[float, float, int, int]:
    """Median ms from navigation start to the explorer's 'settled' mark, and wall seconds."""
    from playwright.sync_api import sync_playwright

    from viz_support import launch, open_page

    marks, walls, counts = [], [], (0, 0)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for _ in range(repeat):
            started = time.perf_counter()
            opened = open_page(browser, path, timeout_ms=120_000)
            walls.append(time.perf_counter() - started)
            marks.append(float(opened.page.evaluate("() => window.igkgSettleMs")))
            counts = opened.counts()
            assert not opened.requests, opened.requests
            opened.page.context.close()
        browser.close()
    return statistics.median(marks), statistics.median(walls), *counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="Skip the Chromium settle times.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from viz_support import chromium_missing

    browser = not args.no_browser and chromium_missing() is None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print("view            nodes  edges  build view  render page  total   page MB | "
              "pyvis from_nx+html  page MB | settle ms (wall s)")
        bundled = igkg.load()
        cases: list[tuple[str, igkg.KnowledgeGraph, dict[str, Any]]] = [("whole bundled", bundled, {})]
        for name, triples in SIZES.items():
            corpus = work / f"corpus-{name}.nt"
            write_corpus(corpus, triples=triples)
            cases.append((f"IGF focus {name}", igkg.load(data=[corpus]), {"focus": "IGF", "depth": 1}))
        for name, graph, options in cases:
            t_view, view = _median(lambda g=graph, o=options: build_view(g.store, **o), args.repeat)
            t_page, page = _median(lambda v=view: ExplorerPage.from_view(v), args.repeat)
            size = len(page.html.encode("utf-8")) / 1e6
            t_pyvis, pyvis_size = _pyvis_way(view)
            line = (f"{name:<15} {len(view.nodes):>5} {len(view.edges):>6}  {t_view:>8.2f} s  {t_page:>9.2f} s"
                    f"  {t_view + t_page:>5.2f} s  {size:>6.2f} | {t_pyvis:>14.2f} s  {pyvis_size / 1e6:>8.2f} |")
            if browser:
                target = work / f"{name.replace(' ', '-')}.html"
                page.save(target)
                mark, wall, drawn_nodes, drawn_edges = _settle(target)
                assert (drawn_nodes, drawn_edges) == (len(view.nodes), len(view.edges))
                line += f" {mark:>7.0f} ({wall:.2f})"
                if 700 < len(view.nodes) <= 2_000:  # the same page with physics on, for comparison
                    physics = work / f"{name.replace(' ', '-')}-physics.html"
                    ExplorerPage.from_view(view, physics=True).save(physics)
                    mark, wall, _, _ = _settle(physics, repeat=1)
                    line += f"; physics on: {mark:.0f} ({wall:.2f})"
            print(line, flush=True)


if __name__ == "__main__":
    main()
