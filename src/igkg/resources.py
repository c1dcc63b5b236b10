"""Where the bundled ontology, data and named queries are.

In a source checkout (and an editable install) they are the repository's ``ontology/``,
``data/`` and ``queries/`` folders; in a wheel they are packaged under ``igkg/_bundle/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import InputError

__all__ = ["bundle_root", "ontology_dir", "data_dir", "queries_dir", "bundled_graph_files"]

_MARKERS = ("ontology", "data", "queries")


@cache
def bundle_root() -> Path:
    """The folder holding ``ontology/``, ``data/`` and ``queries/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_bundle", here.parent.parent):
        if all((candidate / marker).is_dir() for marker in _MARKERS):
            return candidate
    raise InputError("the bundled ontology, data and queries were not found next to the igkg package")


def ontology_dir() -> Path:
    return bundle_root() / "ontology"


def data_dir() -> Path:
    return bundle_root() / "data"


def queries_dir() -> Path:
    return bundle_root() / "queries"


def bundled_graph_files() -> list[Path]:
    """Every RDF file of the bundled graph: the ontology, its concept schemes, and ``data/``.

    SHACL shapes (``shapes.ttl``) are not data and are left out.
    """
    ontology = sorted(p for p in ontology_dir().glob("*.ttl") if p.name != "shapes.ttl")
    data = sorted(p for p in data_dir().rglob("*.ttl"))
    return ontology + data
