"""The query deadline: a runaway local query is stopped at --timeout and its memory freed (the
worker process that held it is gone); Ctrl-C stops any query and exits 130; a memory cap;
a new worker after each of these, and after a write. Was: a 4-way cross product grew to 6.5 GB
in 60 s, and a COUNT over a 3-way product ignored Ctrl-C (still running 20 s after SIGINT)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import run_igkg
from igkg.errors import QueryTimeout
from igkg.limits import QueryPolicy
from igkg.stores.oxigraph import OxigraphStore

CROSS_3 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # 3,400³ rows: hours
CROSS_4 = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h } ORDER BY ?b"


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_timeout_stops_a_runaway_query_and_frees_its_memory(kg: igkg.KnowledgeGraph) -> None:
    graph = igkg.load(policy=QueryPolicy(timeout=1))
    store = graph.store
    assert isinstance(store, OxigraphStore)
    with pytest.raises(QueryTimeout) as error:
        graph.sparql(CROSS_4)
    assert str(error.value) == "the query ran longer than 1 s and was stopped (--timeout, IGKG_QUERY_TIMEOUT)"
    worker = store.worker()
    assert worker is not None and worker.pid is None, "the worker that held the query was killed"
    assert len(graph.query("recommendations")) == 14, "the next query gets a new worker"


def test_timeout_on_the_command_line(run_cli: RunCli) -> None:
    result = run_cli("query", "--timeout", "0.5", "--sparql", CROSS_3)
    assert result.code == 2
    assert result.err == ("igkg: error: the query ran longer than 0.5 s and was stopped "
                          "(--timeout, IGKG_QUERY_TIMEOUT)\n")
    bad = run_cli("query", "--timeout", "-1", "--sparql", CROSS_3)
    assert bad.code == 2 and "--timeout" in bad.err


def test_the_environment_gives_the_default_deadline(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    monkeypatch.setenv("IGKG_QUERY_TIMEOUT", "0.5")
    result = run_cli("query", "--sparql", CROSS_3)
    assert result.code == 2 and "longer than 0.5 s" in result.err
    assert run_cli("query", "recommendations").code == 0
    monkeypatch.setenv("IGKG_QUERY_TIMEOUT", "soon")
    assert run_cli("query", "recommendations").err == "igkg: error: IGKG_QUERY_TIMEOUT must be a number, not 'soon'\n"


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_ctrl_c_stops_a_count_over_a_cross_product(tmp_path: Path) -> None:
    """SIGINT to the process group, as a terminal's Ctrl-C sends it: igkg exits 130 and leaves
    no worker behind."""
    process = run_igkg("query", "--sparql", CROSS_3, interruptible=True, start_new_session=True)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers: list[int] = []
    for _ in range(600):  # wait (up to about a minute) until the worker runs the query
        if process.poll() is not None:
            break
        if children.exists() and children.read_text().split():
            workers = [int(p) for p in children.read_text().split()]
            break
        time.sleep(0.1)
    assert workers, "the query should be running in a worker"
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert err.decode().strip() == "igkg: interrupted; nothing was written"
    assert all(gone(pid) for pid in workers), "igkg killed and reaped its worker before it exited"


def test_a_memory_cap_stops_a_query_that_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGKG_QUERY_MEMORY_MB", "200")
    graph = igkg.load()
    with pytest.raises(igkg.QueryError, match=r"the query needed more memory than it may use \(200 MiB, "
                                              r"IGKG_QUERY_MEMORY_MB\)"):
        graph.sparql("SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b ?d")
    assert len(graph.query("actions")) == 7


def test_a_write_is_seen_by_the_next_query() -> None:
    store = OxigraphStore()
    assert store.query("ASK { ?s ?p ?o }") is False
    store.add([ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o"))])
    assert store.query("ASK { ?s ?p ?o }") is True, "the worker forked before the write was replaced"


def test_errors_from_the_worker_keep_their_kind_and_position(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(igkg.QuerySyntaxError) as error:
        kg.sparql("SELECT ?x WHERE { ?x ?p }")
    assert (error.value.line, error.value.column) == (1, 26)
    result = kg.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")
    assert isinstance(result, igkg.GraphResult) and len(result) == 5
    blank = kg.sparql("SELECT (BNODE() AS ?b) (TRIPLE(<https://e.org/s>, <https://e.org/p>, 1) AS ?t) WHERE {}")
    assert isinstance(blank, igkg.ResultTable)
    (row,) = blank.rows
    assert isinstance(row[0], ox.BlankNode) and isinstance(row[1], ox.Triple)
