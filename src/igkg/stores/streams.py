"""The local triples of a push written as N-Triples while they are uploaded (``igkg push
--strategy move|versioned``), in one stream or in several that the server loads side by side.

One stream (:class:`Spool`): a thread writes the part's triples into a temporary file with
Oxigraph's own writer, graph by graph, while the upload reads the file; the server parses the
first triples while the last are still being written.

Several streams (:class:`ParallelSpools`, Oxigraph's Graph Store with ``no_transaction``): the
server's bulk loader takes about one core per request, so two requests into the same staging
graph load in about half the time. The part is cut into *units*, one per (graph, predicate)
(from one ``GROUP BY`` that reads no strings), written by worker threads with a ``CONSTRUCT``
each (in Rust, the GIL released; it decodes no predicate or graph name, a third less work than
dumping the graph out of a disk store) and handed whole to the stream that has received the
fewest bytes so far. Blank nodes stay together: the server gives the blank nodes of each request
new names, so every unit whose N-Triples contain ``_:`` (a blank node, or those two characters in
a literal or an IRI: the test is conservative) goes to the first stream, where all the others
like it go too — a blank node written by two units arrives in one request, under one name.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, cast

import pyoxigraph as ox

from ..errors import InputError
from .base import GraphStore
from .binding import term_to_sparql
from .oxigraph import OxigraphStore

__all__ = ["GraphPart", "Body", "Spool", "ParallelSpools", "write_part", "expected_triples", "source_node", "units"]

_BATCH = 50_000
_BLOCK = 1 << 20
_UNIT_IN_MEMORY = 16 << 20  # a unit's N-Triples up to this size stay in memory before they are routed
#: about this many bytes of N-Triples (some 100k triples) to a request: the server loads a request
#: once it has all of it, so smaller requests let it load while the next ones are written
REQUEST_BYTES = 16 << 20
Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


@dataclass(frozen=True)
class GraphPart:
    """What to send where: the local ``source`` graph (None: every triple of the store, graph
    names dropped) to the remote ``target`` graph (None: the default graph)."""

    target: str | None = None
    source: str | None = None


def source_node(graph: str | None, what: str = "graph name") -> ox.NamedNode | None:
    if graph is None:
        return None
    try:
        return ox.NamedNode(graph)
    except ValueError:
        raise InputError(f"the {what} {graph!r} is not a valid IRI") from None


def _graphs(store: OxigraphStore, source: ox.NamedNode | None) -> list[Graph]:
    if source is not None:
        return [source]
    return [ox.DefaultGraph(), *sorted(store.oxigraph.named_graphs(), key=str)]


class _Lines:
    """A binary writer that counts the lines (N-Triples: one triple a line) passing through it
    and notes whether ``_:`` (a blank node) appeared in them."""

    def __init__(self, out: BinaryIO, on_write: Callable[[], None] | None = None) -> None:
        self.out, self.on_write, self.lines, self.blank = out, on_write, 0, False
        self._tail = b""

    def write(self, block: bytes) -> int:
        written = self.out.write(block)
        self.lines += block.count(b"\n")
        if not self.blank:
            self.blank = b"_:" in self._tail + block[:1] or b"_:" in block
            self._tail = bytes(block[-1:])
        if self.on_write is not None:
            self.on_write()
        return written

    def flush(self) -> None:
        self.out.flush()


def write_part(store: GraphStore, part: GraphPart, out: BinaryIO | _Lines) -> int:
    """Write the part's triples as N-Triples to ``out``; return how many lines (triples) were
    written. Without a source graph every graph of the store is written, one after the other:
    a triple in several local graphs is written once per graph, and the staging graph, a set,
    keeps it once (:func:`expected_triples` counts the distinct triples when the counts differ)."""
    source = source_node(part.source, "source graph")
    lines = out if isinstance(out, _Lines) else _Lines(out)
    sink = cast(BinaryIO, lines)
    if isinstance(store, OxigraphStore):
        for graph in _graphs(store, source):  # Oxigraph's own writer, graph by graph, in Rust
            store.oxigraph.dump(sink, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    else:
        for batch in _batches(store, source):
            lines.write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b"")
    return lines.lines


def expected_triples(store: GraphStore, part: GraphPart) -> int:
    """The distinct triples of a part (only asked when the server holds fewer than were written)."""
    source = source_node(part.source, "source graph")
    if isinstance(store, OxigraphStore):
        pattern = (f"GRAPH {term_to_sparql(source)} {{ ?s ?p ?o }}" if source is not None
                   else "{ GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o }")
        answer = store.oxigraph.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {pattern} }} }}")
        return int(next(iter(answer))[0].value)  # type: ignore[arg-type]
    return len({triple for batch in _batches(store, source) for triple in batch})


def _batches(store: GraphStore, source: ox.NamedNode | None) -> Iterator[list[ox.Triple]]:
    batch: list[ox.Triple] = []
    for quad in store.quads():
        if source is not None and quad.graph_name != source:
            continue
        batch.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class Unit:
    """The triples of one predicate in one local graph (the default graph: ``graph`` is the
    default graph), ``triples`` of them."""

    graph: Graph
    predicate: ox.NamedNode
    triples: int

    def construct(self) -> str:
        pattern = f"?s {term_to_sparql(self.predicate)} ?o"
        where = pattern if isinstance(self.graph, ox.DefaultGraph) else (
            f"GRAPH {term_to_sparql(self.graph)} {{ {pattern} }}")
        return f"CONSTRUCT {{ {pattern} }} WHERE {{ {where} }}"


def units(store: OxigraphStore, part: GraphPart) -> list[Unit]:
    """The part's (graph, predicate) units, the largest first. Counting reads the quad index
    only (no string is decoded): 0.3-0.7 s for 1M triples."""
    source = source_node(part.source, "source graph")
    found: list[Unit] = []
    named = (f"VALUES ?g {{ {term_to_sparql(source)} }} " if source is not None else "")
    rows = cast(ox.QuerySolutions, store.oxigraph.query(
        f"SELECT ?g ?p (COUNT(*) AS ?n) WHERE {{ {named}GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g ?p"))
    for row in rows:
        found.append(Unit(cast(Graph, row[0]), cast(ox.NamedNode, row[1]), int(cast(ox.Literal, row[2]).value)))
    if source is None:
        rows = cast(ox.QuerySolutions, store.oxigraph.query(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"))
        for row in rows:
            found.append(Unit(ox.DefaultGraph(), cast(ox.NamedNode, row[0]), int(cast(ox.Literal, row[1]).value)))
    return sorted(found, key=lambda u: (-u.triples, str(u.graph), u.predicate.value))


class Body:
    """A temporary file that grows while the upload reads it. Iterating yields its blocks from
    its start, waiting for more at its end until :meth:`finish`, so a second send (digest
    authentication) sends the same bytes."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.changed = threading.Condition()
        self.done = False
        self.error: BaseException | None = None
        self.bytes = 0

    def notify(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def finish(self, error: BaseException | None = None) -> None:
        with self.changed:
            self.error = self.error or error
            self.done = True
            self.changed.notify_all()

    def __iter__(self) -> Iterator[bytes]:
        descriptor, offset = self.file.fileno(), 0
        while True:
            with self.changed:
                while not self.done and os.fstat(descriptor).st_size <= offset:
                    self.changed.wait(0.5)
                done, error = self.done, self.error
            block = os.pread(descriptor, _BLOCK, offset)
            if block:
                offset += len(block)
                yield block
            elif done:
                if error is not None:
                    raise OSError(f"writing the push's triples failed: {error}")
                return


class Spool(Body):
    """The part's N-Triples written to a temporary file by a thread while the upload reads it.
    Sent without a length (chunked); :meth:`wait` gives the finished file for a server that
    wants a length."""

    def __init__(self, store: GraphStore, part: GraphPart, file: BinaryIO) -> None:
        super().__init__(file)
        self.lines = 0
        self.seconds = 0.0
        self._thread = threading.Thread(target=self._write, args=(store, part), name="igkg-push-writer",
                                        daemon=True)
        self._thread.start()

    def _write(self, store: GraphStore, part: GraphPart) -> None:
        started, error = time.perf_counter(), None
        try:
            self.lines = write_part(store, part, _Lines(self.file, self.notify))
            self.file.flush()
        except BaseException as failure:  # handed to the caller by wait()
            error = failure
        finally:
            self.seconds = time.perf_counter() - started
            self.finish(error)

    def wait(self) -> BinaryIO:
        """The finished file (when the writer failed: its error is in :attr:`error`)."""
        self._thread.join()
        return self.file


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
                        while (block := buffer.read(_BLOCK)) and not self._cancelled:
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
