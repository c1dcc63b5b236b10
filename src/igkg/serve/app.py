"""The server's ASGI application (Starlette): routes, limits, headers and the request log.

====================================  ===========================================================
``/``                                 the workbench: query editor, named queries, results, graph
``/sparql``                           SPARQL 1.1 Protocol (GET, POST form, POST sparql-query);
                                      without a query, the service description
``/queries/``                         the named queries (HTML; JSON with ``Accept`` or ``.json``)
``/queries/<name>[.<fmt>]``           one named query: a page with its form and results, or the
                                      results in ``json``, ``xml``, ``csv``, ``tsv`` (``ttl`` …
                                      for CONSTRUCT), also by content negotiation
``/resource?iri=…``                   a resource page; Turtle / JSON-LD by content negotiation
``/ontology``                         the ontology: a page for browsers, Turtle / JSON-LD / RDF/XML
                                      / N-Triples by content negotiation or ``?format=``
``/api/table``, ``/api/graph``        JSON for the workbench: a labelled table, a graph to draw
``/static/…``                         the page assets, served by igkg itself
====================================  ===========================================================
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import IgkgError, ParameterError, QueryError, QuerySyntaxError
from ..stores.oxigraph import OxigraphStore
from . import routes
from .engine import Limits, QueryTimeout
from .protocol import ProtocolError

__all__ = ["Settings", "create_app"]

log = logging.getLogger("igkg.serve")


@dataclass(frozen=True)
class Settings:
    """How the server runs: query limits and the largest request body it reads."""

    limits: Limits = Limits()
    max_body: int = 1_000_000


class _BodyLimit:
    """413 for a request body over ``limit`` bytes (by Content-Length, or while it streams)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_big = PlainTextResponse(f"the request body is over the limit of {self.limit} bytes\n", status_code=413)
        if length is not None and length.isdigit() and int(length) > self.limit:
            await too_big(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooBig()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooBig:
            await too_big(scope, receive, send)


class _TooBig(Exception):
    pass


class _RequestLog:
    """One line per request: client, method, path and query (clipped), status, size, time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, size = [0], [0]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "http.response.body":
                size[0] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope["query_string"] else "")
            if len(target) > 160:
                target = target[:159] + "…"
            client = scope.get("client") or ("-", 0)
            log.info('%s "%s %s" %d %dB %.1fms', client[0], scope["method"], target, status[0], size[0],
                     1000 * (time.perf_counter() - started))


#: Pages: scripts and styles only from this server, no inline script, no frames, no plugins.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class _Headers:
    """Security headers on every answer: a strict CSP, no sniffing, no referrer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


def _error(status: int, message: str, request: Request, **extra: Any) -> Response:
    if "application/json" in request.headers.get("accept", "") or request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status, **extra}, status_code=status)
    return PlainTextResponse(message + "\n", status_code=status)


def _handlers() -> dict[Any, Callable[[Request, Exception], Awaitable[Response]]]:
    async def protocol(request: Request, error: Exception) -> Response:
        assert isinstance(error, ProtocolError)
        return _error(error.status, str(error), request)

    async def syntax(request: Request, error: Exception) -> Response:
        assert isinstance(error, QuerySyntaxError)
        return _error(400, str(error), request, line=error.line, column=error.column, reason=error.reason)

    async def timeout(request: Request, error: Exception) -> Response:
        return _error(503, str(error), request)

    async def igkg_error(request: Request, error: Exception) -> Response:
        status = 400 if isinstance(error, QueryError | ParameterError) else 500
        if status == 500:
            log.error("igkg error: %s", error)
        return _error(status, str(error), request)

    return {ProtocolError: protocol, QuerySyntaxError: syntax, QueryTimeout: timeout, IgkgError: igkg_error}


def create_app(store: OxigraphStore, settings: Settings = Settings()) -> Starlette:
    """The application over a store (held by the caller; the server only reads it)."""
    app = Starlette(
        routes=[Route(path, endpoint, methods=methods) for path, endpoint, methods in routes.ROUTES],
        middleware=[
            Middleware(_RequestLog),
            Middleware(_Headers),
            Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "Accept"], max_age=600),
            Middleware(_BodyLimit, limit=settings.max_body),
        ],
        exception_handlers=_handlers(),
    )
    app.state.store = store
    app.state.settings = settings
    app.state.resolved = {}  # named-query parameters, resolved (see routes._bindings)
    app.state.void = {}  # the dataset description, per address the server is reached at (service.py)
    return app
