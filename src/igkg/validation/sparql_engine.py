"""Running the compiled shapes (:mod:`.compiled`) on Oxigraph: the ``sparql`` engine.

The queries (about 120 for ``ontology/shapes.ttl``) run in threads, one per core (Oxigraph
evaluates them outside the GIL), on the store's own Oxigraph database when it has one (an in-memory or on-disk
:class:`~igkg.stores.oxigraph.OxigraphStore`: nothing is copied), else on an in-memory copy.
Every named graph counts, as when pySHACL validates the merged graph.
"""

from __future__ import annotations

import functools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import rdflib

from ..errors import InputError
from ..namespaces import compact
from ..stores.base import GraphStore
from ..stores.oxigraph import OxigraphStore
from ..vocab import RDFS
from .compiled import Check, compile_shapes
from .report import Finding, ValidationReport, shorten

__all__ = ["validate_with_sparql"]

_MESSAGE_VARIABLE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def _show(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value, for_display=True)
    if isinstance(term, ox.BlankNode):
        return "[]"
    return shorten(str(getattr(term, "value", term)))


def _database(store: GraphStore) -> ox.Store:
    if isinstance(store, OxigraphStore):
        return store.oxigraph
    copy = ox.Store()
    copy.bulk_extend(store.quads())
    return copy


def _count(database: ox.Store, query: str) -> int:
    """The answer of a ``SELECT (COUNT(*) AS ?n)`` over the union of the graphs."""
    rows = database.query(query, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    value = next(iter(rows))[0]
    return int(value.value) if isinstance(value, ox.Literal) else 0


def _triples(database: ox.Store) -> int:
    """Distinct triples over all graphs (what pySHACL's merged graph holds)."""
    if next(iter(database.named_graphs()), None) is None:
        return len(database)
    return _count(database, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")


def _substitute(bound: dict[str, object], match: re.Match[str]) -> str:
    """``{?var}`` in a SHACL-SPARQL message → the variable's value (as pySHACL writes it)."""
    name = match.group(1)
    return str(getattr(bound[name], "value", "")) if name in bound else match.group(0)


def _findings(database: ox.Store, check: Check) -> list[Finding]:
    try:
        solutions = database.query(check.query, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise InputError(f"shape {check.shape}: its compiled query does not parse ({error})") from None
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    found = []
    for solution in solutions:
        bound = {name: solution[name] for name in names if solution[name] is not None}
        focus = bound.get("this")
        value = bound.get("value") if "value" in bound else (focus if check.value_from == "focus" else None)
        message = _MESSAGE_VARIABLE.sub(functools.partial(_substitute, bound), check.message)
        found.append(Finding(severity=check.severity, focus=_show(focus), path=check.path, message=message,
                             value=_show(value) if check.value_from else ""))
    return found


def validate_with_sparql(store: GraphStore, shapes_path: Path) -> ValidationReport:
    """Validate every triple of the store against the shapes, compiled to SPARQL."""
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    database = _database(store)
    cache: dict[str, list[str]] = {}

    def subclasses(cls: str) -> list[str]:
        if cls not in cache:
            rows = database.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf.value}>* <{cls}> }}",
                                  use_default_graph_as_union=True)
            assert isinstance(rows, ox.QuerySolutions)
            cache[cls] = sorted({cls, *(row[0].value for row in rows)})
        return cache[cls]

    checks = compile_shapes(shapes, subclasses, str(shapes_path), functools.partial(_count, database))
    findings: set[Finding] = set()
    # Every check is its own set-based query over all its focus nodes (a join, an anti-join, a
    # self-join, a grouping): measured cheaper, on a graph that conforms too, than screening a
    # shape's focus nodes first, whether with one EXISTS per node and constraint or with one
    # grouped pass over all its paths (docs/validation.md). Oxigraph evaluates outside the GIL:
    # the checks run side by side, one thread per core, the SHACL-SPARQL constraints (the
    # costliest) first so that no long query is left to run alone at the end.
    ordered = sorted(checks, key=lambda check: not check.sparql)
    with ThreadPoolExecutor(max_workers=max(1, min(8, os.cpu_count() or 1))) as pool:
        triples = pool.submit(_triples, database)  # a distinct count over the graphs: among the longest
        for found in pool.map(functools.partial(_findings, database), ordered):
            findings.update(found)
    return ValidationReport(triples=triples.result(), findings=sorted(findings))
