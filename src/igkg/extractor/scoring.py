"""Precision, recall and F1 of an extraction against a gold standard, field by field.

Both sides are documents in the fixed JSON format (:mod:`.jsonout`); a hand-modelled document
in the graph is read into that format with SPARQL (:func:`gold_from_graph`). Items compared,
per recommendation position:

===============  ==========================================================
recommendations  (position, text)
actions          (position, verb IRI), counted with multiplicity
addressees       (position, agent IRI)
mentions         (position, agent or process IRI)
references       (position, instrument IRI, paragraph number or None)
===============  ==========================================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..graph import Graph
from ..namespaces import sparql_prologue
from ..results import ResultTable, python_value

__all__ = ["FIELDS", "Score", "score", "gold_from_graph", "format_table"]

FIELDS = ("recommendations", "actions", "addressees", "mentions", "references")


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _items(document: Mapping[str, Any], field: str) -> Counter[Hashable]:
    items: Counter[Hashable] = Counter()
    for rec in document["recommendations"]:
        position = rec["position"]
        if field == "recommendations":
            items[(position, " ".join(rec["text"].split()))] += 1
        elif field == "actions":
            items.update((position, a["iri"]) for a in rec["actions"])
        elif field in ("addressees", "mentions"):
            items.update({(position, a["iri"]) for a in rec[field]})
        elif field == "references":
            items.update({(position, r["instrument"]["iri"], r["paragraph"]) for r in rec["references"]})
    return items


def score(predicted: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, Score]:
    """Micro-averaged scores per field of ``predicted`` against ``gold`` (both in JSON format)."""
    scores = {}
    for field in FIELDS:
        found, wanted = _items(predicted, field), _items(gold, field)
        hits = sum((found & wanted).values())
        scores[field] = Score(hits, sum(found.values()) - hits, sum(wanted.values()) - hits)
    return scores


_RECS = """SELECT ?rec ?position ?text WHERE {
  ?rec eli:is_part_of ?doc ; a igkg:Recommendation ; igkg:position ?position ; igkg:text ?text .
} ORDER BY ?position"""
_ACTIONS = """SELECT ?rec ?action ?verb ?label WHERE {
  ?rec eli:is_part_of ?doc ; igkg:hasAction ?action . ?action igkg:verb ?verb ; igkg:actionPosition ?k .
  OPTIONAL { ?verb skos:prefLabel ?label }
} ORDER BY ?rec ?k"""
_ADDRESSEES = """SELECT ?rec ?agent ?label WHERE {
  ?rec eli:is_part_of ?doc ; igkg:hasAction/igkg:addressee ?agent .
  OPTIONAL { ?agent skos:prefLabel ?label }
}"""
_MENTIONS = """SELECT ?rec ?agent ?label WHERE {
  ?rec eli:is_part_of ?doc ; igkg:mentions ?agent .
  OPTIONAL { ?agent skos:prefLabel ?label }
}"""
_REFERENCES = """SELECT ?rec ?instrument ?label ?number ?provision ?written WHERE {
  ?rec eli:is_part_of ?doc ; igkg:qualifiedCitation ?citation .
  ?citation igkg:citedInstrument ?instrument ; igkg:asWritten ?written .
  OPTIONAL { ?citation igkg:citedProvision ?provision . ?provision eli:number ?number }
  OPTIONAL { ?instrument skos:prefLabel ?label }
}"""


def _select(kg: Graph, query: str, document: str) -> list[dict[str, Any]]:
    result = kg.store.query(sparql_prologue() + query, {"doc": ox.NamedNode(document)})
    assert isinstance(result, ResultTable)
    return [{v: python_value(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows]


def gold_from_graph(kg: Graph, document: str) -> dict[str, Any]:
    """A document of the graph (hand-modelled, say) in the fixed JSON format, read with SPARQL."""
    recs: dict[str, dict[str, Any]] = {}
    for row in _select(kg, _RECS, document):
        recs[row["rec"]] = {
            "position": row["position"],
            "text": row["text"],
            "actions": [],
            "addressees": [],
            "mentions": [],
            "references": [],
        }
    for row in _select(kg, _ACTIONS, document):
        if row["rec"] in recs and row["action"] not in {a.get("_node") for a in recs[row["rec"]]["actions"]}:
            recs[row["rec"]]["actions"].append(
                {"iri": row["verb"], "label": (row["label"] or "").lower(), "_node": row["action"]}
            )
    for query, field in ((_ADDRESSEES, "addressees"), (_MENTIONS, "mentions")):
        for row in _select(kg, query, document):
            entries = recs[row["rec"]][field] if row["rec"] in recs else []
            if row["agent"] not in {e["iri"] for e in entries}:
                entries.append({"iri": row["agent"], "label": row["label"] or ""})
    for row in _select(kg, _REFERENCES, document):
        refs = recs[row["rec"]]["references"] if row["rec"] in recs else []
        key = (row["instrument"], row["number"])
        if key not in {(r["instrument"]["iri"], r["paragraph"]) for r in refs}:
            refs.append(
                {
                    "instrument": {"iri": row["instrument"], "label": row["label"] or ""},
                    "paragraph": row["number"],
                    "iri": row["provision"],
                    "as_written": row["written"],
                }
            )
    for rec in recs.values():
        for action in rec["actions"]:
            action.pop("_node", None)
    title = kg.store.query(
        sparql_prologue() + "SELECT ?t WHERE { ?doc dcterms:title ?t }", {"doc": ox.NamedNode(document)}
    )
    assert isinstance(title, ResultTable)
    return {
        "source": document,
        "title": next(iter(title.column("t")), ""),
        "recommendations": sorted(recs.values(), key=lambda r: r["position"]),
        "unknown_verbs": [],
        "unresolved_references": [],
    }


def format_table(rows: Mapping[str, Mapping[str, Score]]) -> str:
    """A Markdown table: one row per document, F1 (precision/recall) per field."""
    head = "| document | " + " | ".join(FIELDS) + " |"
    lines = [head, "|" + "---|" * (len(FIELDS) + 1)]
    for name, scores in rows.items():
        cells = [f"{s.f1:.2f} ({s.precision:.2f}/{s.recall:.2f})" for s in (scores[f] for f in FIELDS)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
