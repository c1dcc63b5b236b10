"""Running a local query where it can be stopped: a worker process.

pyoxigraph has no timeout and no way to cancel a query: a ``COUNT`` over a cross product runs
inside Rust until it is done, ignoring Ctrl-C, and a query that builds a huge intermediate
result holds its memory until then. So :class:`QueryWorker` evaluates queries in a child
process, forked from the process that holds the store (the child sees the store's memory copy
on write; an on-disk store's read-only database handle works as it is), and the parent waits for
the answer with a deadline:

* at the deadline (``--timeout``) the child is killed, which frees its memory at once:
  :class:`~igkg.errors.QueryTimeout` (exit code 2);
* on Ctrl-C the parent, which waits in ``select``, wakes at once, kills the child and exits 130
  (the child ignores SIGINT; it also dies with its parent, ``PR_SET_PDEATHSIG``);
* a child that crashes (Oxigraph overflowing its stack on a pathological query) or runs out of
  the memory it may use (``IGKG_QUERY_MEMORY_MB``) is reported in one line, and the next query
  gets a new child.

The child stays alive between queries, so a query costs a round trip through two pipes: the
answer comes back serialized by Oxigraph (SPARQL JSON results, N-Triples), about half a
millisecond on the bundled graph (measured in ``benchmarks/queries_bench.py``). Where ``fork`` is
missing (Windows) queries run in the calling process, without a deadline.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from ..errors import IgkgError, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, StoreError
from ..results import GraphResult, QueryResult, ResultTable

__all__ = ["QueryWorker", "CAN_FORK", "Raw", "Evaluate", "to_result", "running_error", "damaged"]

CAN_FORK = hasattr(os, "fork")
_HEADER = struct.Struct("!Q")
#: What Oxigraph's ``Store.query`` returns (evaluated lazily, while it is read).
Raw = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean
#: ``evaluate(text, union)`` starts a query (``use_default_graph_as_union=union``); an
#: :class:`IgkgError` it raises is sent back and raised in the parent.
Evaluate = Callable[[str, bool], Raw]


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _pack(result: Raw, folder: object) -> tuple[str, Any]:
    """The answer as Oxigraph serializes it (fast, lossless), evaluated to the end here."""
    try:
        if isinstance(result, ox.QuerySolutions):
            return "solutions", result.serialize(format=ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QueryTriples):
            return "triples", ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
        return "boolean", bool(result)
    except Exception as error:  # evaluation errors come while the answers are read
        raise running_error(error, folder) from None


def damaged(error: BaseException, folder: object) -> IgkgError | None:
    """A RocksDB "Corruption" error as :class:`StoreError` (exit code 4) with what to do."""
    text = str(error)
    if "Corruption" not in text and "corrupt" not in text.lower():
        return None
    first = next((line.strip() for line in text.splitlines() if line.strip()), text)[:300]
    return StoreError(f"the store at {folder} is damaged: {first}; make a new store from a backup or an "
                      f"export of your files (igkg load FILE... --store NEW-FOLDER)")


def running_error(error: Exception, folder: object = "memory", *, reading: bool = True) -> IgkgError:
    """An error Oxigraph raised as a query started (``reading=False``: an ``OSError`` is the
    store's) or while its answers were read (a refused SERVICE call, …), as one line."""
    broken = damaged(error, folder)
    if broken is not None:
        return broken
    if isinstance(error, OSError) and not reading:
        return StoreError(f"the store failed while querying: {error}")
    return QueryError(f"the query failed{' while running' if reading else ''}: {error}")


def _unpack(kind: str, payload: Any) -> QueryResult:
    if kind == "solutions":
        parsed = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
        assert isinstance(parsed, ox.QuerySolutions)
        return ResultTable.from_solutions(parsed)
    if kind == "triples":
        return GraphResult([ox.Triple(q.subject, q.predicate, q.object)
                            for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)])
    return bool(payload)


def to_result(raw: Raw, folder: object = "memory") -> QueryResult:
    """An Oxigraph answer as igkg's result objects, in this process."""
    try:
        if isinstance(raw, ox.QuerySolutions):
            return ResultTable.from_solutions(raw)
        if isinstance(raw, ox.QueryTriples):
            return GraphResult(list(raw))
        return bool(raw)
    except Exception as error:
        raise running_error(error, folder) from None


def _error_state(error: IgkgError) -> tuple[str, Any]:
    return "error", (type(error).__name__, str(error), getattr(error, "reason", None),
                     getattr(error, "line", None), getattr(error, "column", None))


_REBUILD: dict[str, Callable[[str], IgkgError]] = {
    "StoreError": StoreError, "QueryRefused": QueryRefused, "QueryError": QueryError,
}


def _rebuild(state: tuple[str, str, str | None, int | None, int | None]) -> IgkgError:
    name, message, reason, line, column = state
    if name == "QuerySyntaxError" and reason is not None and line is not None and column is not None:
        return QuerySyntaxError(reason, line=line, column=column)
    return _REBUILD.get(name, QueryError)(message)


