"""igkg: the Internet-governance knowledge graph.

>>> import igkg
>>> kg = igkg.load()
>>> len(kg.query("recommendations"))
14
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    EndpointError,
    IgkgError,
    InputError,
    ParameterError,
    ParseError,
    QueryError,
    StoreError,
    ValidationFailed,
)
from .extract import ExtractedDocument, extract  # noqa: E402
from .graph import KnowledgeGraph, load  # noqa: E402
from .results import GraphResult, ResultTable, Row  # noqa: E402

__all__ = [
    "__version__",
    "load",
    "extract",
    "ExtractedDocument",
    "KnowledgeGraph",
    "ResultTable",
    "GraphResult",
    "Row",
    "IgkgError",
    "InputError",
    "ParseError",
    "QueryError",
    "ParameterError",
    "ValidationFailed",
    "EndpointError",
    "StoreError",
]
