"""The benchmark harness (``benchmarks/run_all.py``) runs end to end on a tiny corpus and
assembles its table; the table's arithmetic (ratios, lower bounds, growth exponents) on made-up
results. Nothing here is timed: the harness's numbers are for ``make bench``, not for tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import report  # noqa: E402  (benchmarks/report.py)
import run_all  # noqa: E402  (benchmarks/run_all.py)

import igkg  # noqa: E402


def test_exponent_is_the_slope_in_log_log() -> None:
    assert report.exponent([(10_000, 1.0), (100_000, 10.0), (1_000_000, 100.0)]) == pytest.approx(1.0)
    assert report.exponent([(10_000, 5.0), (1_000_000, 5.0)]) == pytest.approx(0.0)
    assert report.exponent([(10_000, 1.0)]) is None


def test_report_marks_lower_bounds_and_ratios() -> None:
    results = {"sizes": {str(n): {"triples": n, "load": {"igkg load --store": {"wall": 1.5 * n / 10_000,
                                                                              "peak_mb": 100.0}},
                                  "queries": {"actions": {"igkg": {"ms": 2.0, "rows": 7},
                                                          "rdflib": {"over_ms": 30_000.0}},
                                              "documents": {"igkg": {"ms": n / 1000, "rows": 3},
                                                            "rdflib": {"ms": n / 10, "rows": 3}}},
                                  "other": {}} for n in (10_000, 100_000)},
               "machine": {"cpus": 2, "cpu": "test", "ram_mb": 1024, "python": "3"}}
    text = report.render_report(results)
    lines = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines()}
    assert "> 30,000" in lines["query actions (7 rows)"] and "≥ 15,000.0×" in lines["query actions (7 rows)"]
    assert lines["query documents (3 rows)"].rstrip(" |").endswith("1.00")  # linear: exponent 1
    assert "100.0×" in lines["query documents (3 rows)"]
    assert "≥ " in lines["named queries: geometric-mean speed-up over rdflib"]
    assert "2 CPUs" in text


def test_harness_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    code = run_all.main(["--smoke", "--sizes", "2000", "--work", str(tmp_path), "--skip-rdflib", "--skip-push",
                         "--skip-validate", "--skip-fixed"])
    assert code == 0
    results = json.loads((tmp_path / "results.json").read_text())
    size = results["sizes"]["2000"]
    assert set(size["queries"]) == set(igkg.KnowledgeGraph.queries())  # every named query measured
    assert size["queries"]["recommendations"]["igkg"]["rows"] > 100  # the corpus is in the store
    assert size["load"]["igkg load --store"]["peak_mb"] > 0
    assert size["other"]["igkg query recommendations --store (csv)"]["igkg"]["lines"] > 100
    table = (tmp_path / "report.md").read_text()
    assert "| query recommendations (" in table and "load: Oxigraph bulk_load alone" in table


def test_runs_of_different_sizes_merge_into_one_table() -> None:
    small = {"sizes": {"10000": {"triples": 10_000, "load": {}, "queries": {}, "other": {}}}, "machine": {"cpus": 1}}
    large = {"sizes": {"1000000": {"triples": 1_000_000, "load": {}, "queries": {}, "other": {}}},
             "machine": {"cpus": 2}}
    merged = report.merge([small, large])
    assert sorted(merged["sizes"]) == ["10000", "1000000"] and merged["machine"] == {"cpus": 2}
    assert "| measurement | 10k igkg |" in report.render_report(merged)


def test_rows_printed_before_a_probe_stopped_are_kept() -> None:
    # What a store_queries probe leaves on stderr when its process is stopped after two queries
    # (its final JSON line never printed): the two rows, not an empty table; other lines ignored.
    stderr = ('{"query": "actions", "ms": 0.4, "rows": 15, "runs": 3, "first_run_ms": 2204.0}\n'
              "Traceback (most recent call last):\n"
              '{"query": "documents", "ms": 1.2, "rows": 3199, "runs": 3}\n'
              '{"query": "broken", "ms": \n')
    rows = run_all.progress(stderr)
    assert rows == {"actions": {"ms": 0.4, "rows": 15, "runs": 3, "first_run_ms": 2204.0},
                    "documents": {"ms": 1.2, "rows": 3199, "runs": 3}}


def test_report_shows_the_first_run_beside_the_kept_answer() -> None:
    results = {"sizes": {"10000": {"triples": 10_000, "load": {}, "other": {},
                                   "queries": {"actions": {"igkg": {"ms": 0.4, "rows": 15, "first_page_ms": 0.3,
                                                                    "first_run_ms": 2204.0}}}}},
               "machine": {"cpus": 2}}
    line = next(x for x in report.render_report(results).splitlines() if x.startswith("| query actions"))
    assert "0.40 (first page 0.30; first run 2,204)" in line
