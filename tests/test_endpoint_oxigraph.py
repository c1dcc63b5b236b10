"""A real Oxigraph server (``oxigraph serve`` from PyPI, started per test or per module on a
free loopback port): push the graph, query it with the same named queries and formats as
locally, and check that failed pushes leave the remote graph as it was."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import (  # noqa: F401  (the *_fixture names are fixtures)
    OxigraphServer,
    endpoint_env_fixture,
    outcome,
    oxigraph_server_fixture,
)
from igkg.queries import library
from igkg.stores.disk import load_into_store
from igkg.stores.endpoint import Endpoint, SparqlEndpointStore
from igkg.stores.publish import guess_protocol, guess_query_url, send_graph
from paths import DATA, SEED_RECOMMENDATIONS

pytestmark = [pytest.mark.server, pytest.mark.usefixtures("endpoint_env")]
NAMED_GRAPH = "https://example.org/graph/igkg"


@pytest.fixture(scope="module")
def pushed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One server per module holding the bundled graph, pushed with `igkg push --replace`."""
    from igkg.cli import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        server = OxigraphServer(tmp_path_factory.mktemp("pushed") / "oxigraph")
        try:
            assert main(["push", "--endpoint", server.store_url, "--replace"]) == 0
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("disk") / "kg"
    load_into_store(store)
    return store


def test_push_then_query_recommendations_gives_the_same_14_as_locally(
    pushed: OxigraphServer, run_cli: RunCli
) -> None:
    local = run_cli("query", "recommendations", "--format", "json")
    remote = run_cli("query", "recommendations", "--endpoint", pushed.query_url, "--format", "json")
    assert remote.code == 0, remote.err
    bindings = json.loads(remote.out)["results"]["bindings"]
    assert [int(b["position"]["value"]) for b in bindings] == list(range(1, 15))
    assert remote.out == local.out


@pytest.mark.parametrize("name", sorted(library()))
def test_every_named_query_gives_the_same_rows_in_all_three_places(
    name: str, pushed: OxigraphServer, disk_store: Path, kg: igkg.KnowledgeGraph
) -> None:
    in_memory = outcome(kg, name)
    assert in_memory[0] != "error", f"{name} fails with its own example parameters: {in_memory}"
    assert outcome(igkg.load(store=disk_store), name) == in_memory
    assert outcome(igkg.load(endpoint=pushed.query_url), name) == in_memory


@pytest.mark.parametrize("fmt", ["csv", "tsv", "md", "table"])
def test_output_formats_are_identical_remotely(pushed: OxigraphServer, run_cli: RunCli, fmt: str) -> None:
    args = ("query", "citing-paragraph", "-p", "instrument=Tunis Agenda", "-p", "paragraph=72(g)", "-f", fmt)
    local, remote = run_cli(*args), run_cli(*args, "--endpoint", pushed.query_url)
    assert remote.code == 0, remote.err
    # Tables for people show the label (found remotely as locally); CSV/TSV keep the IRI beside it.
    assert remote.out == local.out and ("WGEC #8" if fmt in ("md", "table") else "rec-8") in local.out


def test_construct_ask_stats_and_export_through_the_endpoint(
    pushed: OxigraphServer, run_cli: RunCli, kg: igkg.KnowledgeGraph
) -> None:
    remote = igkg.load(endpoint=pushed.query_url)
    assert remote.sparql("ASK { ?r a igkg:Recommendation }") is True
    assert remote.sparql("ASK { ?r a igkg:NoSuchClass }") is False
    assert len(remote) == len(kg)
    # the push sent the union of the local graphs into the server's default graph: the same
    # triples, classes and documents, no named graphs there
    assert replace(remote.stats(), graphs=14) == kg.stats() and remote.stats().graphs == 0
    exported = run_cli("export", "--endpoint", pushed.query_url, "-f", "nt")
    assert exported.code == 0, exported.err
    assert len(exported.out.splitlines()) == len(kg)
    neighbourhood = run_cli("query", "neighbourhood", "-p", "node=IGF", "--endpoint", pushed.query_url, "-f", "nt")
    local = run_cli("query", "neighbourhood", "-p", "node=IGF", "-f", "nt")
    assert sorted(neighbourhood.out.splitlines()) == sorted(local.out.splitlines()) != []


