"""``igkg push --strategy move|versioned --streams N`` on Oxigraph: the triples are cut into many
requests, between lines, that several uploads send side by side into one staging graph; blank
nodes keep their structure (the server names each request's blank nodes afresh, so all lines
with a blank node travel in one request); a failure in any request leaves the server as it was."""

from __future__ import annotations

import queue
import random
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import igkg
from cli_support import RunCli
from endpoint_support import FaultServerFactory, OxigraphServer, answer
from igkg.errors import EndpointError
from igkg.stores import streams, uploads
from igkg.stores.oxigraph import OxigraphStore
from igkg.stores.staging import bulk_push, current_versions
from igkg.stores.streams import Body
from igkg.stores.uploads import ParallelSpools, _Requests

EX = "http://example.org/"
SMALL_REQUESTS = 4096  # bytes: the test graphs below make dozens of requests


def _graph_with_blank_nodes(store: OxigraphStore) -> OxigraphStore:
    """A policy-ish graph: 1,500 plain citation triples in two named graphs and the default one,
    and three blank nodes (qualified citations) each used by two predicates and, for one, in two
    graphs, pointing at each other: their structure survives only if they arrive as one node."""
    p = [ox.NamedNode(f"{EX}p/{name}") for name in ("cites", "addresses", "about")]
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.NamedNode(f"{EX}g/draft"), ox.NamedNode(f"{EX}g/final"),
                                                 ox.DefaultGraph()]
    quads = [ox.Quad(ox.NamedNode(f"{EX}rec/{i}"), p[i % 3], ox.NamedNode(f"{EX}para/{i % 97}"), graphs[i % 3])
             for i in range(1500)]
    first, second, third = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    quads += [ox.Quad(ox.NamedNode(f"{EX}rec/1"), p[0], first, graphs[0]),
              ox.Quad(first, p[1], ox.Literal("paragraph 67, as intended"), graphs[0]),
              ox.Quad(first, p[2], second, graphs[1]),
              ox.Quad(second, p[1], ox.Literal("a literal that mentions _: but no blank node"), graphs[1]),
              ox.Quad(second, p[2], third, graphs[2]),
              ox.Quad(third, p[0], first, graphs[2])]
    store.add(quads)
    return store


def _local_triples(store: OxigraphStore) -> Graph:
    """The store's triples with graph names dropped (what a push of the whole store sends)."""
    text = b"".join(store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b""
                    for g in [ox.DefaultGraph(), *store.oxigraph.named_graphs()])
    return Graph().parse(data=text.decode(), format="nt")


def _remote_triples(server: OxigraphServer, graph: str) -> Graph:
    address = f"{server.store_url}?{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(address, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return Graph().parse(data=response.read().decode(), format="nt")


def _requests_of(text: bytes, limit: int, pieces: list[int]) -> list[bytes]:
    made: queue.SimpleQueue[Body | None] = queue.SimpleQueue()
    files: list[tempfile._TemporaryFileWrapper[bytes]] = []

    def new_body() -> Body:
        files.append(tempfile.NamedTemporaryFile())  # noqa: SIM115 (closed below)
        return Body(files[-1])

    cutter = _Requests(new_body, made, limit)
    offset = 0
    for size in pieces:
        cutter.write(text[offset:offset + size])
        offset += size
    cutter.write(text[offset:])
    cutter.close()
    bodies = []
    while not made.empty():
        body = made.get()
        assert body is not None and body.done
        bodies.append(Path(body.file.name).read_bytes())
    for file in files:
        file.close()
    return bodies


def test_requests_are_cut_between_lines_and_blank_node_lines_travel_together() -> None:
    lines = [f"<{EX}s/{i}> <{EX}p> \"{'x' * (i % 40)}\" .\n".encode() for i in range(600)]
    lines[17] = f"_:b1 <{EX}p> <{EX}o> .\n".encode()
    lines[400] = f"<{EX}s> <{EX}p> _:b1 .\n".encode()
    lines[599] = f"_:b2 <{EX}p> _:b1 ."  .encode()  # the last line, without its line end
    text = b"".join(lines)
    rng = random.Random(7)  # blocks of any size, cutting lines anywhere, as a writer hands them over
    bodies = _requests_of(text, limit=500, pieces=[rng.randint(1, 300) for _ in range(200)])
    assert len(bodies) > 20
    assert all(body.endswith(b"\n") for body in bodies)
    longest = max(map(len, lines))  # each request is cut after the last line that fits in 500 bytes
    assert all(500 - longest < len(body) <= 500 for body in bodies[:-2])  # but the last plain one, the blank one
    assert bodies[-1].count(b"\n") == 3 and bodies[-1].count(b"_:b1") == 3  # every blank-node line, together
    assert sorted(b"".join(bodies).splitlines()) == sorted(text.splitlines())


