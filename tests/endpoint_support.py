"""Helpers for the store and endpoint tests: a real Oxigraph server process on a free loopback
port (the ``oxigraph`` PyPI package, a test extra), a small real HTTP server that misbehaves on
purpose, and a way to compare query results across the three places a graph can live."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import igkg
from igkg.results import GraphResult, ResultTable
from paths import ROOT

BENCHMARKS = ROOT / "benchmarks"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed next to this Python (pip install oxigraph), or skip."""
    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server is absent: pip install -e '.[test]' installs it (PyPI oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_responds(url: str, process: subprocess.Popen[bytes] | None = None, timeout: float = 15) -> None:
    """Poll ``url`` until it answers (any HTTP status), like datasette's test fixture."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"the server exited with {process.returncode}: {err}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class OxigraphServer:
    """``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1 and a free port."""

    def __init__(self, location: Path, *, read_only: bool = False) -> None:
        self.location = location
        self.port = free_port()
        command = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
                   "--location", str(location), "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.base = f"http://127.0.0.1:{self.port}"
        try:
            wait_until_responds(f"{self.base}/query?query=ASK%7B%7D", self.process)
        except RuntimeError:
            self.stop()
            raise

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def count(self, graph: str | None = None) -> int:
        """Triples in the default graph (or a named graph), asked over HTTP without igkg."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        query = urllib.parse.quote(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        request = urllib.request.Request(f"{self.query_url}?query={query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(json.load(response)["results"]["bindings"][0]["n"]["value"])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.process.stderr:
            self.process.stderr.close()


_VIRTUOSO_INI = """[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CaseMode           = 2
DirsAllowed        = .
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {db}
ServerThreads      = 10
Charset            = UTF-8
[SPARQL]
ResultSetMaxRows       = 100000
MaxQueryExecutionTime  = 60
"""


def virtuoso_binary() -> str:
    """Debian's ``virtuoso-t`` (scripts/install-system-deps.sh installs it), or skip."""
    found = shutil.which("virtuoso-t")
    if not found:
        pytest.skip("virtuoso-t is absent: run scripts/install-system-deps.sh "
                    "(apt-get install virtuoso-opensource)")
    return found


class VirtuosoServer:
    """A private Virtuoso instance: its own database folder and ini, loopback ports only.
    A new database has the account dba/dba; SPARQL Update needs it (``/sparql-auth``, digest)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.http_port, sql_port = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(_VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=self.http_port))
        self.log = folder / "console.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen([virtuoso_binary(), "+configfile", str(ini), "+foreground"],
                                            cwd=folder, stdout=log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.http_port}"
        try:
            wait_until_responds(f"{self.base}/sparql?query=ASK%7B%7D", self.process, timeout=90)
        except RuntimeError as error:
            self.stop()
            raise RuntimeError(f"{error}\n{self.log.read_text(errors='replace')[-2000:]}") from None

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def gsp_url(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def update_url(self) -> str:
        return f"{self.base}/sparql-auth"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@pytest.fixture(name="endpoint_env")
def endpoint_env_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy for loopback, short back-off, no credentials from the caller's environment."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("IGKG_ENDPOINT_BACKOFF", "0.01")
    for name in ("IGKG_ENDPOINT_USER", "IGKG_ENDPOINT_PASSWORD", "IGKG_ENDPOINT_TOKEN",
                 "IGKG_ENDPOINT_AUTH", "IGKG_ENDPOINT_TIMEOUT", "IGKG_ENDPOINT_RETRIES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(name="oxigraph_server")
def oxigraph_server_fixture(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty, writable Oxigraph server."""
    server = OxigraphServer(tmp_path / "oxigraph")
    yield server
    server.stop()


# -- a real HTTP server that misbehaves on purpose ---------------------------------------------
RESULTS_JSON = json.dumps({
    "head": {"vars": ["n"]},
    "results": {"bindings": [{"n": {"type": "literal", "value": "42",
                                    "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]},
}).encode()
HTML_500 = b"<!DOCTYPE html><html><head><title>500</title></head><body><h1>Internal Server Error</h1>" \
           b"<p>java.lang.NullPointerException\n at org.example.Servlet</p></body></html>"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FaultServer:
    """``behaviour(handler) -> None`` answers each request; every request is recorded."""

    behaviour: Callable[[BaseHTTPRequestHandler], None]
    requests: list[Recorded] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                owner.requests.append(Recorded(self.command, self.path, dict(self.headers.items()), body))
                owner.behaviour(self)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def answer(handler: BaseHTTPRequestHandler, status: int, body: bytes, media_type: str,
           headers: dict[str, str] | None = None, length: int | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", media_type)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


#: The ``fault_server`` fixture: call it with a request handler to start a server.
FaultServerFactory = Callable[[Callable[[BaseHTTPRequestHandler], None]], FaultServer]


@pytest.fixture(name="fault_server")
def fault_server_fixture() -> Iterator[FaultServerFactory]:
    servers: list[FaultServer] = []

    def start(behaviour: Callable[[BaseHTTPRequestHandler], None]) -> FaultServer:
        server = FaultServer(behaviour)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# -- comparing results across places --------------------------------------------------------------
def _plain(term: object) -> str:
    return "_:b" if isinstance(term, ox.BlankNode) else str(term)


_GROUP_CONCAT = re.compile(r'GROUP_CONCAT\s*\(.*?separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.I | re.S)


def outcome(kg: igkg.KnowledgeGraph, name: str) -> tuple[Any, ...]:
    """A named query's answer with its example parameters, comparable across stores: variables
    and rows (blank-node labels blanked), triples, or the error it gives. SPARQL leaves the order
    of GROUP_CONCAT's parts to the engine (it follows the storage order), so they are sorted."""
    query = kg.named_query(name)
    try:
        result = kg.run(query, {p.name: p.example for p in query.parameters})
    except igkg.IgkgError as error:
        return ("error", type(error).__name__, str(error))
    if isinstance(result, ResultTable):
        concatenated = {var: sep for sep, var in _GROUP_CONCAT.findall(query.text)}

        def cell(variable: str, term: object) -> str:
            if variable in concatenated and isinstance(term, ox.Literal):
                return "|".join(sorted(term.value.split(concatenated[variable])))
            return _plain(term)

        rows = sorted(tuple(cell(v, t) for v, t in zip(result.variables, row, strict=True)) for row in result.rows)
        return ("rows", tuple(result.variables), rows)
    if isinstance(result, GraphResult):
        return ("triples", sorted(" ".join(_plain(x) for x in (t.subject, t.predicate, t.object))
                                  for t in result.triples))
    return ("boolean", result)


def run_igkg(*args: str | os.PathLike[str], interruptible: bool = False,
             **popen: Any) -> subprocess.Popen[bytes]:
    """``python -m igkg ARGS`` as a separate process (for signals); Ctrl-C restored to its default."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    preexec = (lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if interruptible else None
    return subprocess.Popen([sys.executable, "-m", "igkg", *map(str, args)], env=env,
                            preexec_fn=preexec, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def corpus_module() -> Any:
    """``benchmarks/corpus.py`` (the synthetic corpus generator), imported by path."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import corpus

    return corpus