def test_a_parameter_with_quotes_and_braces_is_sent_as_a_value(pushed: OxigraphServer) -> None:
    remote = igkg.load(endpoint=pushed.query_url)
    for line in (DATA / "injection-param.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert len(remote.query("search-text", words=line)) == 0, line
    assert pushed.count() == len(igkg.load()), "nothing was changed by the values"


def test_push_to_a_named_graph_with_sparql_update_and_read_it_as_default_graph(
    oxigraph_server: OxigraphServer, run_cli: RunCli, kg: igkg.KnowledgeGraph
) -> None:
    result = run_cli("push", "--endpoint", oxigraph_server.update_url, "--graph", NAMED_GRAPH)
    assert result.code == 0, result.err
    assert "(update, added" in result.out and f"has {len(kg)} triples (was 0)" in result.out
    assert oxigraph_server.count(NAMED_GRAPH) == len(kg) and oxigraph_server.count() == 0
    url = f"{oxigraph_server.query_url}?default-graph-uri={NAMED_GRAPH}"
    assert len(igkg.load(endpoint=url).query("recommendations")) == SEED_RECOMMENDATIONS
    assert len(igkg.load(endpoint=oxigraph_server.query_url).query("recommendations")) == 0


def test_push_adds_by_default_and_replace_replaces(
    oxigraph_server: OxigraphServer, run_cli: RunCli, kg: igkg.KnowledgeGraph
) -> None:
    extra = run_cli("push", "--endpoint", oxigraph_server.store_url, "--no-validate", "--data",
                    DATA / "extra-document.ttl")
    assert extra.code == 0, extra.err
    with_extra = oxigraph_server.count()
    assert with_extra > len(kg)
    again = run_cli("push", "--endpoint", oxigraph_server.store_url)
    assert again.code == 0 and oxigraph_server.count() == with_extra, "adding the same triples changes nothing"
    replaced = run_cli("push", "--endpoint", oxigraph_server.store_url, "--replace")
    assert replaced.code == 0, replaced.err
    assert oxigraph_server.count() == len(kg)


def test_push_reports_as_json_for_scripts(oxigraph_server: OxigraphServer, run_cli: RunCli,
                                          kg: igkg.KnowledgeGraph) -> None:
    result = run_cli("push", "--endpoint", oxigraph_server.store_url, "--replace", "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["sent"] == report["after"] == len(kg) and report["replaced"] is True
    assert report["protocol"] == "gsp" and report["graph"] is None


def test_push_from_a_store(oxigraph_server: OxigraphServer, disk_store: Path, run_cli: RunCli) -> None:
    result = run_cli("push", "--endpoint", oxigraph_server.store_url, "--store", disk_store, "--replace")
    assert result.code == 0, result.err
    assert oxigraph_server.count() == len(igkg.load(store=disk_store))


def test_a_graph_that_does_not_conform_is_not_pushed(oxigraph_server: OxigraphServer, run_cli: RunCli) -> None:
    result = run_cli("push", "--endpoint", oxigraph_server.store_url, "--data", DATA / "rec-violations.ttl")
    assert result.code == 1
    assert "does not conform" in result.err and "nothing was pushed" in result.err
    assert "Violation:" in result.err, "the report is printed"
    assert oxigraph_server.count() == 0


BAD_LINE = b'<https://example.org/s> <https://example.org/p> "unterminated .\n'


def _ntriples(kg: igkg.KnowledgeGraph) -> bytes:
    data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in kg.store.quads()],
                        format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


@pytest.mark.parametrize("replace", [True, False], ids=["PUT", "POST"])
def test_a_graph_store_write_that_fails_at_the_end_changes_nothing(
    oxigraph_server: OxigraphServer, kg: igkg.KnowledgeGraph, replace: bool
) -> None:
    """Oxigraph's GSP PUT used to clear the graph, then load (issue 1895): test that it is one
    transaction now, with a payload whose last line the server cannot parse."""
    small = igkg.load(DATA / "extra-document.ttl", bundled=False)
    send_graph(oxigraph_server.store_url, _ntriples(small), protocol="gsp", replace=True)
    before = oxigraph_server.count()
    assert before == len(small)
    with pytest.raises(igkg.EndpointError) as failure:
        send_graph(oxigraph_server.store_url, _ntriples(kg) + BAD_LINE, protocol="gsp", replace=replace)
    message = str(failure.value)
    assert message.startswith(f"endpoint {oxigraph_server.store_url}: HTTP 400") and "\n" not in message
    assert oxigraph_server.count() == before


def test_an_update_that_fails_while_running_changes_nothing(
    oxigraph_server: OxigraphServer, kg: igkg.KnowledgeGraph
) -> None:
    """One SPARQL Update request is one transaction: the INSERT is undone when the LOAD after
    it fails on the server (a closed port)."""
    send_graph(oxigraph_server.update_url, b'<https://example.org/a> <https://example.org/b> "c" .\n',
               protocol="update", graph=NAMED_GRAPH)
    before = oxigraph_server.count(NAMED_GRAPH)
    endpoint = Endpoint(oxigraph_server.update_url)
    update = (f"CLEAR GRAPH <{NAMED_GRAPH}> ; INSERT DATA {{ GRAPH <{NAMED_GRAPH}> {{ "
              f"<https://example.org/x> <https://example.org/y> 1 }} }} ; LOAD <http://127.0.0.1:9/missing.ttl>")
    with pytest.raises(igkg.EndpointError) as failure:
        endpoint.update(update, idempotent=False)
    assert "HTTP 4" in str(failure.value) or "HTTP 5" in str(failure.value)
    assert oxigraph_server.count(NAMED_GRAPH) == before == 1


def test_a_failed_push_says_the_remote_graph_is_unchanged(
    oxigraph_server: OxigraphServer, run_cli: RunCli, kg: igkg.KnowledgeGraph
) -> None:
    assert run_cli("push", "--endpoint", oxigraph_server.store_url).code == 0
    result = run_cli("push", "--endpoint", oxigraph_server.base + "/nowhere", "--protocol", "gsp",
                     "--query-url", oxigraph_server.query_url, "--replace")
    assert result.code == 3
    (line,) = result.err.strip().splitlines()
    assert line.startswith(f"igkg: error: endpoint {oxigraph_server.base}/nowhere: HTTP 404")
    assert line.endswith(f"the remote graph is unchanged ({len(kg)} triples)")


def test_a_read_only_server_refuses_a_push(tmp_path: Path, run_cli: RunCli, kg: igkg.KnowledgeGraph) -> None:
    location = tmp_path / "read-only"
    seed = ox.Store(str(location))
    seed.load(path=DATA / "extra-document.ttl")
    seed.flush()
    expected = len(seed)
    del seed
    server = OxigraphServer(location, read_only=True)
    try:
        for url in (server.store_url, server.update_url):
            result = run_cli("push", "--endpoint", url, "--replace")
            assert result.code == 3, result.err
            (line,) = result.err.strip().splitlines()
            assert line.startswith(f"igkg: error: endpoint {url}: HTTP 403")
            assert "refuses writes" in line and f"unchanged ({expected} triples)" in line
            assert server.count() == expected
        assert len(igkg.load(endpoint=server.query_url).query("recommendations")) == 1
    finally:
        server.stop()


def test_urls_for_push_and_for_queries() -> None:
    assert guess_protocol("http://h:7878/store") == "gsp"
    assert guess_protocol("http://h:7878/update") == "update"
    assert guess_protocol("http://h:3030/ds/data") == "gsp"
    assert guess_protocol("http://h:8890/sparql-auth") == "update"
    assert guess_protocol("http://h:7200/repositories/igkg/statements") == "update"
    with pytest.raises(igkg.InputError, match="choose the protocol"):
        guess_protocol("http://h:7019/")
    assert guess_query_url("http://h:7878/store") == "http://h:7878/query"
    assert guess_query_url("http://h:3030/ds/update") == "http://h:3030/ds/query"
    assert guess_query_url("http://h:7200/repositories/igkg/statements") == "http://h:7200/repositories/igkg"
    assert guess_query_url("http://h:7200/repositories/igkg/rdf-graphs/service") == "http://h:7200/repositories/igkg"
    assert guess_query_url("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql"
    assert guess_query_url("http://h:8890/sparql") == "http://h:8890/sparql"


def test_querying_the_update_url_says_which_url_to_use(oxigraph_server: OxigraphServer, run_cli: RunCli) -> None:
    result = run_cli("query", "recommendations", "--endpoint", oxigraph_server.update_url)
    assert result.code == 3 and "--endpoint takes the server's query URL" in result.err


def test_the_store_protocol_matches_graph_store_results(oxigraph_server: OxigraphServer) -> None:
    remote = SparqlEndpointStore(oxigraph_server.query_url)
    assert len(remote) == 0 and list(remote.quads()) == []


@pytest.mark.parametrize("document", ["docs/endpoint.md", "README.md"])
def test_the_laptop_to_server_commands_of_the_docs_work(
    oxigraph_server: OxigraphServer, run_cli: RunCli, document: str
) -> None:
    """"From laptop to shared server" in the README and in docs/endpoint.md: the first block,
    against a real server (started by the fixture in place of the block's `oxigraph serve` line,
    on a free port)."""
    text = (Path(__file__).resolve().parent.parent / document).read_text(encoding="utf-8")
    block = re.search(r"## From laptop to shared server.*?```sh\n(.*?)```", text, re.S)
    assert block is not None
    lines = block.group(1).replace("\\\n", " ").splitlines()
    commands = [line.split("  #")[0].strip() for line in lines if line.strip()]
    assert commands[0].startswith("oxigraph serve --location") and "127.0.0.1:7878" in commands[0]
    outputs = []
    for command in commands[1:]:
        argv = shlex.split(command.replace("127.0.0.1:7878", f"127.0.0.1:{oxigraph_server.port}"))
        assert argv[0] == "igkg"
        result = run_cli(*argv[1:])
        assert result.code == 0, f"{command}: {result.err}"
        outputs.append(result.out)
    assert f"Pushed {len(igkg.load())} triples" in outputs[0]
    assert len(json.loads(outputs[1])["results"]["bindings"]) == SEED_RECOMMENDATIONS
    assert outputs[2].rstrip().endswith("1 row") and "Acknowledges" in outputs[2]
