"""One registry of the RDF syntaxes igkg reads and writes, keyed by short name, file extension
and media type (like rdflib's plugin registry and pyoxigraph's ``RdfFormat``), and the list of
formats query results can be printed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from ..errors import InputError

__all__ = ["RdfSyntax", "RDF_SYNTAXES", "RESULT_FORMATS", "rdf_syntax", "syntax_for_path"]


@dataclass(frozen=True)
class RdfSyntax:
    """An RDF syntax: its short name, other names, file extensions and media type."""

    name: str
    label: str
    extensions: tuple[str, ...]
    media_type: str
    oxigraph: ox.RdfFormat
    aliases: tuple[str, ...] = ()

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def supports_datasets(self) -> bool:
        return bool(self.oxigraph.supports_datasets)


RDF_SYNTAXES: Final[tuple[RdfSyntax, ...]] = (
    RdfSyntax("ttl", "Turtle", (".ttl",), "text/turtle", ox.RdfFormat.TURTLE, ("turtle",)),
    RdfSyntax("nt", "N-Triples", (".nt",), "application/n-triples", ox.RdfFormat.N_TRIPLES,
              ("ntriples", "n-triples")),
    RdfSyntax("nq", "N-Quads", (".nq",), "application/n-quads", ox.RdfFormat.N_QUADS,
              ("nquads", "n-quads")),
    RdfSyntax("trig", "TriG", (".trig",), "application/trig", ox.RdfFormat.TRIG),
    RdfSyntax("jsonld", "JSON-LD", (".jsonld", ".json"), "application/ld+json",
              ox.RdfFormat.JSON_LD, ("json-ld",)),
    RdfSyntax("xml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml",
              ox.RdfFormat.RDF_XML, ("rdfxml", "rdf/xml", "rdf")),
)

#: Formats for SELECT and ASK results. ``json`` is the W3C SPARQL 1.1 Query Results JSON format.
RESULT_FORMATS: Final[tuple[str, ...]] = ("table", "csv", "tsv", "json", "md")

_BY_KEY: dict[str, RdfSyntax] = {}
for _syntax in RDF_SYNTAXES:
    for _key in (_syntax.name, _syntax.media_type, *_syntax.aliases, *_syntax.extensions):
        _BY_KEY.setdefault(_key.lower(), _syntax)


def rdf_syntax(key: str) -> RdfSyntax:
    """Find a syntax by short name (``ttl``), alias (``turtle``), extension (``.nt``) or media type."""
    syntax = _BY_KEY.get(key.strip().lower())
    if syntax is None:
        names = ", ".join(s.name for s in RDF_SYNTAXES)
        raise InputError(f"unknown RDF format {key!r}; use one of {names}")
    return syntax


def syntax_for_path(path: str | Path) -> RdfSyntax:
    """The syntax of a file, from its extension."""
    suffix = Path(path).suffix.lower()
    syntax = _BY_KEY.get(suffix) if suffix else None
    if syntax is None:
        known = ", ".join(ext for s in RDF_SYNTAXES for ext in s.extensions)
        raise InputError(f"{path}: cannot tell the RDF format from the extension (known: {known})")
    return syntax
