"""``igkg push --strategy move|versioned`` against a real Oxigraph server: the triples are staged
in a named graph through the fast (non-transactional) path and switched in one SPARQL Update; a
push that fails midway leaves the server's data as it was; readers see old or new, never half."""

from __future__ import annotations

import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import BENCHMARKS, FaultServerFactory, OxigraphServer, answer
from igkg.errors import EndpointError
from igkg.namespaces import PUSH_CONTROL_GRAPH
from igkg.stores.endpoint import EndpointSettings, SparqlEndpointStore
from igkg.stores.staging import GraphPart, bulk_push, current_versions

pytestmark = [pytest.mark.server, pytest.mark.usefixtures("endpoint_env")]
NAMED = "http://example.org/graph/published"


def _named_graphs(server: OxigraphServer) -> set[str]:
    reader = SparqlEndpointStore(server.query_url)
    table = reader.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {row[0].value for row in getattr(table, "rows", [])}


def _dump(server: OxigraphServer) -> set[str]:
    request = urllib.request.Request(f"{server.store_url}", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return set(response.read().decode().splitlines())


@pytest.fixture(scope="module", name="bigger")
def bigger_fixture(tmp_path_factory: pytest.TempPathFactory) -> igkg.KnowledgeGraph:
    """The bundled graph plus a 20k-triple synthetic corpus: a second, larger version to push."""
    import sys

    sys.path.insert(0, str(BENCHMARKS))
    from corpus import write_corpus  # benchmarks/corpus.py

    path = tmp_path_factory.mktemp("corpus") / "corpus.nt"
    write_corpus(path, triples=20_000)
    return igkg.load(data=[path])


def test_versioned_push_switches_the_pointer_and_drops_the_old_version(
        oxigraph_server: OxigraphServer, kg: igkg.KnowledgeGraph, bigger: igkg.KnowledgeGraph) -> None:
    first = bulk_push(kg.store, oxigraph_server.store_url, replace=True, strategy="versioned")
    reader = SparqlEndpointStore(oxigraph_server.query_url)
    assert first.sent == first.after == len(kg) and first.before == 0
    assert current_versions(reader) == first.versions
    second = bulk_push(bigger.store, oxigraph_server.store_url, replace=True, strategy="versioned")
    assert (second.before, second.after, second.sent) == (len(kg), len(bigger), len(bigger))
    assert current_versions(reader) == second.versions != first.versions
    assert _named_graphs(oxigraph_server) == {PUSH_CONTROL_GRAPH.value, *second.versions}
    assert oxigraph_server.count() == 0  # the default graph is left alone: readers follow the pointer


def test_move_push_replaces_the_named_graph_and_leaves_no_staging_graph(
        oxigraph_server: OxigraphServer, kg: igkg.KnowledgeGraph) -> None:
    parts = [GraphPart(target=NAMED)]
    report = bulk_push(kg.store, oxigraph_server.update_url, parts=parts, replace=True, strategy="move")
    assert oxigraph_server.count(NAMED) == report.after == report.sent == len(kg)
    added = bulk_push(kg.store, oxigraph_server.store_url, parts=parts, strategy="move")  # the same again
    assert oxigraph_server.count(NAMED) == added.after == len(kg)
    assert _named_graphs(oxigraph_server) == {NAMED}


def test_a_push_cut_off_midway_leaves_the_data_as_it_was(
        oxigraph_server: OxigraphServer, fault_server: FaultServerFactory, kg: igkg.KnowledgeGraph,
        bigger: igkg.KnowledgeGraph) -> None:
    bulk_push(kg.store, oxigraph_server.store_url, replace=True, strategy="move")
    before = _dump(oxigraph_server)

    def half_then_cut(handler: BaseHTTPRequestHandler) -> None:
        """Forward the first half of the upload (cut inside a line) to the server, like a broken
        connection, and answer what the server answers."""
        body = server.requests[-1].body
        query = urllib.parse.urlsplit(handler.path).query
        request = urllib.request.Request(f"{oxigraph_server.store_url}?{query}&no_transaction",
                                         data=body[: len(body) // 2 + 7], method="POST",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answer(handler, response.status, response.read(), "text/plain")
        except urllib.error.HTTPError as error:
            answer(handler, error.code, error.read(), "text/plain")

    server = fault_server(half_then_cut)
    for strategy in ("move", "versioned"):
        with pytest.raises(EndpointError, match="unchanged .* the staging graphs were removed"):
            bulk_push(bigger.store, server.url.replace("/sparql", "/store"), replace=True, strategy=strategy,
                      update_url=oxigraph_server.update_url, query_url=oxigraph_server.query_url,
                      settings=EndpointSettings.from_environment())
        assert _dump(oxigraph_server) == before
    assert server.requests and all(r.method == "POST" for r in server.requests)


@pytest.mark.parametrize("strategy", ["move", "versioned"])
def test_readers_during_pushes_see_old_or_new_never_half(
        oxigraph_server: OxigraphServer, kg: igkg.KnowledgeGraph, bigger: igkg.KnowledgeGraph,
        strategy: str) -> None:
    bulk_push(kg.store, oxigraph_server.store_url, replace=True, strategy=strategy)
    reader = SparqlEndpointStore(oxigraph_server.query_url)
    count = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{PUSH_CONTROL_GRAPH.value}> "
             f"{{ ?t <https://w3id.org/igkg/ontology#currentVersion> ?g }} GRAPH ?g {{ ?s ?p ?o }} }}"
             if strategy == "versioned" else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.append(reader.count(count))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for store in (bigger.store, kg.store, bigger.store):
            bulk_push(store, oxigraph_server.store_url, replace=True, strategy=strategy)
    finally:
        done.set()
        thread.join(60)
    assert len(seen) > 3
    assert set(seen) <= {len(kg), len(bigger)}, sorted(set(seen))


def test_the_cli_pushes_with_a_strategy(oxigraph_server: OxigraphServer, run_cli: RunCli,
                                        kg: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    result = run_cli("push", "--endpoint", oxigraph_server.store_url, "--replace", "--strategy", "versioned",
                     "--no-validate", "--format", "json")
    assert result.code == 0, result.err
    assert '"strategy": "versioned"' in result.out
    reader = SparqlEndpointStore(oxigraph_server.query_url)
    assert len(current_versions(reader)) == 1
    assert ox.NamedNode(current_versions(reader)[0]).value.startswith("https://w3id.org/igkg/id/push/")


def _two_graphs_sharing_a_triple() -> igkg.KnowledgeGraph:
    """Three quads in two named graphs and the default graph, one triple in both named graphs:
    two distinct triples for a push of the whole store."""
    from igkg.stores.oxigraph import OxigraphStore

    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    store = OxigraphStore()
    store.add([ox.Quad(s, p, ox.Literal("shared"), ox.NamedNode("http://example.org/g/1")),
               ox.Quad(s, p, ox.Literal("shared"), ox.NamedNode("http://example.org/g/2")),
               ox.Quad(s, p, ox.Literal("only in the default graph"))])
    return igkg.KnowledgeGraph(store)


def test_a_triple_in_two_local_graphs_arrives_once_and_the_count_still_checks(
        oxigraph_server: OxigraphServer) -> None:
    local = _two_graphs_sharing_a_triple()
    report = bulk_push(local.store, oxigraph_server.store_url, replace=True, strategy="versioned")
    assert report.sent == report.after == 2
    assert oxigraph_server.count(report.versions[0]) == 2


def test_the_spool_yields_what_was_written_from_its_start_each_time(tmp_path: Path) -> None:
    """The upload body: read while the writer thread writes, and again from the start (digest
    authentication sends it twice); its lines are the triples written."""
    import tempfile

    from igkg.stores.staging import Spool

    local = _two_graphs_sharing_a_triple()
    with tempfile.TemporaryFile(dir=tmp_path) as file:
        spool = Spool(local.store, GraphPart(), file)
        first = b"".join(spool)
        assert b"".join(spool) == first
        spool.wait()
        assert spool.error is None and spool.lines == 3 == first.count(b"\n")
    assert {line for line in first.decode().splitlines()} == {
        '<http://example.org/s> <http://example.org/p> "shared" .',
        '<http://example.org/s> <http://example.org/p> "only in the default graph" .'}


def test_a_bad_source_graph_is_refused_before_anything_is_sent(oxigraph_server: OxigraphServer,
                                                               kg: igkg.KnowledgeGraph) -> None:
    from igkg.errors import InputError

    with pytest.raises(InputError, match="source graph"):
        bulk_push(kg.store, oxigraph_server.store_url, parts=[GraphPart(source="not an iri")])
    assert _named_graphs(oxigraph_server) == set()
