"""The graph behind a remote SPARQL 1.1 endpoint, queried through SPARQLWrapper.

``--endpoint URL`` takes the URL a server documents for SPARQL *queries*: Oxigraph
``http://HOST:PORT/query``, Fuseki ``…/DATASET/query`` (or ``/sparql``), Virtuoso ``…/sparql``,
GraphDB ``…/repositories/ID``, QLever its root URL. ``?default-graph-uri=IRI`` in the URL
queries a named graph as the default graph (SPARQL 1.1 Protocol).

The same named queries run there with the same results as locally: parameters are bound with
a ``VALUES`` block of escaped terms (:mod:`igkg.binding`), answers are asked for explicitly as
SPARQL JSON (SELECT, ASK) or N-Triples / Turtle (CONSTRUCT, DESCRIBE), and parsed by Oxigraph
into the terms a local store gives (Virtuoso's old ``"typed-literal"`` JSON is read too).

Settings come from the environment (never from the URL, and never printed):

=========================  ===================================================================
IGKG_ENDPOINT_USER         user name for HTTP authentication (with IGKG_ENDPOINT_PASSWORD)
IGKG_ENDPOINT_PASSWORD     its password
IGKG_ENDPOINT_AUTH         ``basic`` (default) or ``digest`` (Virtuoso's ``/sparql-auth``)
IGKG_ENDPOINT_TOKEN        a bearer token (``Authorization: Bearer …``) instead of a password
IGKG_ENDPOINT_TIMEOUT      seconds one request may take in all, connecting, sending and reading
                           the whole answer (default 60)
IGKG_ENDPOINT_REDIRECTS    ``same-origin`` (default): follow redirects on the URL's origin only;
                           ``any``: also elsewhere, without credentials
IGKG_ENDPOINT_RETRIES      retries after a connection error or HTTP 5xx (default 3), waiting
                           IGKG_ENDPOINT_BACKOFF seconds (default 0.5), then twice as long …
=========================  ===================================================================

Every failure is an :class:`~igkg.errors.EndpointError` (exit code 3) whose one-line message
names the endpoint. HTTP 4xx answers are not retried, and neither is a request that may have
reached the server unless it is idempotent (a push that adds is sent once: a broken connection
after the upload is reported, never answered by sending the data again). The HTTP rules
(total deadline, redirects, URL checks) are in :mod:`.http`; queries are checked by
:func:`~igkg.stores.policy.check_query` first (``SERVICE`` is refused here too).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, BinaryIO, TypeVar

import pyoxigraph as ox
from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper

from .._version import __version__
from ..errors import EndpointError, EndpointTimeout, InputError
from ..formats.registry import RDF_SYNTAXES
from ..limits import QueryPolicy
from ..results import GraphResult, QueryResult, ResultTable, Term
from .binding import inject_values
from .http import Deadline, EndpointSettings, build_opener, check_url, deadline
from .policy import check_query

__all__ = ["USER_AGENT", "EndpointSettings", "Endpoint", "SparqlEndpointStore", "query_form"]

USER_AGENT = f"igkg/{__version__}"
T = TypeVar("T")

_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {s.media_type: s.oxigraph for s in RDF_SYNTAXES if s.name != "jsonld"}
_GRAPH_FORMATS["text/plain"] = ox.RdfFormat.N_TRIPLES  # Virtuoso's N-Triples
_WRITE_SEGMENTS = {"update", "store", "statements", "data", "sparql-graph-crud", "sparql-graph-crud-auth"}
_FORM = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I
)


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE (SELECT when it cannot be told: the server will say)."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = _FORM.match(body)
    return match.group(1).upper() if match else "SELECT"


@dataclass
class HttpAnswer:
    status: int
    media_type: str  # lower case, without parameters
    body: bytes


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper that opens requests with igkg's opener (authentication) and leaves HTTP
    errors as urllib raises them, with status, headers and body, instead of exceptions without
    the body's media type: igkg retries 5xx answers and reports every failure in one line."""

    def __init__(self, url: str, opener: urllib.request.OpenerDirector) -> None:
        super().__init__(url, agent=USER_AGENT)
        self.opener = opener

    def _query(self) -> tuple[Any, str]:
        return self.opener.open(self._createRequest(), timeout=self.timeout), self.returnFormat


