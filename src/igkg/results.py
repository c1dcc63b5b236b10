"""Query results as Python objects a person can use, and their conversion to Python values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
    #: Finds the short labels people read for IRIs ("WGEC #8", "TA ¶72", "IGF"); the graph sets
    #: it, and :attr:`labels` calls it once, when a table is first shown.
    label_lookup: Callable[[Iterable[str]], dict[str, str]] | None = field(default=None, repr=False, compare=False)
    _labels: dict[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def labels(self) -> dict[str, str]:
        """IRI → short label for the IRIs in the table (empty without a ``label_lookup``)."""
        if self._labels is None:
            iris = {t.value for row in self.rows for t in row if isinstance(t, ox.NamedNode)}
            self._labels = self.label_lookup(iris) if self.label_lookup is not None and iris else {}
        return self._labels

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

    def to_dataframe(self, *, iris: bool = False) -> Any:
        """The table as a pandas DataFrame of Python values, with a ``NAME_label`` column after
        each column of IRIs that have labels (unless ``iris``). Needs pandas
        (``pip install 'igkg[dataframe]'``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "ResultTable.to_dataframe() needs pandas: pip install 'igkg[dataframe]' (or pip install pandas)"
            ) from None
        labels = {} if iris else self.labels
        columns: dict[str, list[Any]] = {}
        for i, variable in enumerate(self.variables):
            terms = [row[i] for row in self.rows]
            columns[variable] = [python_value(t) for t in terms]
            if any(isinstance(t, ox.NamedNode) and t.value in labels for t in terms):
                columns[f"{variable}_label"] = [labels.get(t.value) if isinstance(t, ox.NamedNode) else None
                                                for t in terms]
        return pd.DataFrame(columns)

    def _repr_html_(self) -> str:
        """A table for notebooks: labels in place of IRIs (the IRI in the cell's title), every
        value escaped, a long cell that repeats the one above shown as 〃."""
        from html import escape

        from .namespaces import compact

        labels = self.labels
        head = "".join(f"<th>{escape(v)}</th>" for v in self.variables)
        body: list[str] = []
        previous: list[str] = []
        for terms in self.rows[:_HTML_ROWS]:
            cells: list[str] = []
            texts: list[str] = []
            for i, term in enumerate(terms):
                if isinstance(term, ox.NamedNode):
                    text = labels.get(term.value) or compact(term.value, for_display=True)
                    texts.append(text)
                    cells.append(f'<td title="{escape(term.value)}">{escape(text)}</td>')
                    continue
                text = "" if term is None else str(python_value(term))
                texts.append(text)
                if previous and len(text) >= 40 and previous[i] == text:
                    text = "〃"
                cells.append(f"<td>{escape(text)}</td>")
            previous = texts
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = len(self.rows) - _HTML_ROWS
        foot = f"<p>… and {more} more rows</p>" if more > 0 else ""
        count = len(self.rows)
        return (f'<table class="igkg-results"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
                f"</table>{foot}<p>{count} row{'s' if count != 1 else ''}</p>")

    def to_dicts(self) -> list[dict[str, Any]]:
        """Rows as plain dictionaries of Python values (unbound variables are left out)."""
        return [
            {v: python_value(t) for v, t in zip(self.variables, terms, strict=False) if t is not None}
            for terms in self.rows
        ]


@dataclass
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE query. In a notebook it shows as a small graph
    (``drawing``, set by :class:`igkg.KnowledgeGraph`), else as a count."""

    triples: list[ox.Triple]
    drawing: Callable[[GraphResult], str] | None = field(default=None, repr=False, compare=False)

    def _repr_html_(self) -> str:
        from html import escape

        if self.drawing is not None and self.triples:
            return self.drawing(self)
        return f"<p>{escape(str(len(self.triples)))} triples</p>"

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self.triples)


QueryResult = ResultTable | GraphResult | bool
_HTML_ROWS = 500
