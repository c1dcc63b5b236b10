"""The one place the server runs a query: :func:`run` (query, bound parameters, timeout, row cap).

Every route that answers with query results (``/sparql``, ``/queries/<name>``, the workbench,
the resource pages) goes through it, so the limits hold everywhere:

* the query is parsed by Oxigraph as a query (a syntax error is a
  :class:`~igkg.errors.QuerySyntaxError` with line and column), so an update cannot run here; the
  protocol layer answers update requests with 403 before they reach it;
* at most ``row_cap`` rows (or triples) are read; the result says when more were cut;
* the query is evaluated in one of a few worker processes forked from the server (the core's
  :class:`~igkg.stores.worker.QueryWorker`, which sees the store's memory copy on write); the
  caller waits at most ``timeout`` seconds, then the worker is killed — which stops the query and
  frees its memory — and the answer is :class:`QueryTimeout` (503); the next query gets a new
  worker. (Where ``fork`` is missing, queries run in a thread that stops at the next solution
  read after the deadline.)
* a protocol dataset (``default-graph-uri``, ``named-graph-uri``) names graphs of the store.

* before anything runs, the core's check (:func:`igkg.stores.policy.check_query`, a SPARQL
  tokenizer, not a pattern) refuses SERVICE (unless the server was started with
  ``--allow-service``), nesting and length beyond the limits, and a FROM / FROM NAMED graph that
  the store does not hold (nothing is ever fetched; a protocol dataset naming such a graph reads
  it as empty, as the W3C protocol tests expect).
"""

from __future__ import annotations

import asyncio
import json
import queue
import re
import time
import weakref
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..errors import IgkgError, QueryError, QuerySyntaxError
from ..errors import QueryTimeout as StoppedAtDeadline
from ..limits import QueryPolicy
from ..namespaces import PREFIXES
from ..results import GraphResult, QueryResult, ResultTable, Term
from ..stores.binding import inject_values
from ..stores.oxigraph import OxigraphStore
from ..stores.policy import check_dataset, check_query
from ..stores.worker import CAN_FORK, QueryWorker, Raw

__all__ = ["Limits", "Outcome", "QueryTimeout", "run", "run_sync", "Dataset", "WORKER_PROCESSES"]

#: How many queries the server evaluates at once (each in its own worker process).
WORKER_PROCESSES = 4

_LOCATION = re.compile(r"^error at (\d+):(\d+): ")
_WORKERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="igkg-query")


class QueryTimeout(IgkgError):
    """The query did not finish within the server's timeout."""


@dataclass(frozen=True)
class Limits:
    """What one query may take: ``timeout`` seconds and ``row_cap`` rows or triples."""

    timeout: float = 10.0
    row_cap: int = 10_000
    policy: QueryPolicy | None = None  # SERVICE allowed to some endpoints (default: the environment's)


@dataclass(frozen=True)
class Dataset:
    """A protocol dataset: the default graph(s) and named graphs of the store to query."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default or self.named)


@dataclass
class Outcome:
    """A query's answer, whether it was cut at the row cap, and how long it took."""

    result: QueryResult
    truncated: bool = False
    seconds: float = 0.0
    form: str = field(default="SELECT")


def _syntax_error(error: SyntaxError) -> QueryError:
    where = _LOCATION.match(str(error.msg))
    if where is None:
        return QueryError(f"SPARQL syntax error: {error.msg}")
    return QuerySyntaxError(_LOCATION.sub("", str(error.msg)), line=int(where.group(1)),
                            column=int(where.group(2)))


def _evaluate(store: ox.Store, text: str, dataset: Dataset, limits: Limits, deadline: float,
              prologue: bool, base: str | None = None) -> Outcome:
    started = time.monotonic()
    options = _options(dataset, prologue, base)
    try:
        answer = store.query(text, **options)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise _syntax_error(error) from None
    except ValueError as error:
        raise QueryError(f"bad dataset: {error}") from None
    except OSError as error:
        raise QueryError(f"the query failed: {error}") from None
    truncated = False
    try:
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows: list[tuple[Term | None, ...]] = []
            for solution in answer:
                if len(rows) >= limits.row_cap:
                    truncated = True
                    break
                if time.monotonic() > deadline:
                    raise QueryTimeout(f"the query took longer than {limits.timeout:g} s")
                rows.append(tuple(solution[i] for i in range(len(variables))))
            return Outcome(ResultTable(variables, rows), truncated, time.monotonic() - started, "SELECT")
        if isinstance(answer, ox.QueryTriples):
            triples: list[ox.Triple] = []
            for triple in answer:
                if len(triples) >= limits.row_cap:
                    truncated = True
                    break
                if time.monotonic() > deadline:
                    raise QueryTimeout(f"the query took longer than {limits.timeout:g} s")
                triples.append(triple)
            return Outcome(GraphResult(triples), truncated, time.monotonic() - started, "CONSTRUCT")
        return Outcome(bool(answer), False, time.monotonic() - started, "ASK")
    except IgkgError:
        raise
    except Exception as error:  # evaluation errors come while the answers are read
        raise QueryError(f"the query failed while running: {error}") from None


def _options(dataset: Dataset, prologue: bool, base: str | None) -> dict[str, object]:
    options: dict[str, object] = {"use_default_graph_as_union": not dataset}
    if base:
        options["base_iri"] = base
    if prologue:
        options["prefixes"] = dict(PREFIXES)
    if dataset:
        options["default_graph"] = [ox.NamedNode(g) for g in dataset.default] or ox.DefaultGraph()
        if dataset.named:
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset.named]
    return options


