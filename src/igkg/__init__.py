"""igkg: the Internet-governance knowledge graph.

>>> import igkg
>>> kg = igkg.load()
>>> len(kg.query("recommendations"))
14

The public API: :func:`load`, :func:`extract`, :func:`attach_text`, :class:`KnowledgeGraph`, the result types and
the errors. Importing ``igkg`` loads the core only; the extraction and explorer wings load
when first used. ``docs/architecture.md`` maps the packages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .api import KnowledgeGraph, attach_text, diff, extract, load
from .errors import (
    EndpointError,
    IgkgError,
    InputError,
    LimitError,
    ParameterError,
    ParseError,
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    StoreError,
    TextMismatch,
    ValidationFailed,
)
from .limits import InputLimits, QueryPolicy
from .results import GraphResult, ResultTable, Row

if TYPE_CHECKING:
    from .extractor.document import ExtractedDocument

__all__ = [
    "__version__",
    "load",
    "extract",
    "diff",
    "attach_text",
    "ExtractedDocument",
    "KnowledgeGraph",
    "ResultTable",
    "GraphResult",
    "Row",
    "IgkgError",
    "InputError",
    "ParseError",
    "LimitError",
    "QueryError",
    "QuerySyntaxError",
    "QueryRefused",
    "QueryTimeout",
    "ParameterError",
    "ValidationFailed",
    "EndpointError",
    "StoreError",
    "TextMismatch",
    "InputLimits",
    "QueryPolicy",
]


def __getattr__(name: str) -> Any:
    """``igkg.ExtractedDocument`` loads the extraction wing when first asked for."""
    if name == "ExtractedDocument":
        from .extractor.document import ExtractedDocument

        return ExtractedDocument
    raise AttributeError(f"module 'igkg' has no attribute {name!r}")
