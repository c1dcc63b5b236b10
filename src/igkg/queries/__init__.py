"""Queries: the named-query library (``queries/*.rq`` with their headers) and the resolution of
parameter values as people type them (a label, an acronym, a paragraph number) into RDF terms.

Modules: :mod:`.library` (reading and finding the ``.rq`` files), :mod:`.params` (resolving values).
"""

from __future__ import annotations

from .library import PARAMETER_TYPES, NamedQuery, Parameter, find_query, library, load_query

__all__ = ["PARAMETER_TYPES", "NamedQuery", "Parameter", "find_query", "library", "load_query"]