@pytest.mark.server
@pytest.mark.usefixtures("endpoint_env")
@pytest.mark.parametrize("where", ["memory", "disk"])
def test_many_requests_on_several_streams_arrive_whole_with_blank_nodes_intact(
        oxigraph_server: OxigraphServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str) -> None:
    """In memory the store is written by one thread, on disk by one CONSTRUCT per (graph,
    predicate) in several threads: both cut into many small requests sent on three streams."""
    monkeypatch.setattr(uploads, "REQUEST_BYTES", SMALL_REQUESTS)
    local = _graph_with_blank_nodes(OxigraphStore(tmp_path / "store" if where == "disk" else None))
    with ParallelSpools(local, streams.GraphPart(), 3) as spools:
        spools.wait()
        assert spools.requests > 20
    report = bulk_push(local, oxigraph_server.store_url, replace=True, strategy="versioned", streams=3)
    expected = _local_triples(local)
    assert report.sent == report.after == len(expected)
    (version,) = current_versions(igkg.stores.endpoint.SparqlEndpointStore(oxigraph_server.query_url))
    assert isomorphic(_remote_triples(oxigraph_server, version), expected)


@pytest.mark.server
@pytest.mark.usefixtures("endpoint_env")
def test_one_failed_request_among_many_leaves_the_server_as_it_was(
        oxigraph_server: OxigraphServer, fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch,
        kg: igkg.KnowledgeGraph) -> None:
    """The fifth upload request is refused (a proxy forwards the others to the real server):
    the loaded requests are in the staging graph, which is dropped; the live data is untouched."""
    monkeypatch.setattr(uploads, "REQUEST_BYTES", 64 << 10)
    bulk_push(kg.store, oxigraph_server.store_url, replace=True, strategy="versioned")
    live = current_versions(igkg.stores.endpoint.SparqlEndpointStore(oxigraph_server.query_url))

    def refuse_the_fifth(handler: BaseHTTPRequestHandler) -> None:
        if len(server.requests) == 5:
            answer(handler, 503, b"the disk is full", "text/plain")
            return
        query = urllib.parse.urlsplit(handler.path).query
        forward = urllib.request.Request(f"{oxigraph_server.store_url}?{query}", data=server.requests[-1].body,
                                         method="POST", headers={"Content-Type": "application/n-triples"})
        with urllib.request.urlopen(forward, timeout=60) as response:
            answer(handler, response.status, response.read(), "text/plain")

    server = fault_server(refuse_the_fifth)
    with pytest.raises(EndpointError, match="unchanged .* the staging graphs were removed"):
        bulk_push(kg.store, server.url.replace("/sparql", "/store"), replace=True, strategy="versioned",
                  update_url=oxigraph_server.update_url, query_url=oxigraph_server.query_url, streams=2)
    reader = igkg.stores.endpoint.SparqlEndpointStore(oxigraph_server.query_url)
    assert current_versions(reader) == live
    graphs = reader.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {row[0].value for row in getattr(graphs, "rows", [])} == {*live, igkg.namespaces.PUSH_CONTROL_GRAPH.value}
    assert len(server.requests) >= 5


@pytest.mark.server
@pytest.mark.usefixtures("endpoint_env")
def test_the_cli_takes_a_number_of_streams_and_refuses_a_bad_one(oxigraph_server: OxigraphServer,
                                                                  run_cli: RunCli) -> None:
    result = run_cli("push", "--endpoint", oxigraph_server.store_url, "--replace", "--strategy", "versioned",
                     "--streams", "3", "--no-validate", "--format", "json")
    assert result.code == 0, result.err
    bad = run_cli("push", "--endpoint", oxigraph_server.store_url, "--strategy", "versioned", "--streams", "0")
    assert bad.code == 2 and "--streams" in bad.err and "Traceback" not in bad.err


@pytest.mark.server
@pytest.mark.usefixtures("endpoint_env")
def test_a_single_push_that_times_out_says_unchanged_and_names_the_faster_strategy(
        oxigraph_server: OxigraphServer, fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch,
        run_cli: RunCli) -> None:
    """The default push is one transactional request; a server that takes longer than
    IGKG_ENDPOINT_TIMEOUT to apply it (here: one that never answers the upload) gives exit 3, a
    count of the remote graph afterwards (through the real server's query URL), and the way out
    for a large graph."""
    monkeypatch.setenv("IGKG_ENDPOINT_TIMEOUT", "1")
    server = fault_server(lambda handler: server.stopping.wait(30))
    result = run_cli("push", "--endpoint", server.url.replace("/sparql", "/store"), "--replace", "--no-validate",
                     "--query-url", oxigraph_server.query_url)
    assert result.code == 3, result.err
    line = result.err.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "no complete answer within 1 s" in line and "the remote graph is unchanged (0 triples)" in line
    assert "triples in one request: --strategy versioned sends them faster" in line
