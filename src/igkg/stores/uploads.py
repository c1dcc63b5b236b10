"""Several upload streams side by side (``igkg push --strategy move|versioned`` to Oxigraph's
Graph Store with ``no_transaction``): :class:`ParallelSpools`.

The server's bulk loader takes about one core per request and loads a request once it has all
of it, so the part's N-Triples are cut into requests of about :data:`REQUEST_BYTES` between lines
(:class:`_Requests`), and ``streams`` uploads send them side by side into one staging graph, each
taking the next whole request as it is ready. Lines that hold ``_:`` go to one request of their
own, sent last: the server names each request's blank nodes afresh, so a blank node must arrive
in one request. An in-memory store is written by one thread with Oxigraph's own writer; a store
on disk by ``streams`` threads, one ``CONSTRUCT`` per (graph, predicate) unit each (decoding a disk
store's strings is the cost: this spreads it over the cores). The one-stream path is
:class:`~igkg.stores.streams.Spool`.
"""

from __future__ import annotations

import queue
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from typing import BinaryIO, cast

import pyoxigraph as ox

from .base import GraphStore
from .oxigraph import OxigraphStore
from .streams import BLOCK, Body, GraphPart, Unit, units, write_part

__all__ = ["ParallelSpools", "REQUEST_BYTES", "run_side_by_side"]

_UNIT_IN_MEMORY = 16 << 20  # a unit's N-Triples up to this size stay in memory before they are routed
#: about this many bytes of N-Triples (some 100k triples) to a request: the server loads a request
#: once it has all of it, so smaller requests let it load while the next ones are written
REQUEST_BYTES = 16 << 20


class _Requests:
    """A binary sink that cuts N-Triples into upload requests of about ``limit`` bytes, cut
    between lines, each put on ``ready`` once whole. Lines that contain ``_:`` (a blank node, or
    those two characters in a literal or an IRI: the test is conservative) go to one request of
    their own, put last: the server names a request's blank nodes afresh, so a blank node must
    arrive in one request, under one name."""

    def __init__(self, new_body: Callable[[], Body], ready: queue.SimpleQueue[Body | None], limit: int) -> None:
        self.new_body, self.ready, self.limit = new_body, ready, limit
        self.lines = 0
        self.blank_lines = 0
        self.requests = 0
        self._current: Body | None = None
        self._blank: Body | None = None
        self._pending = b""  # the start of a line whose end has not come yet

    def write(self, block: bytes) -> int:
        data = self._pending + block if self._pending else bytes(block)
        cut = data.rfind(b"\n") + 1
        self._pending = data[cut:]
        if cut:
            self._route(data[:cut] if cut < len(data) else data)
        return len(block)

    def flush(self) -> None:
        """Nothing to do: requests are written when whole (:meth:`close`)."""

    def _route(self, lines: bytes) -> None:
        self.lines += lines.count(b"\n")
        if b"_:" not in lines:
            self._add(lines)
            return
        plain: list[bytes] = []
        blank: list[bytes] = []
        for line in lines.splitlines(keepends=True):
            (blank if b"_:" in line else plain).append(line)
        if blank:
            if self._blank is None:
                self._blank = self.new_body()
            text = b"".join(blank)
            self._blank.file.write(text)
            self._blank.bytes += len(text)
            self.blank_lines += len(blank)
        if plain:
            self._add(b"".join(plain))

    def _add(self, lines: bytes) -> None:
        """Append whole lines to the current request; one that reaches the limit is sent (the
        server loads it while the next one is written), cut after the last line that fits."""
        while lines:
            if self._current is None:
                self._current = self.new_body()
            room = self.limit - self._current.bytes
            cut = len(lines) if len(lines) < room else lines.rfind(b"\n", 0, room) + 1
            if not cut:  # not even the first line fits: it begins the next request (or is one)
                if self._current.bytes:
                    self._send(self._current)
                    self._current = None
                    continue
                cut = lines.find(b"\n") + 1 or len(lines)
            self._current.file.write(lines[:cut] if cut < len(lines) else lines)
            self._current.bytes += cut
            lines = lines[cut:]
            if self._current.bytes >= self.limit or lines:
                self._send(self._current)
                self._current = None

    def _send(self, body: Body) -> None:
        body.file.flush()
        body.finish()
        self.requests += 1
        self.ready.put(body)

    def close(self) -> None:
        """Send what is left (a last line without its line end too)."""
        if self._pending:
            self._route(self._pending + b"\n")
            self._pending = b""
        for body in (self._current, self._blank):
            if body is not None:
                self._send(body)
        self._current = self._blank = None


