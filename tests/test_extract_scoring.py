"""The scorer aligns units by content: a missed, an extra or a reworded unit costs only itself."""

from __future__ import annotations

from typing import Any

from igkg.extractor.scoring import Score, align, micro, score

VERB = "https://w3id.org/igkg/concept/verb/"


def _unit(text: str, verb: str = "encourages", **extra: Any) -> dict[str, Any]:
    return {
        "text": text,
        "actions": [{"iri": VERB + verb, "as_written": verb.capitalize()}],
        "addressees": [],
        "mentions": [],
        "references": [],
        **extra,
    }


def _doc(*units: dict[str, Any]) -> dict[str, Any]:
    return {"recommendations": [{"position": k, **u} for k, u in enumerate(units, 1)]}


UNITS = [f"{verb.capitalize()} the forum to look at question number {n} in depth." for n, verb in enumerate("abcdefgh")]


def test_a_missed_unit_costs_only_itself() -> None:
    gold = _doc(*[_unit(t) for t in UNITS])
    found = _doc(*[_unit(t) for k, t in enumerate(UNITS) if k != 2])
    scores = score(found, gold)
    assert scores["units"] == Score(7, 0, 1)
    assert scores["actions"] == Score(7, 0, 1)


def test_an_extra_unit_costs_only_itself() -> None:
    gold = _doc(*[_unit(t) for t in UNITS])
    found = _doc(
        *[_unit(t) for t in UNITS[:4]], _unit("A heading read as a unit", "notes"), *[_unit(t) for t in UNITS[4:]]
    )
    scores = score(found, gold)
    assert scores["units"] == Score(8, 1, 0)
    assert scores["actions"] == Score(8, 1, 0)


def test_units_pair_by_similar_text_in_order() -> None:
    predicted = ["Encourages the IGF to act now", "Totally different words here", "Requests the MAG to report soon"]
    gold = ["Encourages the IGF to act now.", "Requests the MAG to report, soon."]
    assert align(predicted, gold) == {0: 0, 2: 1}


def test_structure_fields_only_when_the_gold_has_them() -> None:
    plain = _doc(_unit(UNITS[0]))
    assert set(score(plain, plain)) == {"units", "actions", "addressees", "mentions", "references", "as_written"}
    rich = _doc(_unit(UNITS[0], kind="operative", section="Funding"))
    wrong = _doc(_unit(UNITS[0], kind="preambular", section="Funding"))
    scores = score(wrong, rich)
    assert scores["kind"].f1 == 0.0 and scores["section"].f1 == 1.0


def test_micro_pools_the_counts() -> None:
    rows = {"a": {"actions": Score(3, 1, 0)}, "b": {"actions": Score(1, 0, 3), "mentions": Score(2, 0, 0)}}
    assert micro(rows, ["actions"]) == Score(4, 1, 3)
    assert micro(rows) == Score(6, 1, 3)
