"""The side-by-side table of ``run_all.py``'s results (``build/bench/results.json``) in Markdown:
one row per measurement, for each corpus size igkg, today's code (``--baseline``), rdflib and the
ratio; then the growth exponent from the smallest to the largest size.

    python benchmarks/report.py build/bench/results.json     # print the table again
    python benchmarks/report.py a/results.json b/results.json   # the sizes of several runs in one table
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

IGKG, TODAY, RDFLIB = "igkg", "today", "rdflib"


def exponent(points: list[tuple[float, float]]) -> float | None:
    """The least-squares slope of log(time) against log(size): 1 is linear, 0 constant."""
    points = [(x, y) for x, y in points if x > 0 and y and y > 0]
    if len(points) < 2:
        return None
    xs, ys = [math.log(x) for x, _ in points], [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread if spread else None


def _size_name(triples: int) -> str:
    return f"{triples // 1_000_000}M" if triples >= 1_000_000 else f"{triples // 1000}k"


def _ms(row: dict[str, Any] | None) -> tuple[float | None, bool]:
    """A query's milliseconds, and whether it is a lower bound (given up)."""
    if not row:
        return None, False
    if "over_ms" in row:
        return float(row["over_ms"]), True
    if "timeout" in row:
        return float(row["timeout"]) * 1000, True
    return (float(row["ms"]), False) if "ms" in row else (None, False)