class ParallelSpools:
    """The part's N-Triples cut into requests of about ``request_bytes`` that ``streams``
    uploads send side by side (each takes the next whole request from :attr:`ready` until it
    gets None), all into one staging graph.

    The server loads a request once it has all of it, so requests of some 100k triples let it
    load while the next are written. An in-memory store (or any other) is written by one thread
    with Oxigraph's own writer, graph by graph (1M triples in about a second); a store on disk by
    ``streams`` threads, one ``CONSTRUCT`` per (graph, predicate) unit each (decoding a disk
    store's strings is the cost: this spreads it over the cores and skips the predicate and
    graph names)."""

    def __init__(self, store: GraphStore, part: GraphPart, streams: int, folder: str | None = None,
                 request_bytes: int | None = None) -> None:
        self.seconds = 0.0
        self.streams = streams
        self.ready: queue.SimpleQueue[Body | None] = queue.SimpleQueue()
        self._store, self._part, self._folder = store, part, folder
        self._files: list[BinaryIO] = []
        self._lock = threading.Lock()  # the work list, the files and the requests
        self._requests = _Requests(self._new_body, self.ready, max(1, request_bytes or REQUEST_BYTES))
        self._cancelled = False
        self._failure: BaseException | None = None  # a writer's own failure (not a cancellation)
        self._started = time.perf_counter()
        by_units = isinstance(store, OxigraphStore) and store.path is not None
        self._work = list(units(store, part)) if by_units and isinstance(store, OxigraphStore) else []
        writers = streams if by_units else 1
        self._running = writers
        self._threads = [threading.Thread(target=self._by_units if by_units else self._whole,
                                          name=f"igkg-push-writer-{i}", daemon=True) for i in range(writers)]
        for thread in self._threads:
            thread.start()

    @property
    def lines(self) -> int:
        return self._requests.lines

    @property
    def requests(self) -> int:
        return self._requests.requests

    @property
    def blank_lines(self) -> int:
        return self._requests.blank_lines

    def cancel(self) -> None:
        """Stop writing (an upload failed)."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def _new_body(self) -> Body:
        file = cast(BinaryIO, tempfile.TemporaryFile(prefix="igkg-push-", dir=self._folder))  # noqa: SIM115
        self._files.append(file)  # closed by close()
        return Body(file)

    def _next(self) -> Unit | None:
        with self._lock:
            return self._work.pop(0) if self._work and not self._cancelled else None

    def _whole(self) -> None:
        self._run(lambda: write_part(self._store, self._part, cast(BinaryIO, _Locked(self))))

    def _by_units(self) -> None:
        def write() -> None:
            store = cast(OxigraphStore, self._store)
            while (unit := self._next()) is not None:
                with tempfile.SpooledTemporaryFile(_UNIT_IN_MEMORY, prefix="igkg-unit-") as buffer:
                    cast(ox.QueryTriples, store.oxigraph.query(unit.construct())).serialize(
                        cast(BinaryIO, buffer), format=ox.RdfFormat.N_TRIPLES)
                    buffer.seek(0)
                    with self._lock:
                        while (block := buffer.read(BLOCK)) and not self._cancelled:
                            self._requests.write(block)
        self._run(write)

    def _run(self, write: Callable[[], object]) -> None:
        failed = False
        try:
            write()
        except BaseException as failure:  # the push fails with it (see error), unless cancelled
            failed = True
            with self._lock:
                if not self._cancelled:
                    self._failure = self._failure or failure
            self._cancelled = True
        finally:
            with self._lock:
                self._running -= 1
                last = self._running == 0
                if last and not failed and not self._cancelled:
                    self._requests.close()
            if last or failed:
                for _ in range(self.streams):
                    self.ready.put(None)
            if last:
                self.seconds = time.perf_counter() - self._started

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()

    @property
    def error(self) -> BaseException | None:
        """What a writer failed with (None: every triple was written, or writing was cancelled
        because an upload failed)."""
        return self._failure

    def close(self) -> None:
        self.cancel()
        self.wait()
        for file in self._files:
            file.close()

    def __enter__(self) -> ParallelSpools:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Locked:
    """The requests of a :class:`ParallelSpools` as a sink for one writer, stopping it (with an
    error) once the push is cancelled."""

    def __init__(self, spools: ParallelSpools) -> None:
        self.spools = spools

    def write(self, block: bytes) -> int:
        if self.spools.cancelled:
            raise OSError("cancelled: an upload of this push failed")
        return self.spools._requests.write(block)

    def flush(self) -> None:
        pass


def run_side_by_side(tasks: Sequence[Callable[[], object]]) -> list[BaseException | None]:
    """Run each task in a thread of its own; what each raised (None: it returned)."""
    errors: list[BaseException | None] = [None] * len(tasks)

    def run(index: int) -> None:
        try:
            tasks[index]()
        except BaseException as error:  # reported to the caller
            errors[index] = error

    threads = [threading.Thread(target=run, args=(i,), name=f"igkg-push-upload-{i}", daemon=True)
               for i in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
