"""The server's SPARQL endpoint, named queries and pages, against the application in process
(Starlette's TestClient): formats by content negotiation and ?format=, the status codes of bad
requests, limits, headers, and that the server keeps answering after each."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from igkg.serve.app import Settings, create_app
from igkg.serve.engine import Limits
from igkg.serve.server import open_served_store
from paths import SEED_RECOMMENDATIONS

RECS = "SELECT ?r ?position WHERE { ?r a igkg:Recommendation ; igkg:position ?position } ORDER BY ?position"
#: 11.7M pairs, each with a string comparison: 7 s on Oxigraph here (bounded, so its worker frees).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d FILTER(STR(?b) < STR(?d)) }"
RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}


def _still_answers(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?r a igkg:Recommendation }"})
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_select_by_get_post_form_and_direct_post(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": RECS})
    form = client.post("/sparql", data={"query": RECS})
    direct = client.post("/sparql", content=RECS.encode(), headers={"Content-Type": "application/sparql-query"})
    for response in (got, form, direct):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        bindings = response.json()["results"]["bindings"]
        assert [int(b["position"]["value"]) for b in bindings] == list(range(1, SEED_RECOMMENDATIONS + 1))


@pytest.mark.parametrize(("accept", "fmt", "media"), [
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/csv", None, "text/csv"),
    ("text/tab-separated-values", None, "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+json", None, "application/sparql-results+json"),
    ("*/*", "csv", "text/csv"),
    ("application/sparql-results+json", "xml", "application/sparql-results+xml"),
])
def test_select_results_by_negotiation_and_format(client: TestClient, accept: str, fmt: str | None,
                                                  media: str) -> None:
    params = {"query": RECS} | ({"format": fmt} if fmt else {})
    response = client.get("/sparql", params=params, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":  # Oxigraph does not read CSV results (lossy): read them as CSV
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["r", "position"] and len(rows) == SEED_RECOMMENDATIONS + 1
        assert rows[1] == ["https://w3id.org/igkg/id/doc/wgec-second-take/rec-1", "1"]  # plain values
        return
    parsed = ox.parse_query_results(response.content, {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media])
    assert isinstance(parsed, ox.QuerySolutions) and len(list(parsed)) == SEED_RECOMMENDATIONS


def test_ask_and_construct_in_every_syntax(client: TestClient) -> None:
    xml = client.get("/sparql", params={"query": "ASK { actor:igf ?p ?o }"},
                     headers={"Accept": "application/sparql-results+xml"})
    assert xml.status_code == 200 and "<boolean>true</boolean>" in xml.text
    query = "CONSTRUCT WHERE { actor:igf ?p ?o }"
    expected = len(client.get("/sparql", params={"query": query}, headers={"Accept": "application/n-triples"})
                   .text.strip().splitlines())
    assert expected > 10
    for media, syntax in RDF_FORMATS.items():
        response = client.get("/sparql", params={"query": query}, headers={"Accept": media})
        assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media
        assert len(list(ox.parse(response.content, format=syntax))) == expected
    describe = client.get("/sparql", params={"query": "DESCRIBE actor:igf", "format": "ttl"})
    assert describe.status_code == 200 and describe.headers["content-type"].startswith("text/turtle")


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    predicates = {t.predicate.value.rsplit("#", 1)[-1] for t in triples}
    assert {"endpoint", "supportedLanguage", "resultFormat", "defaultDataset"} <= predicates
    assert client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False).status_code == 303
    # A person following a query link gets the workbench with the query filled in.
    linked = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/html,*/*;q=0.8"},
                        follow_redirects=False)
    assert linked.status_code == 303 and linked.headers["location"] == "/?query=ASK+%7B%7D"
    assert "ASK {}</textarea>" in client.get(linked.headers["location"]).text


def test_malformed_query_is_400_with_the_parsers_message_and_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?r WHERE {\n  ?r a igkg:Recommendation"},
                          headers={"Accept": "application/json"})
    assert response.status_code == 400
    error = response.json()
    assert (error["line"], error["column"]) == (2, 27) and "expected" in error["reason"]
    plain = client.get("/sparql", params={"query": "SELEKT *"})
    assert plain.status_code == 400 and "SPARQL syntax error (line 1, column " in plain.text
    _still_answers(client)


@pytest.mark.parametrize(("method", "kwargs", "status"), [
    ("post", {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403),
    ("post", {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403),
    ("get", {"params": {"update": "CLEAR ALL"}}, 403),
    ("put", {"content": b"ASK {}"}, 405),
    ("post", {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ("post", {"content": b"ASK {}"}, 415),
    ("get", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
    ("post", {"content": "ASK {}".encode("utf-16"),
              "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 400),
    ("get", {"params": {"query": "SELECT * WHERE { ?s ?p ?o }"}, "headers": {"Accept": "image/png"}}, 406),
    ("get", {"params": {"query": "ASK {}", "format": "ttl"}}, 406),
])
def test_bad_requests_get_their_status_and_the_server_keeps_answering(
        client: TestClient, method: str, kwargs: dict[str, object], status: int) -> None:
    before = len(client.app.state.store)  # type: ignore[attr-defined]
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert response.text.strip()  # a message saying why
    assert len(client.app.state.store) == before  # type: ignore[attr-defined]  # nothing was written
    _still_answers(client)


def test_a_huge_body_is_413(client: TestClient) -> None:
    big = b"ASK {} #" + b"x" * 200_000
    response = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    # Streamed without a Content-Length, it is counted as it arrives.
    chunks = iter([b"ASK {} #", b"x" * 60_000, b"x" * 60_000])
    streamed = client.post("/sparql", content=chunks, headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413
    _still_answers(client)


def test_a_slow_query_is_503_and_others_are_answered_meanwhile() -> None:
    store = open_served_store()
    app = create_app(store, Settings(Limits(timeout=0.5, row_cap=100)))
    with TestClient(app) as quick, ThreadPoolExecutor(2) as pool:
        slow = pool.submit(quick.get, "/sparql", params={"query": SLOW})
        time.sleep(0.1)
        _still_answers(quick)  # while the slow one runs
        assert not slow.done(), "the quick query was answered before the slow one"
        response = slow.result(timeout=60)
        assert response.status_code == 503 and "longer than 0.5 s" in response.text
        _still_answers(quick)


def test_the_worker_of_a_query_past_its_deadline_is_killed() -> None:
    """The slow query does not go on in the background: its worker process is killed (and
    reaped), which frees its memory; the next query gets a new worker."""
    from igkg.serve import engine

    store = open_served_store()
    app = create_app(store, Settings(Limits(timeout=0.5, row_cap=100)))
    with TestClient(app) as client:
        _still_answers(client)  # the workers exist now
        workers = engine._pool(store).workers
        assert workers and all(w.pid is None or w.pid > 0 for w in workers)
        assert client.get("/sparql", params={"query": SLOW}).status_code == 503
        assert any(w.pid is None for w in workers), "the worker that ran the slow query was stopped"
        _still_answers(client)


def test_row_cap_cuts_and_says_so(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200 and response.headers["x-igkg-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == 500


def test_service_calls_are_refused_by_the_cores_check(client: TestClient) -> None:
    """The core's parser-based SERVICE / remote FROM refusal (``igkg.stores.policy.check_query``)
    runs before anything: Oxigraph would otherwise send the SERVICE request itself."""
    service = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert service.status_code == 400 and "SERVICE" in service.text
    remote_from = client.get("/sparql", params={"query": "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }"})
    assert remote_from.status_code == 400
    _still_answers(client)


def test_cors_headers_let_other_tools_query(client: TestClient) -> None:
    preflight = client.options("/sparql", headers={"Origin": "https://yasgui.example",
                                                   "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == "*"
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_pages_have_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/queries/", "/resource?iri=IGF", "/queries/addressed-to?agent=IGF"):
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in response.text  # no inline script: only files from the server
        assert not re.search(r"<(script|link|img)\b[^>]*(src|href)=\"(https?:)?//", response.text)


def test_named_queries_as_urls_in_every_format(client: TestClient) -> None:
    base = "/queries/citing-paragraph"
    params = {"instrument": "Tunis Agenda", "paragraph": "69"}
    rows = list(csv.DictReader(io.StringIO(client.get(base + ".csv", params=params).text)))
    assert [row["position"] for row in rows] == ["4"]
    assert rows[0]["recommendation_label"] == "WGEC #4"  # labels next to IRIs, plain values
    assert rows[0]["recommendation"] == "https://w3id.org/igkg/id/doc/wgec-second-take/rec-4"
    data = client.get(base + ".json", params=params).json()
    assert [b["position"]["value"] for b in data["results"]["bindings"]] == ["4"]
    negotiated = client.get(base, params=params, headers={"Accept": "text/csv"})
    assert negotiated.headers["content-type"].startswith("text/csv") and "WGEC #4" in negotiated.text
    tsv = client.get(base + ".tsv", params=params).text.splitlines()
    assert tsv[0].split("\t")[:2] == ["instrument", "instrument_label"] and "\t4\t" in tsv[1]
    construct = client.get("/queries/neighbourhood.nt", params={"node": "IGF"})
    assert construct.status_code == 200 and construct.text.startswith("<")
    # The same parameter resolution as the command line: a bad value says what comes close.
    bad = client.get(base + ".json", params={"instrument": "Tunis Agendaa", "paragraph": "69"})
    assert bad.status_code == 400 and "did you mean 'Tunis Agenda'" in bad.text
    assert client.get("/queries/no-such-query.json").status_code == 404


def test_named_query_page_has_a_form_and_labelled_results(client: TestClient) -> None:
    page = client.get("/queries/addressed-to", params={"agent": "IGF"}, headers={"Accept": "text/html"}).text
    assert '<form method="get" action="/queries/addressed-to"' in page and 'name="agent" value="IGF"' in page
    assert ">WGEC #8</a>" in page and 'title="https://w3id.org/igkg/id/doc/wgec-second-take/rec-8"' in page
    assert 'href="/queries/addressed-to.csv?agent=IGF"' in page
    listing = client.get("/queries/", headers={"Accept": "text/html"}).text
    assert 'href="/queries/citing-paragraph?instrument=Tunis%20Agenda&amp;paragraph=69"' in listing
    assert len(client.get("/queries.json").json()) >= 16


def test_resource_page_and_its_linked_data(client: TestClient) -> None:
    page = client.get("/resource", params={"iri": "WGEC #8"}, headers={"Accept": "text/html"}).text
    assert '<mark title="operative verb">Congratulates</mark>' in page
    assert '<mark title="citation as written">its Tunis Agenda defined role</mark>' in page
    assert ">TA ¶72</a>: Secretary-General to convene the IGF" in page  # the paragraph it cites
    assert ">IGF</a>" in page and "Internet Governance Forum" in page  # outgoing link, labelled
    igf = client.get("/resource", params={"iri": "actor:igf"}, headers={"Accept": "text/html"}).text
    assert "Links in" in igf and ">WGEC #9</a>" in igf
    turtle = client.get("/resource", params={"iri": "IGF"}, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    subjects = {t.subject.value for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
    assert subjects == {"https://w3id.org/igkg/id/actor/igf"}
    jsonld = client.get("/resource", params={"iri": "IGF", "format": "jsonld"})
    assert jsonld.headers["content-type"].startswith("application/ld+json") and json.loads(jsonld.text)
    assert client.get("/resource", params={"iri": "No Such Thing"}).status_code == 404


def test_the_ontology_by_content_negotiation(client: TestClient) -> None:
    """/ontology: a page for a browser, the ontology's own triples for an RDF client (issue 14 part 4)."""
    from igkg.resources import ontology_dir

    page = client.get("/ontology", headers={"Accept": "text/html,application/xhtml+xml;q=0.9"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Accept" in page.headers["vary"]
    text = page.text
    assert '<dt id="Recommendation">' in text and '<dt id="addressee">' in text  # anchors by local name
    assert "https://creativecommons.org/licenses/by/4.0/" in text
    assert 'href="/resource?iri=https%3A//w3id.org/igkg/ontology%23Recommendation"' in text
    assert "concept schemes" in text.lower() and "concepts</dd>" in text
    on_file: set[ox.Triple] = set()
    for path in ontology_dir().glob("*.ttl"):
        if path.name != "shapes.ttl":
            on_file |= {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path))}
    for accept, syntax in RDF_FORMATS.items():
        response = client.get("/ontology", headers={"Accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        got = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, format=syntax)}
        if syntax != ox.RdfFormat.JSON_LD:  # JSON-LD renames blank nodes, compare the named part
            assert len(got) == len(on_file)
        assert ox.Triple(ox.NamedNode("https://w3id.org/igkg/ontology#Recommendation"),
                         ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode("http://www.w3.org/2002/07/owl#Class")) in got
    assert client.get("/ontology", params={"format": "ttl"}).headers["content-type"].startswith("text/turtle")
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406


def test_workbench_api(client: TestClient) -> None:
    table = client.post("/api/table", data={"name": "addressed-to", "param.agent": "IGF"}).json()
    assert table["form"] == "SELECT" and table["table"]["count"] == 3
    cells = {c["text"]: c["iri"] for row in table["table"]["rows"] for c in row if c["iri"]}
    assert cells["WGEC #8"] == "https://w3id.org/igkg/id/doc/wgec-second-take/rec-8"
    graph = client.post("/api/table", data={"query": "CONSTRUCT WHERE { actor:igf ?p ?o }"}).json()
    assert graph["form"] == "CONSTRUCT" and graph["graph"]["nodes"]
    around = client.get("/api/graph", params={"iri": "IGF"}).json()
    assert {i["iri"] for i in around["info"]} >= {"https://w3id.org/igkg/id/actor/igf"}
    bad = client.post("/api/table", data={"query": "SELECT ?x WHERE {"})
    assert bad.status_code == 400 and "line 1" in bad.json()["error"]