def _first_line(text: str, limit: int = 200) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = "".join(ch if ch.isprintable() else " " for ch in line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _media_type(headers: Any) -> str:
    value = headers.get("Content-Type", "") if headers is not None else ""
    return str(value).split(";", 1)[0].strip().lower()


class _Rewinding:
    """A file sent as a request body from its start each time it is sent (a retry, or the second
    request of digest authentication re-sends the same body)."""

    def __init__(self, file: BinaryIO, chunk: int = 1 << 20) -> None:
        self.file, self.chunk = file, chunk

    def __iter__(self) -> Iterator[bytes]:
        self.file.seek(0)
        while block := self.file.read(self.chunk):
            yield block


class Endpoint:
    """One HTTP(S) endpoint: its URL, credentials, timeout and retries."""

    def __init__(self, url: str, settings: EndpointSettings | None = None) -> None:
        url = check_url(url)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")
        if parts.username or parts.password:
            raise InputError(
                "put endpoint credentials in IGKG_ENDPOINT_USER and IGKG_ENDPOINT_PASSWORD "
                "(or IGKG_ENDPOINT_TOKEN), not in the URL"
            )
        self.settings = settings or EndpointSettings.from_environment()
        self.url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))
        self.parameters = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        self.label = f"endpoint {self.url}"

    # -- authentication -------------------------------------------------------------------
    def _authorization(self) -> str | None:
        s = self.settings
        if s.token:
            return f"Bearer {s.token}"
        if s.user and s.password and s.auth == "basic":
            return "Basic " + base64.b64encode(f"{s.user}:{s.password}".encode()).decode("ascii")
        return None

    def _opener(self, watchdog: Deadline) -> urllib.request.OpenerDirector:
        s = self.settings
        extra: tuple[urllib.request.BaseHandler, ...] = ()
        if s.user and s.password and s.auth == "digest" and not s.token:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, s.user, s.password)  # only under this URL
            extra = (urllib.request.HTTPDigestAuthHandler(passwords),)
        return build_opener(self.url, self.label, watchdog, allow_elsewhere=s.redirects == "any", extra=extra)

    # -- requests ---------------------------------------------------------------------------
    def _sparql(self, watchdog: Deadline, text: str, *, form: str, accept: str) -> HttpAnswer:
        wrapper = _Wrapper(self.url, self._opener(watchdog))
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)
        # Set directly: SPARQLWrapper guesses the form from keywords and takes a query whose
        # comment says "addressed" for an ADD update.
        wrapper.queryString = text
        wrapper.queryType = form
        wrapper.timeout = self.settings.timeout  # type: ignore[assignment]  # a float works
        for name, value in self.parameters:
            if name == "default-graph-uri" and form != "INSERT":
                wrapper.addDefaultGraph(value)
            elif name == "named-graph-uri" and form != "INSERT":
                wrapper.addNamedGraph(value)
            elif name not in ("default-graph-uri", "named-graph-uri"):
                wrapper.addParameter(name, value)
        authorization = self._authorization()
        if authorization:
            wrapper.addCustomHttpHeader("Authorization", authorization)
        wrapper.addCustomHttpHeader("Accept", accept)
        response = wrapper.query().response
        with response:
            return HttpAnswer(response.status, _media_type(response.headers), response.read())

    def request(self, method: str, url: str, body: bytes | BinaryIO | Iterable[bytes], media_type: str, *,
                idempotent: bool) -> HttpAnswer:
        """A plain HTTP request (Graph Store Protocol), with the same headers and retries.
        ``body`` is bytes, a seekable binary file (streamed from its start at each attempt, with
        its length), or an iterable of blocks that starts again at each attempt (sent chunked,
        without a length: :class:`igkg.stores.staging.Spool`)."""
        headers = {"User-Agent": USER_AGENT, "Content-Type": media_type, "Accept": "*/*"}
        authorization = self._authorization()
        if authorization:
            headers["Authorization"] = authorization
        data: bytes | Iterable[bytes] = body
        if not isinstance(body, bytes) and hasattr(body, "seek"):
            headers["Content-Length"] = str(body.seek(0, io.SEEK_END))
            data = _Rewinding(body)  # type: ignore[arg-type]

        url = check_url(url)

        def send(watchdog: Deadline) -> HttpAnswer:
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            with self._opener(watchdog).open(request, timeout=self.settings.timeout) as response:
                return HttpAnswer(response.status, _media_type(response.headers), response.read())

        return self._with_retries(send, writing=True, idempotent=idempotent)

    def query(self, text: str, *, form: str, accept: str) -> HttpAnswer:
        return self._with_retries(lambda watchdog: self._sparql(watchdog, text, form=form, accept=accept),
                                  writing=False, idempotent=True)

    def update(self, text: str, *, idempotent: bool) -> HttpAnswer:
        """Send one SPARQL Update request (one transaction on servers that have them)."""
        return self._with_retries(lambda watchdog: self._sparql(watchdog, text, form="INSERT", accept="*/*"),
                                  writing=True, idempotent=idempotent)

    # -- failures ---------------------------------------------------------------------------
    def _timed_out(self) -> EndpointError:
        return EndpointTimeout(f"{self.label}: no complete answer within {self.settings.timeout:g} s "
                             f"(IGKG_ENDPOINT_TIMEOUT, the time for the whole request)")

    def _attempt(self, send: Callable[[Deadline], T]) -> T:
        """One request within the total deadline (the watchdog shuts its socket at the end)."""
        with deadline(self.settings.timeout) as watchdog:
            try:
                answer = send(watchdog)
            except (OSError, http.client.HTTPException):
                if watchdog.fired:
                    raise self._timed_out() from None
                raise
        if watchdog.fired:  # the answer may have been cut short by the watchdog
            raise self._timed_out()
        return answer

    def _with_retries(self, send: Callable[[Deadline], T], *, writing: bool, idempotent: bool) -> T:
        attempts = self.settings.retries + 1
        delay = self.settings.backoff
        for attempt in range(1, attempts + 1):
            retry = attempt < attempts
            after = f" (after {attempt} attempts)" if attempt > 1 else ""
            try:
                return self._attempt(send)
            except urllib.error.HTTPError as error:
                body = b""
                with contextlib.suppress(OSError, http.client.HTTPException):
                    body = error.read()
                if error.code >= 500 and retry and idempotent:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise self._http_error(error.code, str(error.reason), _media_type(error.headers), body,
                                       writing=writing, after=after) from None
            except urllib.error.URLError as error:
                unreached = isinstance(error.reason, ConnectionRefusedError | socket.gaierror | TimeoutError)
                if retry and (idempotent or unreached):
                    time.sleep(delay)
                    delay *= 2
                    continue
                what = "cannot connect" if unreached else "the connection broke"
                raise EndpointError(f"{self.label}: {what} ({self._reason(error.reason)}){after}") from None
            except TimeoutError:
                raise self._timed_out() from None
            except (http.client.HTTPException, ConnectionError) as error:
                if retry and idempotent and not isinstance(error, http.client.IncompleteRead):
                    time.sleep(delay)
                    delay *= 2
                    continue
                what = "the answer was cut off" if isinstance(error, http.client.IncompleteRead) else (
                    f"the connection broke ({type(error).__name__})")
                raise EndpointError(f"{self.label}: {what}{after}") from None
            except OSError as error:
                raise EndpointError(f"{self.label}: {self._reason(error)}{after}") from None
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _reason(reason: object) -> str:
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused: is the server running?"
        if isinstance(reason, TimeoutError):
            return "timed out"
        if isinstance(reason, OSError):
            return _first_line(reason.strerror or str(reason)) or type(reason).__name__
        return _first_line(str(reason)) or "unknown error"

    def _http_error(self, status: int, reason: str, media_type: str, body: bytes, *, writing: bool,
                    after: str) -> EndpointError:
        message = f"{self.label}: HTTP {status} {reason}".rstrip()
        if media_type == "text/plain" or (media_type == "" and body and not body.lstrip().startswith(b"<")):
            detail = _first_line(body.decode("utf-8", "replace"))
            if detail:
                message += f": {detail}"
        if status == 401:
            s = self.settings
            message += (": the credentials were refused" if (s.user or s.token) else
                        ": set IGKG_ENDPOINT_USER and IGKG_ENDPOINT_PASSWORD, or IGKG_ENDPOINT_TOKEN")
        elif status in (403, 405) and writing:
            message += ": the server refuses writes here (a read-only server, or the query URL?)"
        elif 400 <= status < 500 and not writing and self.url.rstrip("/").rsplit("/", 1)[-1] in _WRITE_SEGMENTS:
            message += " (--endpoint takes the server's query URL, e.g. Oxigraph's …/query)"
        return EndpointError(message + after)

    # -- answers ----------------------------------------------------------------------------
    def results(self, answer: HttpAnswer) -> ResultTable | bool:
        """SELECT or ASK results from a SPARQL JSON, XML or TSV answer."""
        fmt = _RESULT_FORMATS.get(answer.media_type)
        if fmt is None:
            raise EndpointError(f"{self.label}: answered {answer.media_type or 'without a media type'} "
                                f"instead of SPARQL results")
        body = answer.body
        if fmt == ox.QueryResultsFormat.JSON and b'"typed-literal"' in body:
            body = _standard_json(body, self.label)
        try:
            parsed = ox.parse_query_results(body, fmt)
            if isinstance(parsed, ox.QueryBoolean):
                return bool(parsed)
            return ResultTable.from_solutions(parsed)
        except (SyntaxError, ValueError, UnicodeDecodeError) as error:
            reason = _first_line(str(getattr(error, "msg", None) or error), 120)
            raise EndpointError(f"{self.label}: the answer is not valid SPARQL results, "
                                f"perhaps cut off ({reason})") from None

    def triples(self, answer: HttpAnswer) -> list[ox.Triple]:
        """CONSTRUCT or DESCRIBE results from an RDF answer."""
        fmt = _GRAPH_FORMATS.get(answer.media_type)
        if fmt is None:
            raise EndpointError(f"{self.label}: answered {answer.media_type or 'without a media type'} "
                                f"instead of RDF")
        try:
            return [ox.Triple(q.subject, q.predicate, q.object) if isinstance(q, ox.Quad) else q
                    for q in ox.parse(input=answer.body, format=fmt)]
        except (SyntaxError, ValueError, UnicodeDecodeError) as error:
            reason = _first_line(str(getattr(error, "msg", None) or error), 120)
            raise EndpointError(f"{self.label}: the answer is not valid RDF, perhaps cut off ({reason})") from None


