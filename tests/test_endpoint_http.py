"""The HTTP client under --endpoint and push, against real servers on loopback that misbehave on
purpose: credentials only to the origin the user named, cross-origin redirects refused unless
allowed, a POST that stays a POST, a deadline for the whole request, bad URLs refused before
anything is sent, and a push that is never sent twice."""

from __future__ import annotations

import base64
import socket
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

import igkg
from cli_support import RunCli
from endpoint_support import RESULTS_JSON, FaultServerFactory, OxigraphServer, answer
from igkg.stores.endpoint import SparqlEndpointStore

pytestmark = [pytest.mark.server, pytest.mark.usefixtures("endpoint_env")]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BASIC = "Basic " + base64.b64encode(b"ann:s3cret-pw").decode()


def results(handler: BaseHTTPRequestHandler) -> None:
    answer(handler, 200, RESULTS_JSON, "application/sparql-results+json")


def redirect_to(target: str, code: int = 302) -> Callable[[BaseHTTPRequestHandler], None]:
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        answer(handler, code, b"", "text/plain", {"Location": target})
    return behaviour


@pytest.mark.parametrize("credentials", ["basic", "bearer"])
def test_a_redirect_to_another_port_is_refused_and_gets_no_credentials(
    run_cli: RunCli, fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch, credentials: str
) -> None:
    """Was: a 302 to another port was followed with the Bearer / Basic credentials attached."""
    if credentials == "basic":
        monkeypatch.setenv("IGKG_ENDPOINT_USER", "ann")
        monkeypatch.setenv("IGKG_ENDPOINT_PASSWORD", "s3cret-pw")
    else:
        monkeypatch.setenv("IGKG_ENDPOINT_TOKEN", "t0ken")
    elsewhere = fault_server(results)
    named = fault_server(redirect_to(elsewhere.url))
    result = run_cli("query", "recommendations", "--endpoint", named.url)
    assert result.code == 3
    assert result.err == (f"igkg: error: endpoint {named.url}: redirected (302) to another origin, {elsewhere.url}: "
                          "refused (set IGKG_ENDPOINT_REDIRECTS=any to follow it, without credentials)\n")
    assert elsewhere.requests == [], "nothing reached the other origin"
    assert "Authorization" in named.requests[0].headers