def _fmt_ms(value: float | None, bound: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"
    return f"> {text}" if bound else text


def _fmt_run(row: dict[str, Any] | None, memory: bool = True) -> str:
    if not row:
        return "–"
    if "timeout" in row:
        return f"> {row['timeout']:.0f} s"
    if "skipped" in row:
        return "skipped"
    text = f"{row['wall']:.2f} s" if row["wall"] < 10 else f"{row['wall']:.1f} s"
    if row.get("cpu") and row["cpu"] > 0.05 and "bytes" not in row:  # the probe's own CPU (igkg's, in process)
        text += f" (CPU {row['cpu']:.1f} s)"
    if memory and row.get("peak_mb"):
        text += f" / {row['peak_mb']:,.0f} MB"
    if row.get("server_peak_mb"):
        cpu = f", CPU {row['server_cpu']:.1f} s" if row.get("server_cpu") else ""
        text += f" (server {row['server_peak_mb']:,.0f} MB{cpu})"
    if "nodes" in row:
        text += f" ({row['nodes']:,} nodes; view {row['view']:.2f} s)"
    if "per_second" in row:
        text += f" ({row['per_second']:,.0f}/s)"
    if row.get("code"):
        text += f" exit {row['code']}"
    return text


def _wall(row: dict[str, Any] | None) -> float | None:
    """A run's wall time, or nothing for a run given up or skipped."""
    return None if not row or "timeout" in row or "skipped" in row else row.get("wall")


def _ratio(fast: float | None, slow: float | None, bound: bool) -> str:
    if not fast or not slow:
        return "–"
    return f"{'≥ ' if bound else ''}{slow / fast:,.1f}×"


def render_report(results: dict[str, Any]) -> str:
    sizes = sorted(results.get("sizes", {}).values(), key=lambda s: s["triples"])
    has_today = any(TODAY in row for s in sizes for row in s.get("queries", {}).values())
    columns = [IGKG, *([TODAY] if has_today else []), RDFLIB, "ratio"]
    head = ["measurement"] + [f"{_size_name(s['triples'])} {c}" for s in sizes for c in columns]
    head += ["exponent igkg"] + (["exponent today"] if has_today else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def add(label: str, cells: list[str], exps: list[str]) -> None:
        lines.append("| " + " | ".join([label, *cells, *exps]) + " |")

    load_rows = sorted({k for s in sizes for k in s.get("load", {})} - {f"{TODAY} load --store"})
    for key in load_rows:
        cells: list[str] = []
        for s in sizes:
            row = s["load"].get(key)
            today = s["load"].get(f"{TODAY} load --store") if key == f"{IGKG} load --store" else None
            cells += [_fmt_run(row)] + ([_fmt_run(today) if today else ""] if has_today else [])
            cells += [""] * (len(columns) - 1 - has_today)
        pts = [(s["triples"], (s["load"].get(key) or {}).get("wall")) for s in sizes]
        e = exponent(pts)  # type: ignore[arg-type]
        add(f"load: {key}", cells, [f"{e:.2f}" if e is not None else "–"] + ([""] if has_today else []))

    names = sorted({n for s in sizes for n in s.get("queries", {})})
    speedups: dict[int, list[tuple[float, bool]]] = {}
    for name in names:
        cells = []
        for s in sizes:
            row = s["queries"].get(name, {})
            mine, mine_bound = _ms(row.get(IGKG))
            today, today_bound = _ms(row.get(TODAY))
            theirs, bound = _ms(row.get(RDFLIB))
            first = (row.get(IGKG) or {}).get("first_page_ms")
            cold = (row.get(IGKG) or {}).get("first_run_ms")
            notes = [f"first page {_fmt_ms(first)}"] if first is not None else []
            notes += [f"first run {_fmt_ms(cold)}"] if cold is not None else []
            shown = _fmt_ms(mine, mine_bound) + (f" ({'; '.join(notes)})" if notes else "")
            cells += [shown] + ([_fmt_ms(today, today_bound)] if has_today else [])
            cells += [_fmt_ms(theirs, bound), "–" if mine_bound else _ratio(mine, theirs, bound)]
            if mine and theirs and not mine_bound:
                speedups.setdefault(s["triples"], []).append((theirs / mine, bound))
        exps = []
        for who in [IGKG, *([TODAY] if has_today else [])]:
            e = exponent([(s["triples"], _ms(s["queries"].get(name, {}).get(who))[0]) for s in sizes])  # type: ignore[misc]
            exps.append(f"{e:.2f}" if e is not None else "–")
        rows = (sizes[-1]["queries"].get(name, {}).get(IGKG) or {}).get("rows") if sizes else None
        add(f"query {name} ({rows:,} rows)" if rows is not None else f"query {name}", cells, exps)

    cells = []
    for s in sizes:
        values = speedups.get(s["triples"], [])
        geo = math.exp(sum(math.log(v) for v, _ in values) / len(values)) if values else None
        bound = any(b for _, b in values)
        within = sum(1 for r in s["queries"].values() if (_ms(r.get(IGKG))[0] or 1e9) <= 200)
        cells += [f"{within}/{len(s['queries'])} ≤ 200 ms"] + ([""] if has_today else [])
        cells += ["", f"{'≥ ' if bound else ''}{geo:,.1f}×" if geo else "–"]
    add("named queries: geometric-mean speed-up over rdflib", cells, ["", ""][: 1 + has_today])

    other_rows = sorted({k for s in sizes for k in s.get("other", {})})
    for key in other_rows:
        cells = []
        for s in sizes:
            row = s["other"].get(key, {})
            cells += [_fmt_run(row.get(IGKG))] + ([_fmt_run(row.get(TODAY))] if has_today else []) + ["", ""]
        exps = []
        for who in [IGKG, *([TODAY] if has_today else [])]:
            pts = [(s["triples"], _wall((s["other"].get(key) or {}).get(who))) for s in sizes]
            e = exponent(pts)  # type: ignore[arg-type]
            exps.append(f"{e:.2f}" if e is not None else "–")
        add(key, cells, exps)

    fixed = results.get("fixed") or {}
    extra = ["", "| measurement (independent of the corpus size) | igkg" + (" | today" if has_today else "") + " |",
             "|---|---|" + ("---|" if has_today else "")]
    for key, row in fixed.items():
        extra.append(f"| {key} | {_fmt_run(row.get(IGKG))}" + (f" | {_fmt_run(row.get(TODAY))}" if has_today else "")
                     + " |")
    m = results.get("machine", {})
    note = (f"\nMachine: {m.get('cpus')} CPUs ({m.get('cpu')}), {m.get('ram_mb', 0):,} MB RAM, Python "
            f"{m.get('python')}; load average {m.get('load_average')} at the start (a shared machine: compare "
            f"the columns of one run, not runs of different days). Times are wall-clock medians; "
            f"'> N' is a lower bound (given up); ratio = rdflib / igkg; exponent = slope of log time "
            f"against log triples over the sizes measured. Sizes measured at: "
            + ", ".join(f"{_size_name(s['triples'])} {s.get('measured_at', '')}" for s in sizes) + ".\n")
    return "\n".join(lines) + "\n" + ("\n".join(extra) + "\n" if fixed else "") + note


def merge(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Several runs' results as one: the sizes of all (a later file wins for the same size), the
    fixed rows and the machine of the last one that has them."""
    merged: dict[str, Any] = {"sizes": {}}
    for document in documents:
        merged["sizes"].update(document.get("sizes", {}))
        for key in ("fixed", "machine", "baseline"):
            if document.get(key):
                merged[key] = document[key]
    return merged


if __name__ == "__main__":
    paths = sys.argv[1:] or ["build/bench/results.json"]
    print(render_report(merge([json.loads(Path(p).read_text()) for p in paths])))
