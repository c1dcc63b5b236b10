"""The validation report both engines return: findings a data editor can read, and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Finding", "ValidationReport", "ENGINES"]

#: ``sparql``: the shapes compiled to SPARQL on Oxigraph (:mod:`.compiled`, the default);
#: ``pyshacl``: pySHACL on an rdflib copy of the graph (the reference).
ENGINES = ("sparql", "pyshacl")


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


def shorten(text: str) -> str:
    """A literal as the report shows it: quoted, cut at 60 characters."""
    return repr(text if len(text) <= 60 else text[:57] + "...")
