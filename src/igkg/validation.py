"""SHACL validation of the graph with pySHACL, and a report a data editor can read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from .errors import InputError
from .formats.rdf_reader import parse_file
from .formats.rdflib_bridge import quads_to_graph
from .namespaces import compact
from .resources import ontology_dir
from .stores.base import GraphStore

__all__ = ["Finding", "ValidationReport", "validate_store", "description_report"]


@dataclass(frozen=True, order=True)
class Finding:
    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str
    message: str
    value: str = ""

    def line(self) -> str:
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    triples: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data: ``conforms``, counts, one object per finding."""
        return {
            "conforms": self.conforms, "triples": self.triples, "violations": len(self.violations),
            "warnings": len(self.warnings),
            "findings": [{"severity": f.severity, "focus": f.focus, "path": f.path or None, "message": f.message,
                          "value": f.value or None} for f in sorted(self.findings)],
        }

    def text(self) -> str:
        head = (
            f"{'Conforms' if self.conforms else 'Does not conform'}: {self.triples} triples, "
            f"{len(self.violations)} violations, {len(self.warnings)} warnings"
        )
        return "\n".join([head, *(f.line() for f in sorted(self.findings))])


def _show(node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return compact(str(node), for_display=True)
    if isinstance(node, rdflib.BNode):
        return "[]"
    text = str(node)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _path(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return compact(str(node))
    inverse = graph.value(node, SH.inversePath)
    return f"^{compact(str(inverse))}" if inverse is not None else "(path)"


def validate_store(store: GraphStore, shapes: Path | None = None) -> ValidationReport:
    """Validate every triple of the store against ``ontology/shapes.ttl`` (or ``shapes``)."""
    from pyshacl import validate

    shapes_path = shapes or ontology_dir() / "shapes.ttl"
    parse_file(shapes_path)  # strict syntax check with file, line and column
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
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
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


def description_report(triples: Iterable[ox.Triple], shapes: Path | None = None) -> ValidationReport:
    """Check a dataset description (:mod:`igkg.dataset`) on its own against the shapes
    (``igkgsh:DatasetDescriptionShape``: title, description, licence, publisher, version, counts)."""
    from .stores.oxigraph import OxigraphStore

    store = OxigraphStore()
    store.add(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return validate_store(store, shapes)
