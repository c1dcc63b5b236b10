"""What a query may do (igkg.stores.policy): SERVICE refused unless allowed, wherever a query runs,
with no request made; FROM honoured as graph selection or refused; LOAD refused; nesting and
length bounded (Oxigraph crashed on 3,000 nested groups). The decision comes from reading the
query's tokens: SERVICE in a string, an IRI, a comment or a prefixed name is not a SERVICE."""

from __future__ import annotations

from pathlib import Path

import pytest

import igkg
from cli_support import RunCli
from endpoint_support import RESULTS_JSON, FaultServer, FaultServerFactory, answer
from igkg.errors import QueryRefused
from igkg.limits import QueryPolicy
from igkg.stores.disk import load_into_store
from igkg.stores.policy import check_query, check_update
from igkg.stores.sparql_text import read_query

pytestmark = pytest.mark.usefixtures("endpoint_env")
GRAPH = "https://example.org/graph/one"


@pytest.fixture
def remote(fault_server: FaultServerFactory) -> FaultServer:
    """A real SPARQL-answering HTTP server on loopback that records every request it gets."""
    return fault_server(lambda h: answer(h, 200, RESULTS_JSON, "application/sparql-results+json"))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("policy") / "kg"
    load_into_store(folder)
    return folder


def service_query(url: str) -> str:
    return f"SELECT ?n WHERE {{ SERVICE <{url}> {{ ?s ?p ?n }} }}"


def test_service_is_refused_by_default_and_no_request_is_made(run_cli: RunCli, remote: FaultServer,
                                                              tmp_path: Path, store_dir: Path) -> None:
    """--sparql, a .rq file, --store and --endpoint alike (was: a real outbound request, the
    remote row printed, no switch to turn it off)."""
    rq = tmp_path / "federated.rq"
    rq.write_text(service_query(remote.url) + "\n")
    runs = {
        "--sparql": ("query", "--sparql", service_query(remote.url)),
        ".rq file": ("query", rq),
        "--store": ("query", rq, "--store", store_dir),
        "--endpoint": ("query", rq, "--endpoint", remote.url),
    }
    for where, args in runs.items():
        result = run_cli(*args)
        assert result.code == 2, (where, result.err)
        assert result.err.startswith(f"igkg: error: SERVICE <{remote.url}> (line 1, column 19) is refused: igkg "
                                     f"sends no request to another endpoint unless you allow it (--allow-service "
                                     f"{remote.url}, or IGKG_ALLOW_SERVICE)"), (where, result.err)
    assert remote.requests == [], "nothing was sent, not even to the --endpoint"


def test_service_runs_when_its_endpoint_is_allowed(run_cli: RunCli, remote: FaultServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli("query", "--allow-service", remote.url, "-f", "csv", "--sparql", service_query(remote.url))
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["n", "42"]
    assert len(remote.requests) == 1
    monkeypatch.setenv("IGKG_ALLOW_SERVICE", remote.url.rsplit("/", 1)[0] + "/")  # a prefix ending in /
    assert run_cli("query", "-f", "csv", "--sparql", service_query(remote.url)).code == 0
    other = remote.url.replace("127.0.0.1", "localhost")
    refused = run_cli("query", "--sparql", service_query(other))
    assert refused.code == 2 and "is refused" in refused.err


def test_service_with_a_variable_or_a_prefixed_name(remote: FaultServer) -> None:
    variable = f"SELECT * WHERE {{ BIND(<{remote.url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefused, match=r"SERVICE with an endpoint chosen while the query runs .*"
                                           r"--allow-service '\*'"):
        check_query(variable, QueryPolicy(allow_service=(remote.url,)))
    check_query(variable, QueryPolicy(allow_service=("*",)))
    prefixed = f"PREFIX r: <{remote.url.rsplit('/', 1)[0]}/>\nSELECT * WHERE {{ SERVICE SILENT r:sparql {{ }} }}"
    with pytest.raises(QueryRefused, match=f"SERVICE <{remote.url}> \\(line 2, column 18\\)"):
        check_query(prefixed, QueryPolicy())
    assert remote.requests == []


