"""Formats: the one registry of RDF syntaxes and result formats, the RDF reader, the RDF
writers, and the writers of query results (tables, CSV/TSV, SPARQL JSON, Markdown).

Modules: :mod:`.registry` (names, extensions, media types), :mod:`.rdf_reader` (every RDF file
igkg reads goes through it), :mod:`.rdf_writer`, :mod:`.result_writer`, :mod:`.rdflib_bridge`
(terms converted for rdflib at the edges: pySHACL, JSON-LD compaction).
"""

from __future__ import annotations

from .registry import RDF_SYNTAXES, RESULT_FORMATS, RdfSyntax, rdf_syntax, syntax_for_path

__all__ = ["RDF_SYNTAXES", "RESULT_FORMATS", "RdfSyntax", "rdf_syntax", "syntax_for_path"]