class QueryWorker:
    """One child process evaluating the queries of one store, one at a time."""

    def __init__(self, evaluate: Evaluate, *, memory_mb: int | None = None, folder: object = "memory") -> None:
        self.evaluate = evaluate
        self.memory_mb = memory_mb
        self.folder = folder
        self.pid: int | None = None
        self._requests = self._answers = -1
        self._lock = threading.Lock()

    # -- the child ---------------------------------------------------------------------------------
    def _start(self) -> None:
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child (its coverage is the tests' results)
            code = 0
            try:
                os.close(requests_write)
                os.close(answers_read)
                self._serve(requests_read, answers_write, parent)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(requests_read)
        os.close(answers_write)
        self.pid, self._requests, self._answers = pid, requests_write, answers_read

    def _serve(self, requests: int, answers: int, parent: int) -> None:  # pragma: no cover - child
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with(parent)
        quiet = os.open(os.devnull, os.O_WRONLY)  # a crashing engine must not write to the user's terminal
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        faulthandler.disable()  # nor a fault handler inherited from the parent (pytest's, say)
        if self.memory_mb:
            _limit_memory(self.memory_mb)
        while True:
            request = _receive(requests, None)
            if request is None:
                return
            text, union = pickle.loads(request)
            try:
                reply = _pack(self.evaluate(text, union), self.folder)
            except IgkgError as error:
                reply = _error_state(error)
            except MemoryError:
                reply = "error", ("QueryError", f"the query needed more memory than it may use "
                                                f"({self.memory_mb} MiB, IGKG_QUERY_MEMORY_MB)", None, None, None)
            _send(answers, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))

    # -- the parent ----------------------------------------------------------------------------------
    def run(self, text: str, union: bool, timeout: float | None) -> QueryResult:
        """Evaluate in the child; the answer, or the child killed at ``timeout`` seconds."""
        with self._lock:
            request = pickle.dumps((text, union), protocol=pickle.HIGHEST_PROTOCOL)
            deadline = None if timeout is None else time.monotonic() + timeout
            try:
                self._hand_over(request)
                answer = _receive(self._answers, deadline)
            except _Late:
                self.stop()
                assert timeout is not None
                raise QueryTimeout(timeout) from None
            except BrokenPipeError:
                answer = None
            except BaseException:  # Ctrl-C, or anything else: the query must not go on
                self.stop()
                raise
            if answer is None:
                raise self._died() from None
        kind, payload = pickle.loads(answer)
        if kind == "error":
            raise _rebuild(payload)
        return _unpack(kind, payload)

    def _hand_over(self, request: bytes) -> None:
        """Send the request to the worker, starting one if needed; a worker that died since the
        last query (killed from outside) is replaced once, before the query has run anywhere."""
        for attempt in (1, 2):
            if self.pid is None:
                self._start()
            try:
                _send(self._requests, request)
                return
            except BrokenPipeError:
                self.stop()
                if attempt == 2:
                    raise

    def _died(self) -> QueryError:
        status = self.stop()
        if status is not None and os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
            if number in (signal.SIGKILL,) and self.memory_mb is None:
                return QueryError(f"the query engine was killed ({name}): out of memory?")
            if number == signal.SIGABRT and self.memory_mb:
                return QueryError(f"the query needed more memory than it may use ({self.memory_mb} MiB, "
                                  f"IGKG_QUERY_MEMORY_MB)")
            return QueryError(f"the query engine crashed on this query ({name}): it is probably too large or "
                              f"too deeply nested for Oxigraph")
        return QueryError("the query engine stopped unexpectedly")

    def stop(self) -> int | None:
        """Kill the child (if any) and reap it; returns its wait status."""
        pid, self.pid = self.pid, None
        for fd in (self._requests, self._answers):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._requests = self._answers = -1
        if pid is None:
            return None
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            return os.waitpid(pid, 0)[1]
        return None


class _Late(Exception):
    """The deadline passed while waiting for the answer."""


def _receive(fd: int, deadline: float | None) -> bytes | None:
    """One length-prefixed message; ``None`` when the other side closed the pipe."""
    head = _read_exactly(fd, _HEADER.size, deadline)
    if head is None:
        return None
    (length,) = _HEADER.unpack(head)
    return _read_exactly(fd, length, deadline)


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes | None:
    parts: list[bytes] = []
    missing = size
    while missing:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Late
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise _Late
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)


def _die_with(parent: int) -> None:  # pragma: no cover - child
    """Ask Linux to kill this child when its parent dies (a killed igkg leaves no worker)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(0)


def _limit_memory(megabytes: int) -> None:  # pragma: no cover - child
    """Cap the child's address space at what it has now plus ``megabytes``."""
    with contextlib.suppress(Exception):
        import resource

        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        limit = current + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
