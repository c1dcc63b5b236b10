"""Print how `igkg diff` scores against the gold pairs of tests/data/diff/: alignment and
per-field F1 (precision/recall) per pair and micro-averaged.

    .venv/bin/python scripts/diff_scores.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import igkg  # noqa: E402
from igkg.drafts.scoring import FIELDS, Score, score_diff  # noqa: E402

COLUMNS = ("alignment", *FIELDS)


def main() -> int:
    kg = igkg.load()
    totals = {name: Score() for name in COLUMNS}
    print("| pair | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for path in sorted((ROOT / "tests" / "data" / "diff").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        scores = score_diff(igkg.diff(ROOT / gold["old"], ROOT / gold["new"], graph=kg).to_dict(), gold)
        for name, score in scores.items():
            totals[name].true_positives += score.true_positives
            totals[name].false_positives += score.false_positives
            totals[name].false_negatives += score.false_negatives
        print(f"| {path.name.removesuffix('.gold.json')} | " + " | ".join(str(scores[c]) for c in COLUMNS) + " |")
    print("| **micro** | " + " | ".join(str(totals[c]) for c in COLUMNS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
