"""Adding an extracted document to a data folder (``igkg extract FILE --into DIR``).

The document is written as ``DIR/<slug>.ttl`` atomically (a temporary file renamed into
place). Nothing is overwritten unless ``force``: not an existing file, and not a document whose
IRI the graph already holds (which would merge two documents into one).
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..graph import KnowledgeGraph
from .model import ExtractedDocument

__all__ = ["write_into"]

_EXISTS = "ASK WHERE { ?doc ?p ?o }"


def write_into(document: ExtractedDocument, folder: Path, graph: KnowledgeGraph, *, force: bool = False) -> Path:
    """Write ``document`` as Turtle into ``folder``; returns the file written."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    target = folder / f"{document.slug}.ttl"
    if not force:
        if target.exists():
            raise InputError(f"{target}: already exists; use --force to replace it or --slug to choose another name")
        if graph.store.query(_EXISTS, {"doc": ox.NamedNode(document.iri)}):
            raise InputError(
                f"{document.iri} is already in the graph; use --slug to choose another name "
                "(or --force to write it anyway)"
            )
    data = document.serialize("ttl")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write: {error.strerror or error}") from None
    return target
