"""Query results written as they come (``igkg query``): the same text as before for short
results, a capped table that says exactly how many rows it left out, rows written before the
last one is read, and a quiet stop when the reader of a pipe goes away (``| head``)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import corpus_module
from igkg.formats.result_stream import BATCH, more_rows_message, stream
from igkg.formats.result_writer import render
from igkg.results import ResultTable
from igkg.stores.disk import load_into_store
from paths import ROOT

FORMATS = ["table", "csv", "tsv", "json", "md"]


def _named(kg: igkg.KnowledgeGraph, name: str) -> ResultTable:
    query = kg.named_query(name)
    result = kg.run(query, {p.name: p.example for p in query.parameters})
    assert isinstance(result, ResultTable)
    return result


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["recommendations", "unverified-claims", "instrument-coverage", "changes",
                                  "organizations"])
def test_short_results_are_written_as_before(kg: igkg.KnowledgeGraph, name: str, fmt: str) -> None:
    """Every named result of the bundled graph is shorter than a batch: the pieces joined are
    exactly what render() writes (labels, 〃 marks, label columns, an empty result)."""
    result = _named(kg, name)
    assert len(result) < BATCH
    for iris in (False, True):
        assert "".join(map(str, stream(result, fmt, iris=iris))) == render(result, fmt, iris=iris)


def _literal_rows(count: int, seen: list[int] | None = None) -> Iterator[tuple[ox.Literal, ox.Literal]]:
    """``count`` rows of (number, text); ``seen[0]`` counts the rows read so far."""
    for i in range(count):
        if seen is not None:
            seen[0] += 1
        yield ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), \
            ox.Literal(f"row {i}, with \"quotes\", a comma\tand a tab")


def test_the_table_stops_at_its_cap_and_says_how_many_more_rows_there_are() -> None:
    result = ResultTable(["n", "text"], list(_literal_rows(2_500)))
    text = "".join(map(str, stream(result, "table", table_rows=1_000, more_hint="use --format csv or --limit")))
    assert "… 1,500 more rows: use --format csv or --limit\n" in text
    assert text.endswith("2500 rows\n")
    shown = [line for line in text.splitlines() if "row " in line and "│" in line]
    assert len(shown) == 1_000 and "row 999," in shown[-1] and "row 1000," not in text
    # rows past the cap come from a generator too: counted, not kept
    seen = [0]
    generated = ResultTable(["n", "text"], _literal_rows(2_500, seen))
    text = "".join(map(str, stream(generated, "table", table_rows=10)))
    assert seen[0] == 2_500 and more_rows_message(2_490, "use --format csv") in text and text.endswith("2500 rows\n")
    assert more_rows_message(1, "x") == "… 1 more row: x"


def test_without_a_cap_a_long_table_comes_in_pages_with_every_row() -> None:
    result = ResultTable(["n", "text"], list(_literal_rows(2_345)))
    text = "".join(map(str, stream(result, "table", table_rows=None)))
    assert text.endswith("2345 rows\n") and "more rows" not in text
    assert sum(1 for line in text.splitlines() if "row " in line and "│" in line) == 2_345


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_are_written_before_the_last_one_is_read(fmt: str) -> None:
    total = 3 * BATCH + 7
    seen = [0]
    result = ResultTable(["n", "text"], _literal_rows(total, seen))
    pieces = stream(result, fmt, table_rows=None)
    first = ""
    while "row 0," not in first:  # a format may write its head before reading any row
        first += str(next(pieces))
    assert 0 < seen[0] < total, f"{fmt}: the first row came out after {seen[0]} of {total} rows were read"
    rest = "".join(map(str, pieces))
    assert seen[0] == total
    # the pieces make the whole document: the same as render() of the same rows in a list
    whole = first + rest
    if fmt == "json":
        assert whole == render(ResultTable(["n", "text"], list(_literal_rows(total))), "json")
        assert len(json.loads(whole)["results"]["bindings"]) == total
    elif fmt == "csv":
        assert whole == render(ResultTable(["n", "text"], list(_literal_rows(total))), "csv")
        assert len(list(csv.reader(io.StringIO(whole)))) == total + 1
    elif fmt in ("tsv", "md"):
        assert whole == render(ResultTable(["n", "text"], list(_literal_rows(total))), fmt)


def test_long_csv_gets_labels_batch_by_batch(kg: igkg.KnowledgeGraph) -> None:
    """IRIs in a result longer than a batch still get their labels, looked up batch by batch."""
    rec4 = ox.NamedNode("https://w3id.org/igkg/id/doc/wgec-second-take/rec-4")
    base = _named(kg, "recommendations")
    rows = [(rec4,)] * (2 * BATCH + 1)
    result = ResultTable(["r"], rows, label_lookup=base.label_lookup)
    lines = "".join(map(str, stream(result, "csv"))).splitlines()
    assert lines[0] == "r,r_label" and len(lines) == len(rows) + 1
    assert set(lines[1:]) == {f"{rec4.value},WGEC #4"}


def test_cli_table_cap_names_the_exact_remaining_count(run_cli: RunCli) -> None:
    full = run_cli("query", "unverified-claims", "--format", "csv")
    total = len(list(csv.reader(io.StringIO(full.out)))) - 1
    capped = run_cli("query", "unverified-claims", "--table-rows", "5")
    assert capped.code == 0, capped.err
    assert f"… {total - 5:,} more rows: use --format csv" in capped.out
    assert capped.out.endswith(f"{total} rows\n") and "--table-rows 0" in capped.out
    every = run_cli("query", "unverified-claims", "--table-rows", "0")
    assert "more rows" not in every.out and every.out.endswith(f"{total} rows\n")
    assert every.out == run_cli("query", "unverified-claims").out  # 149 rows: under the default cap


@pytest.mark.parametrize("offset", [0, 7, 180])
def test_a_capped_table_read_as_one_page_is_the_table_of_the_whole_answer(run_cli: RunCli, tmp_path: Path,
                                                                          offset: int) -> None:
    """The CLI's capped table reads only the page it shows (from an on-disk store's kept
    answer), and counts the rest from the answer's size: the same text as the whole answer
    rendered with the cap, at any offset; in memory too."""
    corpus = tmp_path / "corpus.nt"
    corpus_module().write_corpus(corpus, triples=4_000)  # about 190 recommendations
    load_into_store(tmp_path / "kg", [corpus])
    graph = igkg.load(store=tmp_path / "kg")
    whole = graph.run(graph.named_query("recommendations"), offset=offset)
    assert isinstance(whole, ResultTable) and len(whole.rows) > 20
    hint = "use --format csv or --limit, or --table-rows 0 to show them all"
    expected = "".join(map(str, stream(whole, "table", table_rows=20, more_hint=hint)))
    for where in (["--store", str(tmp_path / "kg")], ["--data", str(corpus)]):
        for _ in range(2):  # computed and kept, then read from what is kept
            shown = run_cli("query", "recommendations", "--table-rows", "20", "--offset", str(offset), *where)
            assert shown.code == 0, shown.err
            assert shown.out == expected
    assert f"… {len(whole.rows) - 20:,} more rows" in expected


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_a_closed_pipe_stops_igkg_quietly(fmt: str) -> None:
    """``igkg query … | head -1``: the reader goes away after one line; igkg stops, exit 0,
    nothing on standard error (no traceback, no "Exception ignored")."""
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # every triple: far more than a pipe's buffer
    process = subprocess.Popen([sys.executable, "-m", "igkg", "query", "--sparql", query, "--format", fmt,
                                "--table-rows", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                               env={**os.environ, "NO_COLOR": "1"})
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, err
    assert first and err == ""
