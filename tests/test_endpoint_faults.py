"""Endpoints that fail: each fault gives one line naming the endpoint and exit code 3, after
retries where retrying can help (connection errors, HTTP 5xx) and none where it cannot (4xx,
timeouts, bad answers). The failing servers are real HTTP servers on loopback that misbehave
on purpose; "server down" is a closed port."""

from __future__ import annotations

import base64
import json
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import (
    HTML_500,
    RESULTS_JSON,
    FaultServerFactory,
    answer,
    free_port,
)
from igkg.stores.endpoint import USER_AGENT, EndpointSettings, SparqlEndpointStore

pytestmark = [pytest.mark.server, pytest.mark.usefixtures("endpoint_env")]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def one_line(err: str, url: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"igkg: error: endpoint {url}: "), err
    assert "Traceback" not in err
    return lines[0]


def test_server_down(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    monkeypatch.setenv("IGKG_ENDPOINT_RETRIES", "2")
    result = run_cli("query", "recommendations", "--endpoint", url)
    assert result.code == 3
    line = one_line(result.err, url)
    assert "cannot connect (connection refused: is the server running?) (after 3 attempts)" in line


def test_http_500_with_an_html_body_is_retried_then_reported_without_the_html(
    run_cli: RunCli, fault_server: FaultServerFactory
) -> None:
    server = fault_server(lambda h: answer(h, 500, HTML_500, "text/html; charset=utf-8"))
    result = run_cli("stats", "--endpoint", server.url)
    assert result.code == 3
    line = one_line(result.err, server.url)
    assert line.endswith("HTTP 500 Internal Server Error (after 4 attempts)")
    assert "<" not in line and "NullPointer" not in line
    assert len(server.requests) == 4, "3 retries by default"


def test_a_5xx_that_recovers_is_retried_transparently(fault_server: FaultServerFactory) -> None:
    def flaky(handler: BaseHTTPRequestHandler) -> None:
        if len(server.requests) < 3:
            answer(handler, 503, b"busy", "text/plain")
        else:
            answer(handler, 200, RESULTS_JSON, "application/sparql-results+json")

    server = fault_server(flaky)
    assert SparqlEndpointStore(server.url).count(COUNT) == 42
    assert len(server.requests) == 3


def test_4xx_is_not_retried_and_its_plain_text_reason_is_shown(
    run_cli: RunCli, fault_server: FaultServerFactory
) -> None:
    server = fault_server(lambda h: answer(h, 400, b"Parser error at 1:5: expected WHERE\nmore", "text/plain"))
    result = run_cli("query", "--sparql", "SELECT * { ?s ?p ?o }", "--endpoint", server.url)
    assert result.code == 3
    assert one_line(result.err, server.url).endswith("HTTP 400 Bad Request: Parser error at 1:5: expected WHERE")
    assert len(server.requests) == 1


@pytest.mark.parametrize("declared", ["honest", "longer"])
def test_truncated_json(run_cli: RunCli, fault_server: FaultServerFactory, declared: str) -> None:
    """A body cut in the middle: with a matching Content-Length (a broken server), or a longer
    one (the connection dropped)."""
    cut = RESULTS_JSON[: len(RESULTS_JSON) // 2]
    length = len(cut) if declared == "honest" else len(RESULTS_JSON)

    def truncated(handler: BaseHTTPRequestHandler) -> None:
        answer(handler, 200, cut, "application/sparql-results+json", length=length)
        handler.close_connection = True

    server = fault_server(truncated)
    result = run_cli("query", "recommendations", "--endpoint", server.url)
    assert result.code == 3
    line = one_line(result.err, server.url)
    assert ("not valid SPARQL results, perhaps cut off" in line) if declared == "honest" else (
        "the answer was cut off" in line)


def test_a_server_that_hangs_times_out(
    run_cli: RunCli, fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IGKG_ENDPOINT_TIMEOUT", "0.5")
    server = fault_server(lambda h: server.stopping.wait(30))
    result = run_cli("query", "recommendations", "--endpoint", server.url)
    assert result.code == 3
    assert one_line(result.err, server.url).endswith(
        "no complete answer within 0.5 s (IGKG_ENDPOINT_TIMEOUT, the time for the whole request)")
    assert len(server.requests) == 1, "a timeout is not retried: the query would be as slow again"


def _guarded(expected: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("Authorization") == expected:
            answer(handler, 200, RESULTS_JSON, "application/sparql-results+json")
        else:
            answer(handler, 401, b"<html>login</html>", "text/html", {"WWW-Authenticate": 'Basic realm="igkg"'})
    return behaviour


def test_401_without_credentials_says_which_variables_to_set(run_cli: RunCli, fault_server: FaultServerFactory) -> None:
    server = fault_server(_guarded("Basic " + base64.b64encode(b"ann:s3cret-pw").decode()))
    result = run_cli("stats", "--endpoint", server.url)
    assert result.code == 3
    line = one_line(result.err, server.url)
    assert "HTTP 401" in line and "IGKG_ENDPOINT_USER and IGKG_ENDPOINT_PASSWORD" in line
    assert len(server.requests) == 1


def test_basic_credentials_from_the_environment_are_sent_and_never_shown(
    run_cli: RunCli, fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fault_server(_guarded("Basic " + base64.b64encode(b"ann:s3cret-pw").decode()))
    monkeypatch.setenv("IGKG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("IGKG_ENDPOINT_PASSWORD", "s3cret-pw")
    assert SparqlEndpointStore(server.url).count(COUNT) == 42
    monkeypatch.setenv("IGKG_ENDPOINT_PASSWORD", "wrong-pw")
    result = run_cli("stats", "--endpoint", server.url)
    assert result.code == 3
    line = one_line(result.err, server.url)
    assert "the credentials were refused" in line
    assert "wrong-pw" not in result.err + result.out and "ann" not in line


def test_a_bearer_token_from_the_environment(fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    server = fault_server(_guarded("Bearer t0ken"))
    monkeypatch.setenv("IGKG_ENDPOINT_TOKEN", "t0ken")
    assert SparqlEndpointStore(server.url).count(COUNT) == 42


def test_requests_name_igkg_ask_for_json_and_bind_values(fault_server: FaultServerFactory) -> None:
    server = fault_server(lambda h: answer(h, 200, RESULTS_JSON, "application/sparql-results+json"))
    store = SparqlEndpointStore(server.url)
    store.query("SELECT ?n WHERE { ?s ?p ?n }", {"s": ox.Literal('a"b')})
    (request,) = server.requests
    assert request.method == "POST"
    assert request.headers["User-Agent"] == USER_AGENT == f"igkg/{igkg.__version__}"
    assert request.headers["Accept"].startswith("application/sparql-results+json")
    form = dict(urllib.parse.parse_qsl(request.body.decode()))
    assert 'VALUES (?s) { ("a\\"b") }' in form["query"]


def test_virtuoso_typed_literal_json_is_read(fault_server: FaultServerFactory) -> None:
    virtuoso = json.dumps({"head": {"link": [], "vars": ["n", "label"]}, "results": {
        "distinct": False, "ordered": True, "bindings": [{
            "n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "7"},
            "label": {"type": "literal", "xml:lang": "en", "value": "IGF"}}]}}).encode()
    server = fault_server(lambda h: answer(h, 200, virtuoso, "application/sparql-results+json"))
    result = SparqlEndpointStore(server.url).query("SELECT ?n ?label WHERE { ?s ?p ?o }")
    assert isinstance(result, igkg.ResultTable)
    assert result.to_dicts() == [{"n": 7, "label": "IGF"}]


def test_an_answer_that_is_not_sparql_results(run_cli: RunCli, fault_server: FaultServerFactory) -> None:
    server = fault_server(lambda h: answer(h, 200, b"<html>welcome</html>", "text/html"))
    result = run_cli("query", "recommendations", "--endpoint", server.url)
    assert result.code == 3
    assert one_line(result.err, server.url).endswith("answered text/html instead of SPARQL results")


def test_a_push_to_a_server_that_fails_reports_it(run_cli: RunCli, fault_server: FaultServerFactory) -> None:
    """The graph store fails (500); counts come from the same fake server's query URL."""
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        if handler.command == "POST" and handler.path.startswith("/query"):
            answer(handler, 200, RESULTS_JSON, "application/sparql-results+json")
        else:
            answer(handler, 500, HTML_500, "text/html")

    server = fault_server(behaviour)
    store = server.url.rsplit("/", 1)[0] + "/store"
    result = run_cli("push", "--endpoint", store, "--replace", "--no-validate")
    assert result.code == 3
    line = one_line(result.err, store)
    assert "HTTP 500" in line and line.endswith("the remote graph is unchanged (42 triples)")
    puts = [r for r in server.requests if r.method == "PUT"]
    assert len(puts) == 4 and puts[0].headers["Content-Type"] == "application/n-triples"


def test_bad_settings_are_input_errors(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IGKG_ENDPOINT_TIMEOUT", "soon")
    result = run_cli("stats", "--endpoint", "http://127.0.0.1:9/query")
    assert result.code == 2 and "IGKG_ENDPOINT_TIMEOUT must be a number" in result.err
    monkeypatch.delenv("IGKG_ENDPOINT_TIMEOUT")
    monkeypatch.setenv("IGKG_ENDPOINT_USER", "ann")
    with pytest.raises(igkg.InputError, match="both"):
        EndpointSettings.from_environment()


def test_a_failed_push_that_changed_the_remote_graph_says_so(run_cli: RunCli, fault_server: FaultServerFactory) -> None:
    """A server that keeps part of a failed write (Virtuoso's Graph Store does): the message says
    that the remote graph changed, instead of claiming it is unchanged."""
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        if handler.command == "POST" and handler.path.startswith("/query"):
            written = any(r.method == "POST" and r.path.startswith("/store") for r in server.requests)
            answer(handler, 200, RESULTS_JSON.replace(b'"42"', b'"50"' if written else b'"42"'),
                   "application/sparql-results+json")
        else:
            answer(handler, 500, b"disk full", "text/plain")

    server = fault_server(behaviour)
    store = server.url.rsplit("/", 1)[0] + "/store"
    result = run_cli("push", "--endpoint", store, "--no-validate")
    assert result.code == 3
    line = one_line(result.err, store)
    assert "HTTP 500 Internal Server Error: disk full" in line
    assert line.endswith("the remote graph CHANGED from 42 to 50 triples: the server did not roll back")
    assert len([r for r in server.requests if r.method == "POST" and r.path.startswith("/store")]) == 1, (
        "adding is not repeated after a 5xx: it may have been applied")
