"""Precision, recall and F1 of an extraction against a gold standard, field by field.

Both sides are documents in the fixed JSON format (:mod:`.jsonout`); a hand-modelled document
in the graph is read into that format with SPARQL (:func:`gold_from_graph`).

**Units are aligned by content**, not by position: each gold unit is paired with at most one
predicted unit whose normalised text is similar enough (``difflib`` ratio ≥ 0.6), in document
order (a monotone alignment that maximises the total similarity). A missed or an extra unit
therefore costs only itself: the units after it still meet their partners. Items compared, per
aligned unit (an unaligned predicted unit keeps its own key, so its items are false positives):

===========  ==================================================================
units        the unit itself (segmentation: found vs gold)
actions      (unit, verb IRI), counted with multiplicity
addressees   (unit, agent IRI)
mentions     (unit, agent or process IRI)
references   (unit, instrument IRI, paragraph number or None)
kind         (unit, preambular | operative)      -- only when the gold has ``kind``
section      (unit, section label)               -- only when the gold has ``section``
as_written   (unit, verb phrase as written)      -- only when the gold actions have it
===========  ==================================================================
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

import pyoxigraph as ox

from ..graph import Graph
from ..namespaces import sparql_prologue
from ..results import ResultTable, python_value
from ..scores import Score

__all__ = [
    "FIELDS",
    "CORE_FIELDS",
    "STRUCTURE_FIELDS",
    "Score",
    "score",
    "align",
    "micro",
    "gold_from_graph",
    "format_table",
]

#: The link fields: their pooled counts are the micro-average.
CORE_FIELDS = ("actions", "addressees", "mentions", "references")
#: Scored only when the gold has them (version-2 gold files).
STRUCTURE_FIELDS = ("kind", "section", "as_written")
FIELDS = ("units", *CORE_FIELDS)
_THRESHOLD = 0.6
_NORMAL = re.compile(r"[^\w]+")


def _normal(text: str) -> str:
    return _NORMAL.sub(" ", text.lower()).strip()


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < _THRESHOLD or matcher.quick_ratio() < _THRESHOLD:
        return 0.0
    return matcher.ratio()


def align(predicted: Sequence[str], gold: Sequence[str]) -> dict[int, int]:
    """Predicted index → gold index: the monotone pairing of similar texts with the largest
    total similarity (dynamic programming over the two sequences)."""
    p = [_normal(t) for t in predicted]
    g = [_normal(t) for t in gold]
    n, m = len(p), len(g)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 skip predicted, 1 skip gold, 2 pair
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [(best[i + 1][j], 0), (best[i][j + 1], 1)]
            similarity = _similarity(p[i], g[j])
            if similarity >= _THRESHOLD:
                options.append((best[i + 1][j + 1] + similarity, 2))
            best[i][j], move[i][j] = max(options)
    pairs: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        if move[i][j] == 2:
            pairs[i] = j
            i, j = i + 1, j + 1
        elif move[i][j] == 0:
            i += 1
        else:
            j += 1
    return pairs


def _items(rec: Mapping[str, Any], field: str, key: Hashable) -> Counter[Hashable]:
    items: Counter[Hashable] = Counter()
    if field == "units":
        items[key] += 1
    elif field == "actions":
        items.update((key, a["iri"]) for a in rec["actions"])
    elif field in ("addressees", "mentions"):
        items.update({(key, a["iri"]) for a in rec[field]})
    elif field == "references":
        items.update({(key, r["instrument"]["iri"], r["paragraph"]) for r in rec["references"]})
    elif field in ("kind", "section"):
        items[(key, rec.get(field))] += 1
    elif field == "as_written":
        items.update((key, " ".join(str(a.get("as_written", "")).split())) for a in rec["actions"])
    return items


def _scored_fields(gold: Mapping[str, Any]) -> tuple[str, ...]:
    recs = gold["recommendations"]
    extra = [f for f in ("kind", "section") if recs and all(f in r for r in recs)]
    if recs and all("as_written" in a for r in recs for a in r["actions"]) and any(r["actions"] for r in recs):
        extra.append("as_written")
    return (*FIELDS, *extra)


def score(predicted: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, Score]:
    """Scores per field of ``predicted`` against ``gold`` (both in the JSON format), with units
    aligned by content. Fields the gold does not annotate (``kind``, ``section``, ``as_written``
    in a version-1 file) are left out."""
    found_recs, gold_recs = predicted["recommendations"], gold["recommendations"]
    pairs = align([r["text"] for r in found_recs], [r["text"] for r in gold_recs])
    scores: dict[str, Score] = {}
    for field in _scored_fields(gold):
        found: Counter[Hashable] = Counter()
        wanted: Counter[Hashable] = Counter()
        for index, rec in enumerate(found_recs):
            found += _items(rec, field, ("gold", pairs[index]) if index in pairs else ("extra", index))
        for index, rec in enumerate(gold_recs):
            wanted += _items(rec, field, ("gold", index))
        hits = sum((found & wanted).values())
        scores[field] = Score(hits, sum(found.values()) - hits, sum(wanted.values()) - hits)
    return scores


def micro(rows: Mapping[str, Mapping[str, Score]], fields: Sequence[str] = CORE_FIELDS) -> Score:
    """The pooled counts of ``fields`` over every document (the micro-average)."""
    total = Score(0, 0, 0)
    for scores in rows.values():
        for field in fields:
            if field in scores:
                total = total + scores[field]
    return total


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


def _cell(result: Score | None) -> str:
    if result is None:
        return "–"
    return str(result)


def format_table(rows: Mapping[str, Mapping[str, Score]], *, with_micro: bool = False) -> str:
    """A Markdown table: one row per document, F1 (precision/recall) per field; the units column
    also gives units found / gold. ``with_micro`` adds the pooled row and the micro-F1 column."""
    fields = [f for f in (*FIELDS, *STRUCTURE_FIELDS) if any(f in s for s in rows.values())]
    head = "| document | " + " | ".join(fields) + (" | micro (links) |" if with_micro else " |")
    lines = [head, "|" + "---|" * (len(fields) + 1 + (1 if with_micro else 0))]
    table = dict(rows)
    if with_micro:
        table["micro-average"] = {f: micro(rows, [f]) for f in fields}
    for name, scores in table.items():
        cells = [_cell(scores.get(f)) for f in fields]
        if "units" in scores:
            units = scores["units"]
            cells[0] += (
                f" {units.true_positives + units.false_positives}/{units.true_positives + units.false_negatives}"
            )
        if with_micro:
            cells.append(_cell(micro({name: scores})))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
