"""The Oxigraph implementation of :class:`~igkg.stores.base.GraphStore`, in memory or on disk,
and the one function that runs a query on Oxigraph with bound values, checked and stoppable.

Every query goes through :func:`run_oxigraph_query`: values are bound (a ``VALUES`` block), the
text is checked (:func:`~igkg.stores.policy.check_query`: ``SERVICE``, ``FROM``, nesting,
length), and it is evaluated in the store's :class:`~igkg.stores.worker.QueryWorker`, which
enforces the deadline (``--timeout``) and turns Ctrl-C into a stop within a second.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, QuerySyntaxError, StoreError
from ..limits import InputLimits, QueryPolicy
from ..results import QueryResult, Term
from .binding import inject_values
from .policy import check_dataset, check_query, check_update
from .worker import CAN_FORK, QueryWorker, Raw, damaged, running_error, to_result

__all__ = ["OxigraphStore", "run_oxigraph_query", "damaged", "syntax_error"]


_QUERY_LOCATION = re.compile(r"^error at (\d+):(\d+): ")


def syntax_error(error: SyntaxError, what: str = "SPARQL syntax error") -> QueryError:
    """Oxigraph's "error at L:C: …" as :class:`QuerySyntaxError` with its line and column."""
    where = _QUERY_LOCATION.match(str(error.msg))
    if where is None:
        return QueryError(f"{what}: {error.msg}")
    return QuerySyntaxError(_QUERY_LOCATION.sub("", str(error.msg)), line=int(where.group(1)),
                            column=int(where.group(2)))


def _start(store: ox.Store, text: str, union: bool, folder: object = "memory") -> Raw:
    """``Store.query`` with its errors as igkg's; the answers are evaluated while they are read."""
    try:
        return store.query(text, use_default_graph_as_union=union)
    except SyntaxError as error:
        raise syntax_error(error) from None
    except Exception as error:  # evaluation errors raised before the first answer
        raise running_error(error, folder, reading=False) from None


def _holds(store: ox.Store, iri: str) -> bool:
    try:
        return bool(store.contains_named_graph(ox.NamedNode(iri)))
    except ValueError:
        return False


def run_oxigraph_query(
    store: ox.Store, sparql: str, bindings: Mapping[str, Term] | None = None, *,
    policy: QueryPolicy | None = None, limits: InputLimits | None = None, worker: QueryWorker | None = None,
    location: str = "the store", folder: object = "memory",
) -> QueryResult:
    """Run a query on an Oxigraph store with bound variables, checked by the policy.

    The values are bound with a ``VALUES`` block of terms, each written by Oxigraph's own
    N-Triples serializer, at the start of the outermost WHERE group — the same binding a remote
    endpoint gets. Not Oxigraph's ``substitutions``: those bind after the query is planned, so the
    planner starts from the unbound side (``citing-paragraph`` on a 1M-triple store: 55 s with
    substitutions, 29 ms with VALUES), and they only accept projected variables.
    """
    policy = policy or QueryPolicy.from_environment()
    text = inject_values(sparql, bindings) if bindings else sparql  # type: ignore[arg-type]
    found = check_query(text, policy, limits)
    union = check_dataset(found, lambda iri: _holds(store, iri), location)
    if worker is not None:
        return worker.run(text, union, policy.timeout)
    return to_result(_start(store, text, union, folder), folder)


class OxigraphStore:
    """A graph in an embedded Oxigraph store, in memory (``path=None``) or in a folder on disk.

    ``policy`` (default: from the environment) says how queries may run; they run in a worker
    process (:mod:`.worker`) where ``fork`` exists."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 policy: QueryPolicy | None = None, folder: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.folder: object = folder if folder is not None else (self.path or "memory")
        self.policy = policy or QueryPolicy.from_environment()
        self.limits = InputLimits.from_environment()
        self._worker: QueryWorker | None = None
        #: Whether no triple is in two graphs (a graph read into memory by igkg), so that
        #: ``len()`` counts distinct triples too (see :func:`~igkg.stores.base.count_triples`).
        self.triples_once = False
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as error:
            text = str(error)
            broken = damaged(error, self.folder)
            if broken is not None:
                raise broken from None
            if "lock" in text.lower():
                raise StoreError(f"store {self.path} is in use by another process ({text})") from None
            raise StoreError(f"cannot open store {self.path}: {text}") from None
        self.location = "memory" if self.path is None else f"store {self.path}"

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``, for code that needs Oxigraph itself."""
        return self._store

    def worker(self) -> QueryWorker | None:
        """The process this store's queries run in (started on the first query; stopped when
        this store is garbage-collected or the program ends)."""
        if self._worker is None and CAN_FORK:
            evaluate = functools.partial(_start, self._store, folder=self.folder)  # not self: no cycle
            self._worker = QueryWorker(evaluate, memory_mb=self.policy.memory_mb, folder=self.folder)
            weakref.finalize(self, self._worker.stop)
        return self._worker

    def _invalidate(self) -> None:
        """After a write, the next query forks a worker that sees it."""
        worker = getattr(self, "_worker", None)  # also for a store whose opening failed
        if worker is not None:
            worker.stop()

    def add(self, quads: Iterable[ox.Quad]) -> int:
        """Add quads in one transaction: all of them or, on failure, none. Returns the count."""
        batch = list(quads)
        self._invalidate()
        try:
            self._store.extend(batch)
        except OSError as error:
            raise StoreError(f"cannot write to {self.location}: {error}") from None
        return len(batch)

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        return run_oxigraph_query(self._store, sparql, bindings, policy=self.policy, limits=self.limits,
                                  worker=self.worker(), location=self.location, folder=self.folder)

    def update(self, sparql_update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL Update (checked like a query; ``LOAD`` is refused)."""
        check_update(sparql_update, self.policy, self.limits)
        self._invalidate()
        try:
            self._store.update(sparql_update, base_iri=base_iri)
        except SyntaxError as error:
            raise syntax_error(error, "SPARQL Update syntax error") from None
        except OSError as error:
            raise StoreError(f"cannot write to {self.location}: {error}") from None

    def quads(self) -> Iterator[ox.Quad]:
        try:
            yield from self._store
        except (OSError, RuntimeError) as error:
            raise (damaged(error, self.folder) or StoreError(f"{self.location}: cannot read: {error}")) from None

    def __len__(self) -> int:
        try:
            return len(self._store)
        except (OSError, RuntimeError) as error:
            raise (damaged(error, self.folder) or StoreError(f"{self.location}: cannot read: {error}")) from None

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()
