"""The forms of an operative verb, made by rule from its third-person label, and the lemma of a
form as written.

The verb scheme labels each concept in the third person ("recognizes", "takes note of", "is
mindful of"). A text writes the verb in other forms too: the base form after "We" ("We
recognize"), the -ing participle of a preambular paragraph ("Recognizing", "Taking note of"),
the -ed participle of a passive ("are invited to"), and the bare adjective of a preambular
paragraph ("Mindful of", "Convinced that", "Deeply concerned"). :func:`verb_forms` derives them
all; the scheme's ``igkg:inflection`` adds the forms the rules cannot make ("committing").

===========  ===============================================  =====================
form kind    example                                          where it is operative
===========  ===============================================  =====================
``third``    recognizes, takes note of, is concerned          a paragraph's opening, coordinated verbs
``base``     recognize, take note of, are concerned           after "We"; an imperative
``ing``      recognizing, taking note of                      a preambular opening, coordinated participles
``ed``       recognized, invited                              a passive ("are invited to")
``adj``      concerned, mindful of, convinced                 a preambular opening
===========  ===============================================  =====================
"""

from __future__ import annotations

import re

__all__ = ["FORM_KINDS", "verb_forms", "base_form", "ing_form", "ed_form", "kind_of_inflection", "is_past_participle"]

FORM_KINDS = ("third", "base", "ing", "ed", "adj")
_VOWELS = "aeiou"
#: Endings after which a final consonant is doubled (commit → committing, regret → regretting).
_DOUBLING = ("mit", "gret", "cur", "pel", "fer", "trol")
_PRONOUNS = ("its", "our", "their")


def base_form(third: str) -> str:
    """``recognizes`` → ``recognize``, ``stresses`` → ``stress``, ``applies`` → ``apply``."""
    word = third.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _doubles(base: str) -> bool:
    return (
        base.endswith(_DOUBLING)
        and len(base) >= 3
        and base[-1] not in _VOWELS + "wxy"
        and base[-2] in _VOWELS
        and base[-3] not in _VOWELS
    )


def ing_form(base: str) -> str:
    """``recognize`` → ``recognizing``, ``take`` → ``taking``, ``commit`` → ``committing``."""
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    if _doubles(base):
        return base + base[-1] + "ing"
    return base + "ing"


def ed_form(base: str) -> str:
    """``invite`` → ``invited``, ``urge`` → ``urged``, ``apply`` → ``applied``."""
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        return base[:-1] + "ied"
    if _doubles(base):
        return base + base[-1] + "ed"
    return base + "ed"


def _pronoun_variants(phrase: str) -> list[str]:
    """ "expresses its appreciation" → also "… our appreciation", "… their appreciation"."""
    words = phrase.split()
    if not any(w in _PRONOUNS for w in words):
        return [phrase]
    variants = []
    for pronoun in _PRONOUNS:
        variants.append(" ".join(pronoun if w in _PRONOUNS else w for w in words))
    return variants


def verb_forms(label: str) -> list[tuple[str, str]]:
    """(form, kind) pairs of a third-person label, lower case, most specific first."""
    words = label.lower().split()
    if not words:
        return []
    forms: list[tuple[str, str]] = []
    if words[0] == "is" and len(words) > 1:  # "is mindful of", "is concerned", "is committed to"
        rest = " ".join(words[1:])
        forms += [(f"is {rest}", "third"), (f"are {rest}", "base"), (f"am {rest}", "base")]
        forms += [(f"being {rest}", "ing"), (rest, "adj")]
    else:
        base = base_form(words[0])
        rest = (" " + " ".join(words[1:])) if len(words) > 1 else ""
        forms += [(words[0] + rest, "third"), (base + rest, "base")]
        forms += [(ing_form(base) + rest, "ing"), (ed_form(base) + rest, "ed")]
    expanded: list[tuple[str, str]] = []
    for form, kind in forms:
        expanded += [(variant, kind) for variant in _pronoun_variants(form)]
    return list(dict.fromkeys(expanded))


def kind_of_inflection(form: str) -> str:
    """The kind of a form the scheme lists as ``igkg:inflection``."""
    first = form.lower().split()[0] if form.split() else ""
    if first.endswith("ing"):
        return "ing"
    if first.endswith("ed") and not first.endswith("eed"):
        return "ed"
    if re.fullmatch(r"(?:is|are|am)", first):
        return "base" if first != "is" else "third"
    return "base"


#: English past participles that do not end in -ed (the irregular verbs a text may use after
#: "should be"): "given", "made", "held", "set up" …
_IRREGULAR_PARTICIPLES = frozenset(
    [
        "arisen", "awoken", "beaten", "become", "begun", "bent", "bid", "bitten", "blown", "borne",
        "born", "bought", "bound", "broadcast", "broken", "brought", "built", "burnt", "burst", "cast",
        "caught", "chosen", "come", "cost", "cut", "dealt", "done", "drawn", "driven", "eaten",
        "fallen", "fed", "felt", "fought", "found", "fled", "flown", "forbidden", "forecast",
        "forgiven", "forgotten", "frozen", "given", "gone", "got", "gotten", "grown", "heard", "held",
        "hidden", "hit", "hung", "hurt", "kept", "known", "laid", "led", "left", "lent", "let", "lit",
        "lost", "made", "meant", "met", "mistaken", "outgrown", "overcome", "overseen", "overtaken",
        "overthrown", "paid", "proven", "put", "quit", "read", "rebuilt", "recast", "redone", "remade",
        "reset", "retaken", "rethought", "rewritten", "ridden", "risen", "run", "said", "seen", "sent",
        "set", "shaken", "shed", "shown", "shut", "sold", "sought", "spent", "split", "spoken",
        "spread", "stood", "stolen", "struck", "stuck", "sung", "sunk", "sworn", "taken", "taught",
        "thought", "thrown", "told", "torn", "undergone", "understood", "undertaken", "undone",
        "upheld", "upset", "withdrawn", "withheld", "won", "worn", "written",
    ]
)


def is_past_participle(word: str) -> bool:
    """Whether ``word`` reads as a past participle ("strengthened", "given", "set"), so that "be"
    before it makes a passive; otherwise it is an adjective ("be answerable", "be open")."""
    lower = word.lower()
    return (lower.endswith("ed") and len(lower) > 3) or lower in _IRREGULAR_PARTICIPLES
