"""Print precision, recall and F1 of `igkg extract` on the seed document and on the test
documents of tests/data/extract/ (the numbers in docs/extract.md): per document and field, units
aligned by content, the units found / in the gold, and the micro-average over every document.

    .venv/bin/python scripts/extract_scores.py

The seed's gold standard is the hand-modelled graph (data/recommendations/wgec-second-take.ttl),
read with SPARQL; each test document's gold standard is its *.gold.json file. A document the
extractor refuses scores zero (its error is printed).
"""

from __future__ import annotations

import json
from pathlib import Path

import igkg
from igkg.extractor.scoring import Score, format_table, gold_from_graph, score

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "data" / "sources" / "seed-wgec-second-take.txt"
SEED_IRI = "https://w3id.org/igkg/id/doc/wgec-second-take"
TEST_DOCUMENTS = ROOT / "tests" / "data" / "extract"


def scores() -> dict[str, dict[str, Score]]:
    kg = igkg.load()
    rows = {
        "seed (hand-modelled graph)": score(igkg.extract(SEED_TEXT, graph=kg).to_dict(), gold_from_graph(kg, SEED_IRI))
    }
    for gold_file in sorted(TEST_DOCUMENTS.glob("*.gold.json")):
        stem = gold_file.name.removesuffix(".gold.json")
        text = next(p for p in TEST_DOCUMENTS.glob(stem + ".*") if not p.name.endswith(".json"))
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        try:
            found = igkg.extract(text, graph=kg).to_dict()
        except igkg.IgkgError as error:
            print(f"{text.name}: {error}")
            found = {"recommendations": []}
        rows[f"{text.name} ({gold.get('layout', 'list')})"] = score(found, gold)
    return rows


if __name__ == "__main__":
    print(format_table(scores(), with_micro=True))