def _standard_json(body: bytes, label: str) -> bytes:
    """Virtuoso's JSON results with ``"type": "typed-literal"`` rewritten to ``"literal"``."""
    try:
        document = json.loads(body)
        for binding in document.get("results", {}).get("bindings", []):
            for term in binding.values():
                if term.get("type") == "typed-literal":
                    term["type"] = "literal"
    except (ValueError, AttributeError) as error:
        raise EndpointError(f"{label}: the answer is not valid SPARQL JSON, perhaps cut off "
                            f"({_first_line(str(error), 120)})") from None
    return json.dumps(document).encode("utf-8")


_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class SparqlEndpointStore:
    """A :class:`~igkg.stores.base.GraphStore` over a remote SPARQL endpoint (its default graph)."""

    def __init__(self, url: str, settings: EndpointSettings | None = None, *,
                 policy: QueryPolicy | None = None) -> None:
        self.policy = policy or QueryPolicy.from_environment()
        settings = settings or EndpointSettings.from_environment()
        if self.policy.timeout is not None:  # --timeout bounds a remote query as well
            settings = replace(settings, timeout=min(settings.timeout, self.policy.timeout))
        self.endpoint = Endpoint(url, settings)
        self.location = self.endpoint.label

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        text = inject_values(sparql, bindings) if bindings else sparql  # type: ignore[arg-type]
        check_query(text, self.policy)  # FROM is the server's to honour; SERVICE is refused here too
        form = query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return GraphResult(self.endpoint.triples(self.endpoint.query(text, form=form, accept=_GRAPH_ACCEPT)))
        return self.endpoint.results(self.endpoint.query(text, form=form, accept=_RESULTS_ACCEPT))

    def count(self, sparql: str = _COUNT) -> int:
        result = self.query(sparql)
        if not isinstance(result, ResultTable) or len(result) != 1:
            raise EndpointError(f"{self.location}: a COUNT query gave no single number")
        value = next(iter(result))["n"]
        if not isinstance(value, int):
            raise EndpointError(f"{self.location}: a COUNT query gave {value!r}, not a number")
        return value

    def quads(self) -> Iterator[ox.Quad]:
        result = self.query(_ALL)
        assert isinstance(result, GraphResult)
        return (ox.Quad(t.subject, t.predicate, t.object) for t in result.triples)

    def __len__(self) -> int:
        return self.count()
