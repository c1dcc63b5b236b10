"""What changed between two versions: one :class:`Change` per aligned unit, and a summary.

For a pair of units: a word-level text diff; verbs, addressees, citations and mentions added
and removed; and whether the unit got **stronger**, **weaker** or **mixed** on the verb
scheme's strength order (docs/diff.md): a unit is as strong as its strongest verb; it is stronger
or weaker when that rank rises or falls, and mixed when the rank stays but one verb was replaced
by a stronger one and another by a weaker one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .align import Pairing, align
from .units import Citation, Side, Unit

__all__ = ["Change", "Diff", "compare", "KINDS", "word_diff"]

#: The kinds of change, in the order the summary gives them.
KINDS = ("unchanged", "edited", "moved", "added", "removed", "split", "merged")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def word_diff(old: str, new: str) -> list[list[str]]:
    """``[["=", "The IGF "], ["-", "should"], ["+", "must"], …]``: words kept, removed, added."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[list[str]] = []

    def put(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            put("=", "".join(a[i1:i2]))
        else:
            put("-", "".join(a[i1:i2]))
            put("+", "".join(b[j1:j2]))
    return out


@dataclass
class Change:
    """One aligned piece: its kind, the 1-based positions on each side, and what changed."""

    kind: str
    old: list[int]
    new: list[int]
    old_units: list[Unit] = field(default_factory=list, repr=False)
    new_units: list[Unit] = field(default_factory=list, repr=False)
    edited: bool = False
    similarity: float | None = None

    def _verbs(self, units: list[Unit]) -> dict[str, str]:
        return {v.iri: v.label for u in units for v in u.verbs}

    def _agents(self, units: list[Unit], which: str) -> dict[str, str]:
        return {iri: label for u in units for iri, label in getattr(u, which).items()}

    def _citations(self, units: list[Unit]) -> dict[tuple[str, str | None], Citation]:
        return {(c.instrument, c.paragraph): c for u in units for c in u.citations}

    @property
    def verbs_added(self) -> list[str]:
        old = self._verbs(self.old_units)
        return [label for iri, label in self._verbs(self.new_units).items() if iri not in old]

    @property
    def verbs_removed(self) -> list[str]:
        new = self._verbs(self.new_units)
        return [label for iri, label in self._verbs(self.old_units).items() if iri not in new]

    def added_removed(self, which: str) -> tuple[list[str], list[str]]:
        old, new = self._agents(self.old_units, which), self._agents(self.new_units, which)
        return [v for k, v in new.items() if k not in old], [v for k, v in old.items() if k not in new]

    def citations_changed(self) -> tuple[list[Citation], list[Citation]]:
        old, new = self._citations(self.old_units), self._citations(self.new_units)
        return [c for k, c in new.items() if k not in old], [c for k, c in old.items() if k not in new]

    @property
    def strength(self) -> str | None:
        """``stronger``, ``weaker``, ``mixed``, or ``None`` (the same, or one side missing)."""
        if not self.old_units or not self.new_units:
            return None
        before = max(u.strength for u in self.old_units)
        after = max(u.strength for u in self.new_units)
        if after != before:
            return "stronger" if after > before else "weaker"
        old = {v.iri: v.strength for u in self.old_units for v in u.verbs}
        new = {v.iri: v.strength for u in self.new_units for v in u.verbs}
        removed = [r for iri, r in old.items() if iri not in new]
        added = [r for iri, r in new.items() if iri not in old]
        ups = sum(1 for a, r in zip(added, removed, strict=False) if a > r)
        downs = sum(1 for a, r in zip(added, removed, strict=False) if a < r)
        return "mixed" if ups and downs else None

    @property
    def text_diff(self) -> list[list[str]]:
        return word_diff(" ".join(u.text for u in self.old_units), " ".join(u.text for u in self.new_units))

    @property
    def changed(self) -> bool:
        return self.kind != "unchanged"

    def to_dict(self) -> dict[str, Any]:
        added_c, removed_c = self.citations_changed()
        addressees = self.added_removed("addressees")
        mentions = self.added_removed("mentions")
        out: dict[str, Any] = {
            "kind": self.kind, "old": self.old, "new": self.new,
            "verbs": {"added": self.verbs_added, "removed": self.verbs_removed},
            "strength": self.strength,
            "addressees": {"added": addressees[0], "removed": addressees[1]},
            "citations": {"added": [_citation(c) for c in added_c], "removed": [_citation(c) for c in removed_c]},
            "mentions": {"added": mentions[0], "removed": mentions[1]},
            "text": self.text_diff,
        }
        if self.kind == "moved":
            out["edited"] = self.edited
        if self.similarity is not None:
            out["similarity"] = round(self.similarity, 1)
        return out


def _citation(c: Citation) -> dict[str, Any]:
    return {"instrument": c.instrument_label, "instrument_iri": c.instrument, "paragraph": c.paragraph,
            "iri": c.iri, "as_written": c.as_written}


@dataclass
class Diff:
    """The comparison of two versions: both sides and every change, in the new version's order
    (removed units where they stood in the old one)."""

    old: Side
    new: Side
    changes: list[Change]

    @property
    def summary(self) -> dict[str, int]:
        counts = {kind: 0 for kind in KINDS}
        for change in self.changes:
            counts[change.kind] += 1
        counts["stronger"] = sum(1 for c in self.changes if c.strength == "stronger")
        counts["weaker"] = sum(1 for c in self.changes if c.strength == "weaker")
        counts["mixed"] = sum(1 for c in self.changes if c.strength == "mixed")
        return counts

    @property
    def differs(self) -> bool:
        return any(c.changed for c in self.changes)

    def ordered(self, changes_only: bool = False) -> list[Change]:
        """Strengthened and weakened units first, then the rest in document order."""
        chosen = [c for c in self.changes if c.changed or not changes_only]
        return sorted(chosen, key=lambda c: (c.strength not in ("stronger", "weaker", "mixed"),))

    def to_dict(self, changes_only: bool = False) -> dict[str, Any]:
        """The fixed JSON format of ``igkg diff --format json`` (docs/diff.md)."""
        return {
            "old": {"document": self.old.document, "label": self.old.label, "units": len(self.old.units)},
            "new": {"document": self.new.document, "label": self.new.label, "units": len(self.new.units)},
            "summary": self.summary,
            "changes": [c.to_dict() for c in self.ordered(changes_only)],
        }


def _place(change: Change) -> tuple[float, float]:
    if change.new:
        return (change.new[0], 0.0)
    return (change.old[0] - 0.5, 0.5)  # a removed unit: just before the unit that followed it


def compare(old: Side, new: Side) -> Diff:
    """Align the two versions and describe every change."""
    pairing: Pairing = align(old, new)
    changes: list[Change] = []
    for i, j, score in pairing.pairs:
        a, b = old.units[i], new.units[j]
        edited = a.normalised != b.normalised  # case, spacing and punctuation do not count
        kind = "moved" if (i, j) in pairing.moved else ("edited" if edited else "unchanged")
        changes.append(Change(kind, [a.position], [b.position], [a], [b], edited=edited, similarity=score))
    for i, parts in pairing.splits:
        units = [new.units[j] for j in parts]
        changes.append(Change("split", [old.units[i].position], [u.position for u in units], [old.units[i]], units,
                              edited=True))
    for parts, j in pairing.merges:
        units = [old.units[i] for i in parts]
        changes.append(Change("merged", [u.position for u in units], [new.units[j].position], units, [new.units[j]],
                              edited=True))
    changes += [Change("removed", [old.units[i].position], [], [old.units[i]], []) for i in pairing.removed]
    changes += [Change("added", [], [new.units[j].position], [], [new.units[j]]) for j in pairing.added]
    changes.sort(key=_place)
    return Diff(old, new, changes)
