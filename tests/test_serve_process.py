"""One real ``igkg serve`` process on a free loopback port, queried with SPARQLWrapper as a real
client: the seed's 14 recommendations, the named-query CSV of the acceptance criteria, bad
requests over real HTTP, a line in the log per request, and read-only."""

from __future__ import annotations

import csv
import io
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from cli_support import RunCli
from paths import DATA, SEED_RECOMMENDATIONS
from serve_support import LiveServer, start_server, stop_server

pytestmark = pytest.mark.server

PREFIXES = "PREFIX igkg: <https://w3id.org/igkg/ontology#>\n"
EXTRA = DATA / "extra-document.ttl"


def _wrapper(url: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url, agent="igkg-tests")
    wrapper.setReturnFormat(JSON)
    return wrapper


def _answer(wrapper: SPARQLWrapper) -> dict[str, Any]:
    answer = wrapper.queryAndConvert()
    assert isinstance(answer, dict)
    return answer


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_sparqlwrapper_gets_the_14_seed_recommendations(live_server: LiveServer) -> None:
    wrapper = _wrapper(live_server.sparql)
    wrapper.setQuery(PREFIXES + "SELECT ?r ?position WHERE { ?r a igkg:Recommendation ; igkg:position ?position ; "
                     "<http://data.europa.eu/eli/ontology#is_part_of> "
                     "<https://w3id.org/igkg/id/doc/wgec-second-take> } ORDER BY ?position")
    bindings = _answer(wrapper)["results"]["bindings"]
    assert [int(b["position"]["value"]) for b in bindings] == list(range(1, SEED_RECOMMENDATIONS + 1))
    wrapper.setMethod("POST")
    assert len(_answer(wrapper)["results"]["bindings"]) == SEED_RECOMMENDATIONS


def test_citing_paragraph_csv_lists_bullet_4(live_server: LiveServer) -> None:
    status, text = _get(live_server.url + "queries/citing-paragraph.csv?instrument=Tunis%20Agenda&paragraph=69")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["position"] for row in rows] == ["4"] and rows[0]["recommendation_label"] == "WGEC #4"


def test_bad_requests_over_http_and_the_server_keeps_answering(live_server: LiveServer) -> None:
    wrapper = _wrapper(live_server.sparql)
    wrapper.setQuery("SELECT ?x WHERE {")
    with pytest.raises(QueryBadFormed):
        wrapper.queryAndConvert()
    update = urllib.request.Request(live_server.sparql, data=b"update=CLEAR%20ALL",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=10)
    assert refused.value.code == 403
    huge = urllib.request.Request(live_server.sparql, data=b"ASK {} #" + b"x" * 200_000,
                                  headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as too_big:
        urllib.request.urlopen(huge, timeout=10)
    assert too_big.value.code == 413
    slow = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d FILTER(STR(?b) < STR(?d)) }")
    status, text = _get(live_server.sparql + "?query=" + slow)
    assert status == 503 and "longer than" in text
    wrapper.setQuery(PREFIXES + "ASK { ?r a igkg:Recommendation }")
    assert _answer(wrapper)["boolean"] is True


def test_it_starts_prints_its_url_and_logs_each_request() -> None:
    server = start_server()  # benchmarks/serve_bench.py measures how quickly
    try:
        assert _get(server.url + "queries/")[0] == 200
        assert _get(server.sparql + "?query=SELEKT")[0] == 400
    finally:
        log = stop_server(server)
    assert f"at {server.url} (SPARQL endpoint {server.sparql};" in log
    assert '"GET /queries/" 200' in log and '"GET /sparql?query=SELEKT" 400' in log
    assert log.count('"GET ') >= 3  # the readiness poll too


def test_serves_an_on_disk_store(tmp_path: Path, run_cli: RunCli) -> None:
    store = tmp_path / "kg"
    assert run_cli("load", str(EXTRA), "--store", str(store)).code == 0
    server = start_server("--store", str(store))
    try:
        wrapper = _wrapper(server.sparql)
        wrapper.setQuery(PREFIXES + "SELECT (COUNT(?r) AS ?n) WHERE { ?r a igkg:Recommendation }")
        count = int(_answer(wrapper)["results"]["bindings"][0]["n"]["value"])
        assert count > SEED_RECOMMENDATIONS  # the bundled graph and the extra document
    finally:
        log = stop_server(server)
    assert f"(store {store}" in log
