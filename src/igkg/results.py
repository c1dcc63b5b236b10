"""Query results as Python objects a person can use, and their conversion to Python values."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from .vocab import XSD

__all__ = ["Term", "Row", "ResultTable", "GraphResult", "QueryResult", "python_value"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_INTEGER_TYPES = frozenset(
    t.value
    for t in (
        XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger, XSD.positiveInteger,
        XSD.nonPositiveInteger, XSD.negativeInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
        XSD.unsignedByte,
    )
)


def python_value(term: Term | None) -> Any:
    """IRIs become ``str``, numbers ``int`` / ``float`` / ``Decimal``, booleans ``bool``,
    other literals their lexical form (``str``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == XSD.decimal.value:
                return Decimal(term.value)
            if datatype in (XSD.double.value, XSD.float.value):
                return float(term.value)
            if datatype == XSD.boolean.value:
                return term.value in ("true", "1")
        except ValueError:
            return term.value
        return term.value
    return str(term)


class Row(Mapping[str, Any]):
    """One solution: ``row["text"]`` gives a Python value, ``row.term("text")`` the RDF term."""

    __slots__ = ("_variables", "_terms")

    def __init__(self, variables: Sequence[str], terms: Sequence[Term | None]) -> None:
        self._variables = variables
        self._terms = terms

    def __getitem__(self, key: str) -> Any:
        return python_value(self.term(key))

    def term(self, key: str) -> Term | None:
        try:
            return self._terms[self._variables.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._variables)

    def __len__(self) -> int:
        return len(self._variables)

    def __repr__(self) -> str:
        return f"Row({dict(self)!r})"


@dataclass
class ResultTable:
    """The solutions of a SELECT query: variables in projection order, rows of terms."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    @classmethod
    def from_solutions(cls, solutions: ox.QuerySolutions) -> ResultTable:
        variables = [v.value for v in solutions.variables]
        rows = [tuple(solution[i] for i in range(len(variables))) for solution in solutions]
        return cls(variables, rows)

    def __iter__(self) -> Iterator[Row]:
        return (Row(self.variables, terms) for terms in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        index = self.variables.index(name)
        return [python_value(terms[index]) for terms in self.rows]

    def to_dicts(self) -> list[dict[str, Any]]:
        """Rows as plain dictionaries of Python values (unbound variables are left out)."""
        return [
            {v: python_value(t) for v, t in zip(self.variables, terms, strict=False) if t is not None}
            for terms in self.rows
        ]


@dataclass
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE query."""

    triples: list[ox.Triple]

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self.triples)


QueryResult = ResultTable | GraphResult | bool
