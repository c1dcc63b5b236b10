"""What a query may do before any engine runs it: the one check every store (and the coming
server) calls, :func:`check_query` (and :func:`check_update`).

* **SERVICE** is refused unless its endpoint is allowed (``--allow-service URL``,
  ``IGKG_ALLOW_SERVICE``; ``*`` allows any): a local query would otherwise make igkg send a
  request to any URL a query names. A ``SERVICE ?variable`` is allowed only with ``*``.
* **FROM / FROM NAMED** choose graphs of the store (honoured: the query then sees those graphs
  instead of the union of all). A graph the store does not hold is refused, never fetched and
  never silently ignored (:func:`check_dataset`). On an endpoint the server chooses its graphs.
* **LOAD** in an update is refused: igkg fetches nothing from the Web.
* **Nesting** deeper than ``IGKG_MAX_DEPTH`` and more than ``IGKG_MAX_QUERY_TERMS`` tokens
  outside ``VALUES`` data are refused (Oxigraph crashes on them), and so is a query text larger
  than ``IGKG_MAX_INPUT_MB``.

The query is read by :mod:`.sparql_text` (a SPARQL tokenizer), not searched with a pattern.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import QueryRefused
from ..limits import InputLimits, QueryPolicy
from .sparql_text import QueryText, read_query

__all__ = ["check_query", "check_update", "check_dataset"]


def _common(text: str, policy: QueryPolicy, limits: InputLimits) -> QueryText:
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise QueryRefused("the query is not valid text: it holds half of a UTF-16 surrogate pair "
                           "(bytes that are not UTF-8 on the command line or in the file?)") from None
    if limits.max_input_bytes is not None and size > limits.max_input_bytes:
        raise QueryRefused(f"the query is {size:,} bytes, more than IGKG_MAX_INPUT_MB allows")
    found = read_query(text)
    if found.depth > limits.max_depth:
        raise QueryRefused(f"the query is nested more than {limits.max_depth} levels deep "
                           f"({{where}}; IGKG_MAX_DEPTH, at most 2000)", **found.position(found.deepest))
    if found.terms > limits.max_query_terms:
        raise QueryRefused(f"the query has {found.terms:,} tokens outside VALUES data, more than "
                           f"{limits.max_query_terms:,} (IGKG_MAX_QUERY_TERMS): put long lists of values "
                           f"in a VALUES block")
    for endpoint, token in found.services:
        if not policy.allows_service(endpoint):
            what = ("SERVICE with an endpoint chosen while the query runs" if endpoint.startswith(("?", "$"))
                    else f"SERVICE <{endpoint}>")
            hint = "--allow-service '*'" if endpoint.startswith(("?", "$")) else f"--allow-service {endpoint}"
            raise QueryRefused(f"{what} ({{where}}) is refused: igkg sends no request to another "
                               f"endpoint unless you allow it ({hint}, or IGKG_ALLOW_SERVICE)", **found.position(token))
    return found


def check_query(text: str, policy: QueryPolicy | None = None, limits: InputLimits | None = None) -> QueryText:
    """Refuse a query igkg should not run (:class:`~igkg.errors.QueryRefused`, exit code 2);
    return what was read from it (its ``FROM`` graphs, for :func:`check_dataset`)."""
    return _common(text, policy or QueryPolicy.from_environment(), limits or InputLimits.from_environment())


def check_update(text: str, policy: QueryPolicy | None = None, limits: InputLimits | None = None) -> QueryText:
    """:func:`check_query` for a SPARQL Update, which may not ``LOAD`` anything either."""
    found = check_query(text, policy, limits)
    for source, token in found.loads:
        raise QueryRefused(f"LOAD <{source}> ({{where}}) is refused: igkg fetches nothing from "
                           f"the Web (load a file with `igkg load FILE --store DIR`)", **found.position(token))
    return found


def check_dataset(found: QueryText, holds_graph: Callable[[str], bool], location: str) -> bool:
    """Whether the query reads the union of all graphs (no ``FROM``), after checking that every
    ``FROM`` / ``FROM NAMED`` graph is in the store."""
    for iri in (*found.default_graphs, *found.named_graphs):
        if not holds_graph(iri):
            raise QueryRefused(f"FROM <{iri}>: {location} has no graph of that name; igkg never fetches a "
                               f"FROM graph (name a graph of the store, or leave FROM out to query all of them)")
    return not (found.default_graphs or found.named_graphs)