def test_an_allowed_cross_origin_redirect_drops_the_credentials(
    fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IGKG_ENDPOINT_TOKEN", "t0ken")
    monkeypatch.setenv("IGKG_ENDPOINT_REDIRECTS", "any")
    elsewhere = fault_server(results)
    named = fault_server(redirect_to(elsewhere.url, 307))
    assert SparqlEndpointStore(named.url).count(COUNT) == 42
    (request,) = elsewhere.requests
    assert "Authorization" not in request.headers
    assert request.method == "POST" and "query" in dict(urllib.parse.parse_qsl(request.body.decode()))


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_same_origin_redirect_keeps_the_post_its_query_and_the_credentials(
    fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Was: a POSTed query became a GET with no query."""
    monkeypatch.setenv("IGKG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("IGKG_ENDPOINT_PASSWORD", "s3cret-pw")

    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/moved"):
            results(handler)
        else:
            answer(handler, code, b"", "text/plain", {"Location": "/moved/sparql"})

    server = fault_server(behaviour)
    assert SparqlEndpointStore(server.url).count(COUNT) == 42
    first, second = server.requests
    assert second.path == "/moved/sparql" and second.method == "POST"
    assert dict(urllib.parse.parse_qsl(second.body.decode()))["query"] == COUNT
    assert second.headers["Authorization"] == BASIC


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_a_redirected_push_keeps_its_method_and_body(run_cli: RunCli, fault_server: FaultServerFactory,
                                                      method: str) -> None:
    """`push --replace` (PUT) and `push` (POST) alike."""
    triples = len(igkg.load())

    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/query") or handler.path.startswith("/new-store"):
            written = any(r.method == method and r.path.startswith("/new-store") for r in server.requests)
            if handler.path.startswith("/new-store"):
                answer(handler, 204, b"", "text/plain")
            else:
                count = f'"{triples if written else 0}"'.encode()
                answer(handler, 200, RESULTS_JSON.replace(b'"42"', count), "application/sparql-results+json")
        else:
            answer(handler, 307, b"", "text/plain", {"Location": "/new-store?default"})

    server = fault_server(behaviour)
    store = server.url.rsplit("/", 1)[0] + "/store"
    result = run_cli("push", "--endpoint", store, "--no-validate", *(["--replace"] if method == "PUT" else []))
    sent = [r for r in server.requests if r.method == method and not r.path.startswith("/query")]
    assert [r.path for r in sent] == ["/store?default", "/new-store?default"]
    assert sent[1].body == sent[0].body and len(sent[1].body) > 100_000
    assert result.code == 0, result.err


@pytest.mark.parametrize("phase", ["headers", "body"])
def test_the_timeout_bounds_the_whole_request_not_each_read(
    run_cli: RunCli, fault_server: FaultServerFactory, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    """Was: a server sending one byte every 2 s held igkg 90 s with a 5 s timeout. This one would
    drip for a minute; igkg gives up after the 1 s the whole request may take."""
    monkeypatch.setenv("IGKG_ENDPOINT_TIMEOUT", "1")

    def drip(handler: BaseHTTPRequestHandler) -> None:
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                f"Content-Length: {len(RESULTS_JSON)}\r\n\r\n").encode()
        if phase == "body":
            handler.wfile.write(head)
        for byte in (head if phase == "headers" else b"") + RESULTS_JSON:
            if server.stopping.wait(0.3):
                return
            try:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            except OSError:
                return

    server = fault_server(drip)
    result = run_cli("query", "recommendations", "--endpoint", server.url)
    assert result.code == 3
    assert result.err == (f"igkg: error: endpoint {server.url}: no complete answer within 1 s (IGKG_ENDPOINT_TIMEOUT, "
                          "the time for the whole request)\n")
    assert len(server.requests) == 1, "a timeout is not retried"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/query\r\nX-Injected: 1", "http://127.0.0.1:9/que\nry",
                                 "http://127.0.0.1:9/a b"])
def test_a_url_with_a_control_character_is_bad_input(run_cli: RunCli, url: str) -> None:
    """Was: exit 3 after 4 retries."""
    result = run_cli("query", "recommendations", "--endpoint", url)
    assert result.code == 2
    assert result.err.startswith(f"igkg: error: the endpoint URL {url.strip()!r} contains ")
    assert "refused (a URL has no spaces or control characters; percent-encode them)" in result.err
    push = run_cli("push", "--endpoint", url, "--no-validate")
    assert push.code == 2


def _forward(handler: BaseHTTPRequestHandler, oxigraph: OxigraphServer, body: bytes) -> None:
    """Relay a request to the real Oxigraph and its answer back."""
    headers = {"Content-Type": handler.headers.get("Content-Type", "text/plain")}
    if handler.path.startswith("/query"):
        headers["Accept"] = "application/sparql-results+json"
    request = urllib.request.Request(oxigraph.base + handler.path, data=body, method=handler.command, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        answer(handler, response.status, response.read(), response.headers.get("Content-Type", "text/plain"))


def test_a_push_whose_connection_breaks_after_the_upload_is_not_sent_twice(
    run_cli: RunCli, fault_server: FaultServerFactory, tmp_path: Path
) -> None:
    """A proxy in front of a real Oxigraph delivers the upload, then drops the connection without
    an answer. A retry would add the graph's blank nodes a second time (a push that adds is not
    idempotent); igkg does not retry it, says what happened, and the remote graph holds each
    triple once."""
    oxigraph = OxigraphServer(tmp_path / "ox")
    try:
        def proxy(handler: BaseHTTPRequestHandler) -> None:
            body = server.requests[-1].body
            if handler.command == "POST" and handler.path.startswith("/store"):
                request = urllib.request.Request(oxigraph.base + handler.path, data=body, method="POST",
                                                 headers={"Content-Type": "application/n-triples"})
                urllib.request.urlopen(request, timeout=60).close()  # applied by Oxigraph …
                handler.close_connection = True
                handler.connection.shutdown(socket.SHUT_RDWR)  # … and the answer never arrives
                return
            _forward(handler, oxigraph, body)

        server = fault_server(proxy)
        store_url = server.url.rsplit("/", 1)[0] + "/store"
        result = run_cli("push", "--endpoint", store_url, "--no-validate")
        assert result.code == 3
        assert result.err.startswith(f"igkg: error: endpoint {store_url}: the connection broke")
        expected = len(igkg.load())
        assert result.err.rstrip().endswith(f"the remote graph CHANGED from 0 to {expected} triples: the server "
                                            "did not roll back"), result.err
        assert len([r for r in server.requests if r.method == "POST" and r.path.startswith("/store")]) == 1
        assert oxigraph.count() == expected, "each triple once: the upload was not sent again"
    finally:
        oxigraph.stop()
