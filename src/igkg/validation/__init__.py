"""SHACL validation of the graph, and a report a data editor can read.

Two engines give the same report: ``sparql`` (the default: the shapes compiled to SPARQL and run
by Oxigraph, :mod:`.compiled` and :mod:`.sparql_engine`: seconds at a million triples) and
``pyshacl`` (pySHACL, the reference: minutes at a hundred thousand triples). The sparql engine
refuses shapes it cannot compile, naming the construct, rather than passing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..formats.rdf_reader import parse_file
from ..resources import ontology_dir
from ..stores.base import GraphStore
from .report import ENGINES, Finding, ValidationReport

__all__ = ["ENGINES", "Finding", "ValidationReport", "validate_store", "description_report"]


def validate_store(store: GraphStore, shapes: Path | None = None, *, engine: str = "sparql") -> ValidationReport:
    """Validate every triple of the store against ``ontology/shapes.ttl`` (or ``shapes``)."""
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r}; use one of {', '.join(ENGINES)}")
    shapes_path = shapes or ontology_dir() / "shapes.ttl"
    parse_file(shapes_path)  # strict syntax check with file, line and column
    if engine == "pyshacl":
        from .pyshacl_engine import validate_with_pyshacl

        return validate_with_pyshacl(store, shapes_path)
    from .sparql_engine import validate_with_sparql

    return validate_with_sparql(store, shapes_path)


def description_report(triples: Iterable[ox.Triple], shapes: Path | None = None) -> ValidationReport:
    """Check a dataset description (:mod:`igkg.dataset`) on its own against the shapes
    (``igkgsh:DatasetDescriptionShape``: title, description, licence, publisher, version, counts)."""
    from ..stores.oxigraph import OxigraphStore

    store = OxigraphStore()
    store.add(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return validate_store(store, shapes)
