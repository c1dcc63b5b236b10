"""SHACL validation with pySHACL (``--engine pyshacl``): the reference the compiled engine is tested against."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import SH

from ..errors import InputError
from ..formats.rdflib_bridge import quads_to_graph
from ..namespaces import compact
from ..stores.base import GraphStore
from .report import Finding, ValidationReport, shorten

__all__ = ["validate_with_pyshacl"]


def _show(node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return compact(str(node), for_display=True)
    if isinstance(node, rdflib.BNode):
        return "[]"
    return shorten(str(node))


def _path(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return compact(str(node))
    inverse = graph.value(node, SH.inversePath)
    return f"^{compact(str(inverse))}" if inverse is not None else "(path)"


def validate_with_pyshacl(store: GraphStore, shapes_path: Path) -> ValidationReport:
    """Validate every triple of the store against the shapes with pySHACL."""
    from pyshacl import validate

    shapes_graph = rdflib.Graph().parse(shapes_path, format="turtle")
    data = quads_to_graph(store.quads())
    try:
        _conforms, results, _text = validate(
            data, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True
        )
    except Exception as error:  # pySHACL reports broken shapes with its own exceptions
        raise InputError(f"{shapes_path}: the shapes cannot be used: {error}") from None
    assert isinstance(results, rdflib.Graph)
    findings = []
    # the report's own results: those of a nested shape (sh:node …) are sh:detail of the result
    # that names the outer shape's message, and are not findings of their own
    top = [r for report in results.subjects(rdflib.RDF.type, SH.ValidationReport)
           for r in results.objects(report, SH.result)]
    for result in top:
        severity = results.value(result, SH.resultSeverity)
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=_show(results.value(result, SH.focusNode)),
                path=_path(results, results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or "constraint not met"),
                value=_show(results.value(result, SH.value)),
            )
        )
    return ValidationReport(triples=len(data), findings=sorted(set(findings)))