class _Pool:
    """The server's worker processes for one store: each evaluates one query at a time and is
    killed at its deadline (see :class:`~igkg.stores.worker.QueryWorker`)."""

    def __init__(self, store: ox.Store, size: int) -> None:
        def evaluate(envelope: str, _union: bool) -> Raw:  # runs in the worker process
            request = json.loads(envelope)
            dataset = Dataset(tuple(request["default"]), tuple(request["named"]))
            options: Any = _options(dataset, request["prologue"], request["base"])
            try:
                answer: Raw = store.query(request["query"], **options)
                return answer
            except SyntaxError as error:
                raise _syntax_error(error) from None
            except ValueError as error:
                raise QueryError(f"bad dataset: {error}") from None
            except OSError as error:
                raise QueryError(f"the query failed: {error}") from None

        memory = QueryPolicy.from_environment().memory_mb
        self.workers = [QueryWorker(evaluate, memory_mb=memory) for _ in range(size)]
        self._free: queue.SimpleQueue[QueryWorker] = queue.SimpleQueue()
        for worker in self.workers:
            self._free.put(worker)

    def run(self, text: str, dataset: Dataset, prologue: bool, base: str | None, timeout: float) -> QueryResult:
        envelope = json.dumps({"query": text, "default": list(dataset.default), "named": list(dataset.named),
                               "prologue": prologue, "base": base})
        worker = self._free.get()
        try:
            return worker.run(envelope, not dataset, timeout)
        except StoppedAtDeadline:
            raise QueryTimeout(f"the query took longer than {timeout:g} s and was stopped") from None
        finally:
            self._free.put(worker)


    def stop(self) -> None:
        """Kill every worker process (when the store goes)."""
        for worker in self.workers:
            worker.stop()


_POOLS: weakref.WeakKeyDictionary[OxigraphStore, _Pool] = weakref.WeakKeyDictionary()


def _pool(store: OxigraphStore) -> _Pool:
    """The worker processes of ``store``, forked on first use; stopped when the store is gone."""
    found = _POOLS.get(store)
    if found is None:
        found = _POOLS[store] = _Pool(store.oxigraph, WORKER_PROCESSES)
        weakref.finalize(store, found.stop)
    return found


def _capped(result: QueryResult, limits: Limits, seconds: float) -> Outcome:
    if isinstance(result, ResultTable):
        cut = len(result.rows) > limits.row_cap
        rows = result.rows[: limits.row_cap] if cut else result.rows
        return Outcome(ResultTable(list(result.variables), rows), cut, seconds, "SELECT")
    if isinstance(result, GraphResult):
        cut = len(result.triples) > limits.row_cap
        return Outcome(GraphResult(result.triples[: limits.row_cap]) if cut else result, cut, seconds, "CONSTRUCT")
    return Outcome(result, False, seconds, "ASK")


def _prepare(query: str, bindings: Mapping[str, Term] | None) -> str:
    if not query.strip():
        raise QueryError("the query is empty")
    return inject_values(query, bindings) if bindings else query  # type: ignore[arg-type]


def check(store: OxigraphStore, text: str, dataset: Dataset, policy: QueryPolicy | None = None) -> None:
    """Refuse (:class:`~igkg.errors.QueryRefused`, a 400) what the server must not run: the core's
    query policy, and graphs — FROM, FROM NAMED, the protocol's dataset — the store lacks."""
    found = check_query(text, policy or QueryPolicy.from_environment())

    def holds(iri: str) -> bool:
        return bool(store.oxigraph.contains_named_graph(ox.NamedNode(iri)))

    check_dataset(found, holds, "the server's store")
    # The protocol's default-graph-uri / named-graph-uri select graphs of the store the same way;
    # a graph it lacks is an empty graph (the W3C protocol tests expect an answer), never fetched.


def run_sync(store: OxigraphStore, query: str, bindings: Mapping[str, Term] | None = None, *,
             limits: Limits = Limits(), dataset: Dataset = Dataset(), prologue: bool = True) -> Outcome:
    """:func:`run` in the calling thread (for scripts and the page builders)."""
    text = _prepare(query, bindings)
    check(store, text, dataset, limits.policy)
    return _evaluate(store.oxigraph, text, dataset, limits, time.monotonic() + limits.timeout, prologue)


async def run(store: OxigraphStore, query: str, bindings: Mapping[str, Term] | None = None, *,
              limits: Limits = Limits(), dataset: Dataset = Dataset(), prologue: bool = True,
              base: str | None = None) -> Outcome:
    """Run a read-only query with igkg's prefixes predeclared (``prologue``), ``bindings`` as a
    VALUES block of terms, within ``limits``; raises :class:`QueryTimeout`, a
    :class:`~igkg.errors.QueryError` (syntax errors with line and column).
    Relative IRIs resolve against ``base`` (the endpoint's URL)."""
    text = _prepare(query, bindings)
    check(store, text, dataset, limits.policy)
    if CAN_FORK:
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(_WORKERS, _pool(store).run, text, dataset, prologue, base,
                                            limits.timeout)
        return _capped(result, limits, time.monotonic() - started)
    deadline = time.monotonic() + limits.timeout
    future = _WORKERS.submit(_evaluate, store.oxigraph, text, dataset, limits, deadline, prologue, base)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout=limits.timeout)
    except TimeoutError:
        future.cancel()
        raise QueryTimeout(f"the query took longer than {limits.timeout:g} s") from None
