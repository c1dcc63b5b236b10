"""Adding an extracted document to a data folder (``igkg extract FILE --into DIR``).

The document is written as ``DIR/<slug>.ttl`` atomically (a temporary file renamed into
place), and only when the bundled graph plus the document conforms to the SHACL shapes (a bullet
whose only verb is unknown has no action, which the shapes forbid): a file added to ``data/``
must not make the graph invalid. Nothing is overwritten unless ``force``: not an existing file,
and not a document whose IRI the graph already holds (which would merge two documents into one);
``force`` also writes a document that does not conform.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, ValidationFailed
from ..formats.rdf_reader import RdfText
from ..graph import Graph, open_graph
from .model import Document
from .rdf import serialize_document

__all__ = ["write_into"]

_EXISTS = "ASK WHERE { ?doc ?p ?o }"


def write_into(
    document: Document,
    folder: Path,
    graph: Graph,
    *,
    force: bool = False,
    data: Sequence[Path | RdfText] = (),
) -> Path:
    """Write ``document`` as Turtle into ``folder``; returns the file written. ``data`` are the
    user's files the graph was read with (``--data``): the document is validated with them."""
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
    turtle = serialize_document(document, "ttl")
    if not force:
        _check_conforms(turtle, target, data)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # not *.ttl: never read as data
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(turtle)
        tmp.replace(target)
    except OSError as error:
        raise InputError(f"{target}: cannot write: {error.strerror or error}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _check_conforms(turtle: bytes, target: Path, data: Sequence[Path | RdfText]) -> None:
    """Validate the bundled graph, the user's ``data`` files and the document (a temporary copy
    outside the data folder)."""
    with tempfile.TemporaryDirectory(prefix="igkg-extract-") as folder:
        copy = Path(folder) / target.name
        copy.write_bytes(turtle)
        report = open_graph(data=[*data, copy]).validate()
    if not report.conforms:
        raise ValidationFailed(
            f"{target}: not written: the document does not conform to the shapes "
            f"({len(report.violations)} violations; see above). Fix what the report names (an "
            "unknown verb: add it to ontology/schemes.ttl), or use --force to write it anyway",
            report.text(),
        )
