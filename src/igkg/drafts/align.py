"""Aligning the units of two versions by content, in any order.

Each old unit is paired with the new unit most like it — text similarity (rapidfuzz) over the
normalised words, with a bonus for the same verbs, addressees and citations — best pairs first,
so a unit that moved is found where it went. Then what is left over is tried as a *split* (one
old unit whose words are spread over several new ones) or a *merge* (several old units in one
new one). Pairs out of their relative order are *moved*: the longest run of pairs that keep
their order stays in place, the others moved (the fewest moves that explain the new order).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .units import Side, Unit

__all__ = ["Pairing", "align", "similarity", "MATCH", "PART"]

#: The least similarity (0–100) for two units to be the same unit, edited.
MATCH = 55.0
#: How much of a part must be found in the whole for a split or merge (rapidfuzz partial ratio).
PART = 80.0
#: The share of the content words of the rest of a unit (beyond the part it was paired with) that
#: a neighbouring unit must carry to be the other part of a split or merge.
REST = 0.6


@dataclass
class Pairing:
    """What :func:`align` found: 1:1 pairs (old index, new index, similarity), splits (old index →
    new indexes), merges (old indexes → new index), and the leftovers."""

    pairs: list[tuple[int, int, float]]
    splits: list[tuple[int, list[int]]]
    merges: list[tuple[list[int], int]]
    removed: list[int]
    added: list[int]
    moved: set[tuple[int, int]]


def _structure(a: Unit, b: Unit) -> float:
    """0–1: how much of what a unit says (verbs, addressees, mentions, citations) the two share."""
    def said(unit: Unit) -> set[str]:
        cited = {c.iri or c.instrument for c in unit.citations}
        return {v.iri for v in unit.verbs} | set(unit.addressees) | set(unit.mentions) | cited

    left, right = said(a), said(b)
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


def similarity(a: Unit, b: Unit) -> float:
    """0–100: the words (the better of edit-distance and word-order-free ratios) and, a fifth,
    the structure."""
    text = max(fuzz.ratio(a.normalised, b.normalised), fuzz.token_sort_ratio(a.normalised, b.normalised))
    return 0.8 * text + 20.0 * _structure(a, b)


def _covers(whole: Unit, parts: list[Unit]) -> bool:
    """The parts, in order, say what the whole says (and each is a real piece of it)."""
    if len(parts) < 2 or any(fuzz.partial_ratio(p.normalised, whole.normalised) < PART for p in parts):
        return False
    joined = " ".join(p.normalised for p in parts)
    return fuzz.token_sort_ratio(joined, whole.normalised) >= MATCH + 15


def _remainder(whole: Unit, part: Unit) -> str:
    """The words of ``whole`` that ``part`` does not have (what another part would carry)."""
    a, b = whole.normalised.split(), part.normalised.split()
    kept = [w for tag, i1, i2, _j1, _j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if tag in ("delete", "replace") for w in a[i1:i2]]
    return " ".join(kept)


_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its",
    "of", "on", "or", "that", "the", "their", "these", "this", "those", "to", "was", "were", "which", "with", "will",
    "would",
})


def _content(text: str) -> set[str]:
    """Content words, cut to six letters (include / included / inclusion alike)."""
    return {word[:6] for word in text.split() if word not in _FUNCTION_WORDS}


def _carries_rest(whole: Unit, part: Unit, other: Unit) -> bool:
    """``other`` says what ``whole`` says beyond ``part``: a reworded second half of a split —
    most content words of the rest are in it."""
    rest = _content(_remainder(whole, part))
    if len(rest) < 3:
        return False
    return len(rest & _content(other.normalised)) / len(rest) >= REST


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes (into ``values``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k > 0 else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def align(old: Side, new: Side) -> Pairing:
    scores = sorted(((similarity(a, b), i, j) for i, a in enumerate(old.units) for j, b in enumerate(new.units)),
                    key=lambda t: (-t[0], abs(t[1] - t[2]), t[1]))
    free_old, free_new = set(range(len(old.units))), set(range(len(new.units)))
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in scores:
        if score < MATCH:
            break
        if i in free_old and j in free_new:
            pairs.append((i, j, score))
            free_old.discard(i)
            free_new.discard(j)
    splits: list[tuple[int, list[int]]] = []
    merges: list[tuple[list[int], int]] = []
    # A split: an old unit whose words spread over new units; one of them may have been paired
    # with it as an edit, the others are left over.
    for i, old_unit in enumerate(old.units):
        paired = [j for (a, j, _s) in pairs if a == i]
        candidates = sorted(paired + [j for j in free_new
                                      if fuzz.partial_ratio(new.units[j].normalised, old_unit.normalised) >= PART])
        split = len(candidates) >= 2 and _covers(old_unit, [new.units[j] for j in candidates])
        if not split and len(paired) == 1:  # the paired part kept most words; a neighbour got the rest
            j = paired[0]
            neighbours = [k for k in (j - 1, j + 1) if k in free_new]
            extra = [k for k in neighbours if _carries_rest(old_unit, new.units[j], new.units[k])]
            if extra:
                candidates, split = sorted([j, extra[0]]), True
        if split:
            splits.append((i, candidates))
            pairs = [p for p in pairs if p[0] != i]
            free_old.discard(i)
            free_new.difference_update(candidates)
    for j, new_unit in enumerate(new.units):
        if any(j in parts for _i, parts in splits):
            continue
        paired = [i for (i, b, _s) in pairs if b == j]
        candidates = sorted(paired + [i for i in free_old
                                      if fuzz.partial_ratio(old.units[i].normalised, new_unit.normalised) >= PART])
        merged = len(candidates) >= 2 and _covers(new_unit, [old.units[i] for i in candidates])
        if not merged and len(paired) == 1:
            i = paired[0]
            neighbours = [k for k in (i - 1, i + 1) if k in free_old]
            extra = [k for k in neighbours if _carries_rest(new_unit, old.units[i], old.units[k])]
            if extra:
                candidates, merged = sorted([i, extra[0]]), True
        if merged:
            merges.append((candidates, j))
            pairs = [p for p in pairs if p[1] != j]
            free_new.discard(j)
            free_old.difference_update(candidates)
    pairs.sort()
    keep = _longest_increasing([j for _i, j, _s in pairs])
    moved = {(i, j) for k, (i, j, _s) in enumerate(pairs) if k not in keep}
    return Pairing(pairs, splits, merges, sorted(free_old), sorted(free_new), moved)
