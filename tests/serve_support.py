"""Fixtures for the server tests: the application in process (Starlette's TestClient) and one
real ``igkg serve`` process on a free loopback port, polled until it answers (datasette's
pattern), stopped at the end of the module."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from endpoint_support import free_port, wait_until_responds
from igkg.serve.app import Settings, create_app
from igkg.serve.engine import Limits
from igkg.serve.server import open_served_store

XSS_DATA = Path(__file__).resolve().parent / "data" / "xss-title.ttl"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The application over the bundled graph, with a short timeout and a small row cap."""
    app = create_app(open_served_store(), Settings(Limits(timeout=2.0, row_cap=500), max_body=100_000))
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def sparql(self) -> str:
        return self.url + "sparql"


def start_server(*args: str) -> LiveServer:
    port = free_port()
    command = [sys.executable, "-m", "igkg", "serve", "--port", str(port), *args]
    # The request log goes to a file: a pipe nobody reads fills up and blocks the server.
    log = Path(tempfile.mkstemp(prefix="igkg-serve-", suffix=".log")[1])
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=sink)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_responds(url + "sparql", process)
    except RuntimeError:
        process.kill()
        raise RuntimeError(f"igkg serve did not start: {log.read_text(errors='replace')}") from None
    return LiveServer(url, process, log)


def stop_server(server: LiveServer) -> str:
    """Stop the server; its standard error (the request log)."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    text = server.log.read_text(encoding="utf-8", errors="replace")
    server.log.unlink(missing_ok=True)
    return text


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    """``igkg serve`` over the bundled graph plus the XSS fixture, timeout 2 s."""
    server = start_server("--data", str(XSS_DATA), "--timeout", "2", "--max-body", "100000")
    try:
        yield server
    finally:
        stop_server(server)
