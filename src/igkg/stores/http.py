"""The HTTP underneath :mod:`igkg.stores.endpoint`: what may leave the process, and for how long.

* **A total deadline per request** (:class:`Deadline`): ``IGKG_ENDPOINT_TIMEOUT`` bounds the
  whole exchange (connect, send, the status line, every byte of the answer), not each read: a
  watchdog shuts the socket down when the time is up, so a server that sends one byte every two
  seconds cannot hold igkg longer than the timeout.
* **Redirects** stay on the origin the user named (scheme, host and port): a redirect elsewhere
  is refused unless ``IGKG_ENDPOINT_REDIRECTS=any``, and then it is followed *without* the
  credentials. A redirected request keeps its method and body (a POSTed query stays a POST; the
  standard library turns it into a GET without the query). At most five redirects.
* **URLs** with a space or a control character (CR, LF, tab …) are refused as bad input before
  anything is sent (:func:`check_url`).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import EndpointError, InputError

__all__ = ["EndpointSettings", "Deadline", "deadline", "origin", "check_url", "build_opener", "MAX_REDIRECTS"]

MAX_REDIRECTS = 5


def _number(environ: Mapping[str, str], name: str, default: float, *, whole: bool = False) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise InputError(f"{name} must be a {'whole ' if whole else ''}number, not {raw!r}") from None
    if value < 0 or (not whole and value == 0):
        raise InputError(f"{name} must be {'at least 0' if whole else 'more than 0'}, not {raw!r}")
    return value


@dataclass(frozen=True)
class EndpointSettings:
    """How to talk to an endpoint: credentials, timeout and retries."""

    timeout: float = 60.0
    retries: int = 3
    backoff: float = 0.5
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    auth: str = "basic"
    redirects: str = "same-origin"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> EndpointSettings:
        env = os.environ if environ is None else environ
        user = env.get("IGKG_ENDPOINT_USER") or None
        password = env.get("IGKG_ENDPOINT_PASSWORD") or None
        if (user is None) != (password is None):
            raise InputError("set both IGKG_ENDPOINT_USER and IGKG_ENDPOINT_PASSWORD, or neither")
        auth = (env.get("IGKG_ENDPOINT_AUTH") or "basic").strip().lower()
        if auth not in ("basic", "digest"):
            raise InputError(f"IGKG_ENDPOINT_AUTH must be basic or digest, not {auth!r}")
        redirects = (env.get("IGKG_ENDPOINT_REDIRECTS") or "same-origin").strip().lower()
        if redirects not in ("same-origin", "any"):
            raise InputError(f"IGKG_ENDPOINT_REDIRECTS must be same-origin or any, not {redirects!r}")
        return cls(
            timeout=_number(env, "IGKG_ENDPOINT_TIMEOUT", 60.0),
            retries=int(_number(env, "IGKG_ENDPOINT_RETRIES", 3, whole=True)),
            backoff=_number(env, "IGKG_ENDPOINT_BACKOFF", 0.5),
            user=user, password=password, token=env.get("IGKG_ENDPOINT_TOKEN") or None, auth=auth,
            redirects=redirects,
        )


def check_url(url: str, what: str = "endpoint URL") -> str:
    """``url`` without surrounding blanks; a space or control character inside is refused."""
    stripped = url.strip()
    for index, char in enumerate(stripped):
        if ord(char) < 0x21 or ord(char) == 0x7F:
            name = {"\r": "CR", "\n": "LF", "\t": "a tab", " ": "a space"}.get(char, f"U+{ord(char):04X}")
            raise InputError(f"the {what} {stripped!r} contains {name} at position {index + 1}: refused "
                             f"(a URL has no spaces or control characters; percent-encode them)")
    return stripped


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port (the default port filled in): what must match for credentials."""
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class Deadline:
    """A watchdog that shuts down every socket of one request when its time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.fired:
                self._shut(sock)
            self._sockets.append(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    watchdog = Deadline(seconds)
    watchdog.start()
    try:
        yield watchdog
    finally:
        watchdog.cancel()


def _watched(base: type[http.client.HTTPConnection], watchdog: Deadline) -> type[http.client.HTTPConnection]:
    class Watched(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            super().connect()
            watchdog.watch(self.sock)

    return Watched


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog: Deadline) -> None:
        super().__init__()
        self.watchdog = watchdog

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.watchdog), req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: Deadline) -> None:
        super().__init__()
        self.watchdog = watchdog

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPSConnection, self.watchdog), req,
                            context=getattr(self, "_context", None))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Same origin: followed with the same method, body and credentials. Elsewhere: refused, or
    (``allow_elsewhere``) followed without the credentials."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, named: str, label: str, allow_elsewhere: bool) -> None:
        super().__init__()
        self.named, self.label, self.allow_elsewhere = origin(named), label, allow_elsewhere

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        target = urllib.parse.urljoin(req.full_url, newurl)
        scheme = urllib.parse.urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise EndpointError(f"{self.label}: redirected ({code}) to {target}, which is not http(s): refused")
        same = origin(target) == self.named
        if not same and not self.allow_elsewhere:
            raise EndpointError(f"{self.label}: redirected ({code}) to another origin, {target}: refused "
                                f"(set IGKG_ENDPOINT_REDIRECTS=any to follow it, without credentials)")
        dropped = {"host", "content-length"} | (set() if same else {"authorization", "cookie", "proxy-authorization"})
        headers_out = {k: v for k, v in req.header_items() if k.lower() not in dropped}
        return urllib.request.Request(target, data=req.data, headers=headers_out, method=req.get_method(),
                                      origin_req_host=req.origin_req_host, unverifiable=True)


def build_opener(named: str, label: str, watchdog: Deadline, *, allow_elsewhere: bool = False,
                 extra: tuple[urllib.request.BaseHandler, ...] = ()) -> urllib.request.OpenerDirector:
    """An opener whose connections obey ``watchdog`` and whose redirects obey the rules above."""
    return urllib.request.build_opener(_HttpHandler(watchdog), _HttpsHandler(watchdog),
                                       _Redirects(named, label, allow_elsewhere), *extra)
