"""The one place the server runs a query: :func:`run` (query, bound parameters, timeout, row cap).

Every route that answers with query results (``/sparql``, ``/queries/<name>``, the workbench,
the resource pages) goes through it, so the limits hold everywhere:

* the query is parsed by Oxigraph as a query (a syntax error is a
  :class:`~igkg.errors.QuerySyntaxError` with line and column), so an update cannot run here; the
  protocol layer answers update requests with 403 before they reach it;
* at most ``row_cap`` rows (or triples) are read; the result says when more were cut;
* the query runs in a worker thread and the caller waits at most ``timeout`` seconds
  (:class:`QueryTimeout`); the worker stops at the next solution it reads after the deadline.
  (Oxigraph cannot interrupt one long evaluation step; a query stuck in one keeps its worker
  until it returns. The pool is small, so such queries cannot starve the machine.)
* a protocol dataset (``default-graph-uri``, ``named-graph-uri``) names graphs of the store.

* before anything runs, the core's check (:func:`igkg.stores.policy.check_query`, a SPARQL
  tokenizer, not a pattern) refuses SERVICE (unless the server was started with
  ``--allow-service``), nesting and length beyond the limits, and a FROM / FROM NAMED graph that
  the store does not hold (nothing is ever fetched; a protocol dataset naming such a graph reads
  it as empty, as the W3C protocol tests expect).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import IgkgError, QueryError, QuerySyntaxError
from ..limits import QueryPolicy
from ..namespaces import PREFIXES
from ..results import GraphResult, QueryResult, ResultTable, Term
from ..stores.binding import inject_values
from ..stores.oxigraph import OxigraphStore
from ..stores.policy import check_dataset, check_query

__all__ = ["Limits", "Outcome", "QueryTimeout", "run", "run_sync", "Dataset"]

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
    options: dict[str, object] = {"use_default_graph_as_union": not dataset}
    if base:
        options["base_iri"] = base
    if prologue:
        options["prefixes"] = dict(PREFIXES)
    if dataset:
        options["default_graph"] = [ox.NamedNode(g) for g in dataset.default] or ox.DefaultGraph()
        if dataset.named:
            options["named_graphs"] = [ox.NamedNode(g) for g in dataset.named]
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
    deadline = time.monotonic() + limits.timeout
    future = _WORKERS.submit(_evaluate, store.oxigraph, text, dataset, limits, deadline, prologue, base)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout=limits.timeout)
    except TimeoutError:
        future.cancel()
        raise QueryTimeout(f"the query took longer than {limits.timeout:g} s") from None
