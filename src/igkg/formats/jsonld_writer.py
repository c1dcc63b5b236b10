"""JSON-LD output: rdflib's compaction with the bundled ``@context``, with every literal kept.

Two faults of rdflib's JSON-LD serializer lost data, and are worked around here:

* it writes every xsd:integer, xsd:boolean and xsd:double as a JSON number or boolean as soon as
  a context is given (its ``use_native_types`` option is ignored then), so ``"007"^^xsd:integer``
  came back as ``"7"`` and an ill-typed ``""^^xsd:integer`` as a plain string. Here a literal is
  written natively only when its lexical form is the one a reader makes from the JSON value
  again (``7``, ``true``); any other is written as ``{"@value", "@type"}``;
* it adds a second value of a property only when the first is truthy, so ``""``, ``0`` and
  ``false`` were overwritten by the next value (``ex:p "", "x"`` came back as ``ex:p "x"``). Here
  every value is kept.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rdflib
from rdflib.namespace import XSD
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES, Converter
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.plugins.shared.jsonld.keys import CONTEXT, GRAPH, LANG

from ..errors import InputError

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
    def add_to_node(self, graph: rdflib.Graph, s: Any, p: Any, o: Any, s_node: dict[str, Any],
                    nodemap: dict[str, Any]) -> None:
        scratch: dict[str, Any] = {}
        super().add_to_node(graph, s, p, o, scratch, nodemap)
        for key, new in scratch.items():
            if key not in s_node:
                s_node[key] = new
                continue
            old = s_node[key]
            term = self.context.terms.get(key)
            if term is not None and LANG in (term.container or ()) and isinstance(old, dict) and isinstance(new, dict):
                for language, value in new.items():  # a language map: merge per language
                    if language in old:
                        before = old[language] if isinstance(old[language], list) else [old[language]]
                        old[language] = before + (value if isinstance(value, list) else [value])
                    else:
                        old[language] = value
            else:
                s_node[key] = (old if isinstance(old, list) else [old]) + (new if isinstance(new, list) else [new])

    def to_raw_value(self, graph: rdflib.Graph, s: Any, o: Any, nodemap: dict[str, Any]) -> Any:
        if isinstance(o, rdflib.Literal) and o.datatype in PLAIN_LITERAL_TYPES and not _native_is_exact(o):
            native, self.use_native_types = self.use_native_types, False
            try:
                return super().to_raw_value(graph, s, o, nodemap)
            finally:
                self.use_native_types = native
        return super().to_raw_value(graph, s, o, nodemap)


def _check_schemes(graph: rdflib.Graph, context_data: dict[str, object]) -> None:
    """Refuse an IRI whose scheme is a term of the context (``eli:cites`` as an IRI in its own
    right): a reader would expand it with the context's ``eli`` prefix, and the data would change."""
    terms = {key for key in context_data if not key.startswith("@")}
    for triple in graph:
        for term in (*triple, *(t.datatype for t in triple if isinstance(t, rdflib.Literal) and t.datatype)):
            if isinstance(term, rdflib.URIRef):
                scheme, colon, rest = str(term).partition(":")
                if colon and scheme in terms and not rest.startswith("//"):
                    raise InputError(f"cannot write JSON-LD with the bundled context: the IRI <{term}> reads as the "
                                     f"context's {scheme}: prefix and would change; export as Turtle or N-Triples")


def graph_to_jsonld(graph: rdflib.Graph, context_data: dict[str, object]) -> bytes:
    """The graph as compacted JSON-LD with ``context_data`` inline (rdflib's ``from_rdf``, with
    the converter above)."""
    _check_schemes(graph, context_data)
    context = Context(context_data)
    converter = _ExactConverter(context, True, False)
    result = converter.convert(graph)
    if isinstance(result, list):
        result = {context.get_key(GRAPH): result}
    result[CONTEXT] = context_data
    return json.dumps(result, indent=1, separators=(",", ": "), sort_keys=True, ensure_ascii=False).encode("utf-8")
