"""JSON-LD output: rdflib's compaction with the bundled ``@context``, with every literal kept.

rdflib's JSON-LD serializer writes every xsd:integer, xsd:boolean and xsd:double as a JSON number
or boolean as soon as a context is given (its ``use_native_types`` option is ignored then), so
``"007"^^xsd:integer`` came back as ``"7"`` and an ill-typed ``""^^xsd:integer`` as a plain
string. Here a literal is written natively only when its lexical form is the one a reader makes
from the JSON value again (``7``, ``true``); any other is written as ``{"@value", "@type"}``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rdflib
from rdflib.namespace import XSD
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES, Converter
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.plugins.shared.jsonld.keys import CONTEXT, GRAPH

__all__ = ["graph_to_jsonld"]

_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _native_is_exact(literal: rdflib.Literal) -> bool:
    lexical = str(literal)
    if literal.datatype == XSD.integer:
        return bool(_INTEGER.fullmatch(lexical)) and lexical != "-0"
    if literal.datatype == XSD.boolean:
        return lexical in ("true", "false")
    return literal.datatype == XSD.string


class _ExactConverter(Converter):
    def to_raw_value(self, graph: rdflib.Graph, s: Any, o: Any, nodemap: dict[str, Any]) -> Any:
        if isinstance(o, rdflib.Literal) and o.datatype in PLAIN_LITERAL_TYPES and not _native_is_exact(o):
            native, self.use_native_types = self.use_native_types, False
            try:
                return super().to_raw_value(graph, s, o, nodemap)
            finally:
                self.use_native_types = native
        return super().to_raw_value(graph, s, o, nodemap)


def graph_to_jsonld(graph: rdflib.Graph, context_data: dict[str, object]) -> bytes:
    """The graph as compacted JSON-LD with ``context_data`` inline (rdflib's ``from_rdf``, with
    the converter above)."""
    context = Context(context_data)
    converter = _ExactConverter(context, True, False)
    result = converter.convert(graph)
    if isinstance(result, list):
        result = {context.get_key(GRAPH): result}
    result[CONTEXT] = context_data
    return json.dumps(result, indent=1, separators=(",", ": "), sort_keys=True, ensure_ascii=False).encode("utf-8")
