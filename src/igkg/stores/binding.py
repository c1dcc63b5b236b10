"""Binding parameter values into a SPARQL query: one way for every engine.

A remote endpoint has no binding API, and Oxigraph's ``substitutions`` bind after the query is
planned (so its planner starts from the unbound side: ``citing-paragraph`` on a 1M-triple store
took 55 s with them, 0.1 s with a VALUES block). igkg therefore binds every query, local or
remote, with a ``VALUES`` block of terms written in SPARQL syntax (each term escaped by
Oxigraph's own serializer, as ``Term.n3()`` does), placed as the first element of the query's
outermost ``WHERE`` group. Values are never pasted into the query text.

Named queries are written so that this means the same as binding from the start: a parameter
is used in triple patterns (where a join binds it), not inside a FILTER or BIND of a nested
group. ``tests/test_queries.py`` compares every named query with Oxigraph's substitutions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["values_block", "inject_values", "inject_rows", "term_to_sparql"]


def term_to_sparql(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """A term in SPARQL syntax, escaped by Oxigraph's own N-Triples writer."""
    if isinstance(term, ox.BlankNode):
        raise QueryError("a blank node cannot be sent to another engine as a parameter value")
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise QueryError(f"cannot bind {term!r}")
    return str(term)  # N-Triples syntax: <iri>, "lexical"^^<datatype>, "text"@lang


def values_block(bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term_to_sparql(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def _where_brace(query: str) -> int:
    """Index of the ``{`` that opens the outermost WHERE group.

    IRIs, strings and comments are skipped; braces are counted so that a CONSTRUCT template
    (``CONSTRUCT { ... } WHERE { ... }``) is passed over. Without the keyword WHERE (it is
    optional in SELECT and ASK), the first top-level group is the WHERE group.
    """
    i, n, depth = 0, len(query), 0
    seen_where = False
    first_group = -1
    while i < n:
        c = query[i]
        if c == "#":
            newline = query.find("\n", i)
            i = n if newline < 0 else newline + 1
            continue
        if c in "\"'":
            quote = query[i : i + 3] if query[i : i + 3] in ('\"\"\"', "'''") else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            end = query.find(">", i)
            if end > 0 and not any(ch in query[i + 1 : end] for ch in " \n\t{}\"<"):
                i = end + 1
                continue
        if c == "{":
            if depth == 0:
                if seen_where:
                    return i
                if first_group < 0:
                    first_group = i
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and query[i : i + 5].upper() == "WHERE" and (
            i == 0 or not (query[i - 1].isalnum() or query[i - 1] in "_?$:")
        ):
            seen_where = True
            i += 5
            continue
        i += 1
    head = query.upper()
    if first_group >= 0 and "CONSTRUCT" not in head and "DESCRIBE" not in head:
        return first_group
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def inject_values(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block of the bindings at the start of its outermost WHERE group."""
    if not bindings:
        return query
    brace = _where_brace(query)
    return f"{query[: brace + 1]}\n  {values_block(bindings)}\n{query[brace + 1 :]}"


def inject_rows(query: str, names: Sequence[str], rows: Iterable[Sequence[ox.NamedNode | ox.Literal]]) -> str:
    """The query with a VALUES block of several rows (``names`` bound to each row's terms) at the
    start of its outermost WHERE group: an empty ``rows`` gives no solution at all."""
    brace = _where_brace(query)
    head = " ".join(f"?{name}" for name in names)
    body = " ".join("(" + " ".join(term_to_sparql(term) for term in row) + ")" for row in rows)
    return f"{query[: brace + 1]}\n  VALUES ({head}) {{ {body} }}\n{query[brace + 1 :]}"
