"""How a named query runs: from the answers kept beside an on-disk store, through the text index,
or on the store itself; whole or one page at a time.

On a store made by ``igkg load --store`` (:class:`~igkg.stores.disk.DiskStore`), which never
changes while it is open, each query's answer is kept in the generation's
:class:`~igkg.stores.answers.AnswerCache` the first time it is computed; later runs, in this
process or any other, read it (a page is a range read on an indexed row number). ``search-text``
first asks the text index for the recommendations whose text holds the words, then runs the
query on those alone, so its filter still decides. Everywhere else (memory, an endpoint) the
query runs on the store and a page is cut from the answer.

:func:`plan` is the step for callers that run queries their own way (``igkg serve`` runs them
in its worker processes): a :class:`Plan` says whether the answer is kept, what to run if not,
and keeps what was run. :func:`run_named` does all of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import ParameterError
from ..results import GraphResult, QueryResult, ResultTable, Term
from ..stores.answers import AnswerCache, Page, answer_key
from ..stores.base import GraphStore
from ..stores.binding import inject_rows
from .library import NamedQuery

__all__ = ["Plan", "plan", "run_named", "run_kept", "cut_page", "TEXT_SEARCHES"]

#: Named queries answered through the text index: query → (its words parameter, the variable of
#: the resource whose ``igkg:text`` holds them).
TEXT_SEARCHES: dict[str, tuple[str, str]] = {"search-text": ("words", "recommendation")}


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise ParameterError(f"the limit must be 0 or more, not {limit}")
    if offset < 0:
        raise ParameterError(f"the offset must be 0 or more, not {offset}")


def cut_page(result: QueryResult, offset: int = 0, limit: int | None = None) -> QueryResult:
    """Rows (or triples) ``offset`` to ``offset + limit`` of a whole answer; a table records how
    many rows the whole answer has (``total``)."""
    end = None if limit is None else offset + limit
    if isinstance(result, ResultTable):
        page = ResultTable(result.variables, result.rows[offset:end], label_lookup=result.label_lookup)
        page.total = len(result.rows)
        return page
    if isinstance(result, GraphResult):
        return GraphResult(result.triples[offset:end], drawing=result.drawing)
    return result


def _with_total(page: Page) -> QueryResult:
    if isinstance(page.result, ResultTable):
        page.result.total = page.total
    return page.result


@dataclass
class Plan:
    """What running one query on one store takes (see :func:`plan`)."""

    cache: AnswerCache | None
    key: str
    #: What to run when the answer is not kept: the text and its bound values.
    text: str
    bindings: Mapping[str, Term] | None
    offset: int = 0
    limit: int | None = None
    kept: Page | None = field(default=None)

    def answer(self) -> QueryResult | None:
        """The page, when the answer is kept."""
        return None if self.kept is None else _with_total(self.kept)

    def keep(self, result: QueryResult) -> QueryResult:
        """Keep the whole answer that was run (when the store has a cache) and give the page."""
        if self.cache is not None:
            self.cache.put(self.key, result)
        return cut_page(result, self.offset, self.limit) if self.offset or self.limit is not None else result


def plan(store: GraphStore, text: str, bindings: Mapping[str, Term] | None = None, *,
         query: NamedQuery | None = None, limit: int | None = None, offset: int = 0) -> Plan:
    """How to answer ``text`` with ``bindings`` on ``store``: kept, through the text index, or run."""
    _check_page(limit, offset)
    cache: AnswerCache | None = getattr(store, "answers", None)
    key = answer_key(text, bindings)
    run_text, run_bindings = text, bindings
    if cache is not None:
        kept = cache.get(key, offset, limit)
        if kept is not None:
            return Plan(cache, key, text, bindings, offset, limit, kept)
        search = TEXT_SEARCHES.get(query.name) if query is not None else None
        words = (bindings or {}).get(search[0]) if search is not None else None
        oxigraph = getattr(store, "oxigraph", None)
        if search is not None and isinstance(words, ox.Literal) and isinstance(oxigraph, ox.Store):
            found = cache.search(oxigraph, words.value)
            if found is not None:
                rest = {k: v for k, v in (bindings or {}).items() if k != search[0]}
                names = [search[0], search[1], *rest]
                rows = [(words, ox.NamedNode(s), *rest.values()) for s in found]
                run_text, run_bindings = inject_rows(text, names, rows), None  # type: ignore[arg-type]
    return Plan(cache, key, run_text, run_bindings, offset, limit)


def run_kept(store: GraphStore, text: str, bindings: Mapping[str, Term] | None = None, *,
             query: NamedQuery | None = None, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Answer a query from what is kept for the store, or run it (and keep it)."""
    steps = plan(store, text, bindings, query=query, limit=limit, offset=offset)
    kept = steps.answer()
    if kept is not None:
        return kept
    return steps.keep(store.query(steps.text, steps.bindings))


def run_named(store: GraphStore, query: NamedQuery, bindings: Mapping[str, Term] | None = None, *,
              limit: int | None = None, offset: int = 0) -> QueryResult:
    """A named query's answer (rows ``offset`` … ``offset + limit`` with a limit)."""
    return run_kept(store, query.text, bindings, query=query, limit=limit, offset=offset)