def test_the_named_queries_and_the_python_api_are_checked_too(kg: igkg.KnowledgeGraph, remote: FaultServer) -> None:
    with pytest.raises(QueryRefused):
        kg.sparql(service_query(remote.url))
    with pytest.raises(QueryRefused):
        kg.store.query(service_query(remote.url))
    for name, query in kg.queries().items():  # the bundled library passes its own checks
        assert read_query(query.text).services == [], name
    assert remote.requests == []


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/> {}" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:SERVICE ?service }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/> { }",
    "SELECT * WHERE { ?s ?p '''a\nSERVICE <http://example.org/> {}''' }",
])
def test_service_inside_a_string_an_iri_a_name_or_a_comment_is_not_a_service(text: str) -> None:
    assert read_query(text).services == []
    check_query(text, QueryPolicy())


def test_from_chooses_graphs_of_the_store_and_is_never_ignored(run_cli: RunCli, tmp_path: Path) -> None:
    """Was: `FROM <…>` silently ignored (every graph was read)."""
    trig = tmp_path / "graphs.trig"
    trig.write_text(f"<{GRAPH}> {{ <https://example.org/s> <https://example.org/p> \"in the graph\" . }}\n")
    data = ("--data", trig, "-f", "csv")
    chosen = run_cli("query", *data, "--sparql", f"SELECT ?o FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}")
    assert chosen.code == 0, chosen.err
    assert chosen.out.splitlines() == ["o", "in the graph"], "only the chosen graph is read"
    named = run_cli("query", *data, "--sparql",
                    f"SELECT ?g ?o FROM NAMED <{GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert named.out.splitlines() == ["g,o", f"{GRAPH},in the graph"]
    everything = run_cli("query", *data, "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(everything.out.splitlines()[1]) > 3000, "without FROM, the union of all graphs"
    remote = run_cli("query", *data, "--sparql", "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }")
    assert remote.code == 2
    assert remote.err == ("igkg: error: FROM <http://example.org/data.ttl>: memory has no graph of that name; igkg "
                          "never fetches a FROM graph (name a graph of the store, or leave FROM out to query all "
                          "of them)\n")


def test_load_in_an_update_is_refused(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(QueryRefused, match=r"LOAD <http://example.org/x.ttl> \(line 1, column 1\) is refused"):
        check_update("LOAD <http://example.org/x.ttl>", QueryPolicy())
    check_update("INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }", QueryPolicy())


def test_3000_nested_groups_are_refused_instead_of_crashing(run_cli: RunCli, tmp_path: Path) -> None:
    """Was: exit 139 (a segmentation fault), no message."""
    rq = tmp_path / "deep.rq"
    rq.write_text("SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000 + "\n")
    result = run_cli("query", rq)
    assert result.code == 2
    assert result.err == ("igkg: error: the query is nested more than 256 levels deep (line 1, column 6014; "
                          "IGKG_MAX_DEPTH, at most 2000)\n"), "the position of its deepest group"
    unary = run_cli("query", "--sparql", "ASK { FILTER(" + "!" * 10_000 + "true) }")
    assert unary.code == 2 and "nested more than 256 levels" in unary.err


def test_long_chains_are_refused_but_values_data_is_not_counted(run_cli: RunCli, tmp_path: Path) -> None:
    """7,000 chained UNIONs crash Oxigraph's planner; 100,000 values in a VALUES block do not."""
    chain = tmp_path / "chain.rq"
    chain.write_text("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 7000) + " }\n")
    result = run_cli("query", chain)
    assert result.code == 2
    assert result.err == ("igkg: error: the query has 42,004 tokens outside VALUES data, more than 10,000 "
                          "(IGKG_MAX_QUERY_TERMS): put long lists of values in a VALUES block\n")
    values = tmp_path / "values.rq"
    values.write_text("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { " + " ".join(map(str, range(100_000))) + " } }\n")
    counted = run_cli("query", values, "-f", "csv")
    assert counted.code == 0, counted.err
    assert counted.out.splitlines() == ["n", "100000"]


def test_a_query_that_crashes_the_engine_is_one_line_and_the_next_query_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the length limit raised past what Oxigraph survives, the crash happens in the worker
    process: igkg reports it and goes on."""
    monkeypatch.setenv("IGKG_MAX_QUERY_TERMS", "1000000")
    kg = igkg.load()
    with pytest.raises(igkg.QueryError, match=r"the query engine crashed on this query \(SIG(SEGV|ABRT|BUS)\)"):
        kg.sparql("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 9000) + " }")
    assert len(kg.query("recommendations")) == 14
