"""Operative verbs in every sentence of a unit.

Each sentence (:func:`sentences`) contributes its main verb phrase, found at its start:

* a verb of the scheme in a paragraph-opening form: "Encourages", "Further requests",
  "Recalling also", "Noting with concern", "Taking note with appreciation of", "Mindful of",
  "Deeply concerned", "Having considered" (forms: :mod:`.forms`);
* "We" and a base form: "We recall", "We accordingly request", "We are concerned";
* "It is important / essential … that" (→ *recommends*);
* a subject named first (:mod:`.subjects`): "X should / must / may wish to" (→ *recommends*),
  "X are invited / encouraged to", "The Working Group concludes that";
* at the start of a list item, an imperative: "Improve the visibility of …" (→ *recommends*).

After the main verb, coordinated verbs of the same form count: "…, and recognize", "…, and
reaffirming", "… and invites", "…; requests", "and we invite", "…, and the Secretariat should".
Not operative: a verb inside quotation marks (another text's words), a verb of a subordinate
clause or of a third party ("as the IGF has requested", "how it should be implemented"), a
to-infinitive ("… and to explore"), a participle without "and" ("…, noting that …"). The same
concept may be found twice ("We recognize … We also recognize"); :mod:`.units` keeps it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .imperatives import imperative_at
from .lexicon import Lexicon, Match
from .sentences import boundaries, is_sub_point, quoted_spans, sentences
from .subjects import FoundVerb, gapped_subjects, important_that, subject_first

__all__ = ["FoundVerb", "Opening", "sentences", "find_actions", "opening_verb", "recommending_sentence", "RECOMMENDS"]

RECOMMENDS = "recommends"
_ADVERBS = (
    r"(?:also|further|furthermore|again|once\s+again|hereby|therefore|accordingly|moreover|additionally"
    r"|still|thus|equally|likewise|[a-z]+ly)"
)
_TRAILING = r"(?:also|further|again|once\s+again|furthermore|once\s+more)"
_QUALIFIER = (
    r"with\s+(?:deep\s+|great\s+|grave\s+|serious\s+|particular\s+|profound\s+|some\s+)?"
    r"(?:concern|appreciation|satisfaction|regret|interest|gratitude|alarm|approval)"
)
_NOT_AFTER_VERB = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "for",
        "from",
        "in",
        "by",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "than",
        "as",
    ]
)
_FIRST_WORD = re.compile(r"[^\W\d_][\w'-]*")
_LEAD = re.compile(
    r"[\s\"'(]*(?:(?:and|but|moreover|finally|lastly|in\s+addition|in\s+conclusion)\b,?\s*"
    r"|(?:further|furthermore|also|in\s+particular|in\s+this\s+regard|in\s+this\s+context|to\s+this\s+end"
    r"|therefore|accordingly|similarly|likewise|at\s+the\s+same\s+time),\s*)?",
    re.I,
)
_FOLLOWER = re.compile(r"\s*([\w']+|[^\w\s]|$)")


@dataclass(frozen=True)
class Opening:
    """The first word of a unit when no verb was found there (reported as an unknown verb)."""

    verb: str | None
    start: int
    end: int
    as_written_start: int


_ADVERB = re.compile(rf"{_ADVERBS}\s+", re.I)
_WE = re.compile(r"we\s+(?:(?:would(?:\s+like\s+to)?|wish\s+to|want\s+to)\s+)?", re.I)  # "We would welcome"
_WE_WHO = re.compile(r"we,\s+[^,;:.()\"]{2,80},\s*", re.I)  # "We, the participants, support …"
_INTRO = re.compile(r"[^,;:.\"]{3,120},\s*(?=we\s)", re.I)  # an introductory phrase before "we"
_WE_WORD = re.compile(r"(?<!\w)we(?!\w)", re.I)
_ARE = re.compile(r"are\s+", re.I)
_LABEL = re.compile(r"(?:(?:recommendation|rec\.)\s*\d+[a-z]?\s*[:.)-]\s*)?", re.I)
_HAVING = re.compile(rf"having\s+(?:{_ADVERBS}\s+)?", re.I)
_TAIL = re.compile(rf"(?:\s+{_TRAILING}(?=\s+\w))?(?:\s+{_QUALIFIER})?(?:\s+of(?!\w))?", re.I)
_AND_THIRD = re.compile(  # "and", "and in that regard", "and, to that end,", "; and"
    r"(?:(?:(?<=[\s,;])|^)(?:and|but|while)\s+(?:,?\s*(?:in\s+(?:that|this)\s+(?:regard|respect|context|connection)"
    r"|to\s+(?:that|this)\s+end|for\s+(?:that|this)\s+purpose)\s*,?\s+)?|[;,]\s*(?=[a-z]))",
    re.I,
)
_AND_BASE = re.compile(r"(?:(?<=[\s,;])(?:and|but)\s+(?P<we>we\s+)?|[;,]\s*(?P<we2>we\s+))", re.I)
_AND_PARTICIPLE = re.compile(r"(?<=[\s,;])and\s+", re.I)
_AND_MODAL = re.compile(rf"(?<=\s)and\s+(?:{_ADVERBS}\s+)?(?P<verb>should|must)\s+(?!be\b)[a-z]+", re.I)
_AND_PASSIVE = re.compile(rf"(?:,\s*|\s+)(?:and|but)\s+(?P<be>(?:is|are)\s+)?(?:{_ADVERBS}\s+)?(?=[a-z])", re.I)
_TO = re.compile(r"\s+to(?![\w-])", re.I)
_DANGLING_OF = re.compile(r"\s+of$", re.I)
_AND_CLAUSE = re.compile(r"(?:[,;]\s*(?:and|but)\s+|;\s*)(?=[a-zA-Z])")


@dataclass(frozen=True)
class _Hit:
    """A verb form of the scheme found at a place: where its phrase (adverbs included) starts."""

    phrase_start: int
    start: int
    end: int
    written: str


def _verb_at(
    text: str, position: int, end: int, lexicon: Lexicon, *, third: bool = False, adverbs: int = 2
) -> _Hit | None:
    """The longest verb form at ``position`` after up to ``adverbs`` adverbs ("Further requests",
    "We accordingly request"); an adverb-looking verb ("apply") is tried as a verb first."""
    pattern = lexicon.third_regex() if third else lexicon.verb_regex()
    if pattern is None:
        return None
    places = [position]
    for _ in range(adverbs):
        adverb = _ADVERB.match(text, places[-1], end)
        if adverb is None:
            break
        places.append(adverb.end())
    for place in reversed(places):
        verb = pattern.match(text, place, end)
        if verb is not None:
            return _Hit(position, verb.start(), verb.end(), verb.group())
    return None


def _form(text: str) -> str:
    return " ".join(text.lower().split())


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < position < b for a, b in spans)


def _follower_ok(text: str, end: int, phrase: str) -> bool:
    follower = _FOLLOWER.match(text, end)
    word = follower.group(1).lower() if follower else ""
    if not word or not word[0].isalnum():
        return bool(word) and word in ":,"  # "Encourages Member States:" (after a name) is fine
    if word == "in" and _IN_REGARD.match(text, end):
        return True  # "… and welcomes in this regard the continued engagement of …"
    if word in _NOT_AFTER_VERB and not phrase.endswith(" " + word) and " " not in phrase.strip():
        # a one-word verb before "to the …" may be a noun; "expresses its appreciation to" is not
        return _INFINITIVE.match(text, end) is not None
    return True


_THAT = re.compile(r"\bthat\b", re.I)
_IN_REGARD = re.compile(r"\s+in\s+(?:this|that)\s+(?:regard|respect|context|connection)\b", re.I)
_INFINITIVE = re.compile(r"\s*to\s+(?!(?:the|a|an|all|its|their|this|these|that|those)\b)[a-z]+")


def _with_tail(text: str, lexicon: Lexicon, hit: _Hit) -> int:
    """End of the phrase as written: "Recalling| also", "Noting| with concern", "Taking note
    with appreciation| of" ("of" only when the concept's label ends with it)."""
    tail = _TAIL.match(text, hit.end)
    if tail is None or tail.end() == hit.end:
        return hit.end
    dangling = _DANGLING_OF.search(tail.group())
    if dangling is not None and not lexicon.label(lexicon.verbs[_form(hit.written)].iri).endswith(" of"):
        return tail.end() - len(dangling.group())
    return tail.end()


def _verb(lexicon: Lexicon, written: str, kinds: set[str]) -> str | None:
    form = lexicon.verbs.get(_form(written))
    return form.iri if form is not None and form.kinds & kinds else None


def _main(
    text: str,
    start: int,
    end: int,
    lexicon: Lexicon,
    agents: list[Match] | None,
    first: bool,
    imperative: bool,
    first_person: bool = False,
    loose: bool = False,
    *,
    lower: bool = False,
) -> FoundVerb | None:
    lead = _LEAD.match(text, start, end)
    at = lead.end() if lead is not None else start
    important = important_that(text, at, end, lexicon)
    if important is not None:
        return important
    we = _WE.match(text, at, end)
    if we is None and (intro := _INTRO.match(text, at, end)) is not None and _WE_WORD.search(intro.group()) is None:
        we = _WE.match(text, intro.end(), end)  # "Two decades after the Summit, we reaffirm …"
    if we is None:
        we = _WE_WHO.match(text, at, end)
    hit = _verb_at(text, we.end(), end, lexicon) if we is not None else None
    if we is not None and hit is not None and (iri := _verb(lexicon, hit.written, {"base"})):
        return FoundVerb(iri, we.start(), _with_tail(text, lexicon, hit), "base")
    are = _ARE.match(text, we.end(), end) if we is not None else None
    hit = _verb_at(text, are.end(), end, lexicon) if are is not None else None
    if we is not None and hit is not None and (iri := _verb(lexicon, hit.written, {"adj"})):  # "We are also concerned"
        return FoundVerb(iri, we.start(), _with_tail(text, lexicon, hit), "base")
    label = _LABEL.match(text, at, end)
    at = label.end() if label is not None else at
    having = None
    hit = _verb_at(text, at, end, lexicon)
    if hit is None:
        adverbs = _ADVERB.match(text, at, end)
        having = _HAVING.match(text, adverbs.end() if adverbs else at, end)
        hit = _verb_at(text, having.end(), end, lexicon, adverbs=0) if having is not None else None
    if hit is not None:
        kinds = {"ed", "ing"} if having else {"third", "ing", "adj"}
        if (iri := _verb(lexicon, hit.written, kinds)) and (_follower_ok(text, hit.end, _form(hit.written)) or first):
            form = lexicon.verbs[_form(hit.written)]
            kind = "third" if "third" in form.kinds else ("ing" if "ing" in form.kinds or having else "adj")
            return FoundVerb(iri, hit.phrase_start, _with_tail(text, lexicon, hit), kind)
        if first and first_person and (iri := _verb(lexicon, hit.written, {"base"})):
            # under "We, the participants …:" a bare verb is the first person ("Reaffirm our …")
            return FoundVerb(iri, hit.phrase_start, _with_tail(text, lexicon, hit), "base")
        label_only = text[hit.end : end].strip(" .") == ""  # "Support." before "The IGF Secretariat is …"
        if (
            first
            and imperative
            and not label_only
            and _verb(lexicon, hit.written, {"base"})
            and not _YOU.match(text, hit.end, end)
        ):
            return _recommends(lexicon, hit.start, hit.end, "imperative")  # not "Thank you for …"
    subject = subject_first(text, at, end, lexicon, ())
    if subject is not None and (subject.subject is None or subject.subject[0] <= at + 1 or not imperative):
        return subject
    # "Stop treating …: every session should …": a clause before the subject may open with an imperative
    if first and imperative and not first_person:  # under a speaker's chapeau a bare verb is no imperative
        named = agents if agents is not None else lexicon.agents.find(text[:end])
        word = imperative_at(text, at, end, named, loose=loose, lower=lower)
        if word is not None:
            return _recommends(lexicon, word[0], word[1], "imperative")
    return subject


_YOU = re.compile(r"\s+you\b")


def _recommends(lexicon: Lexicon, start: int, end: int, kind: str) -> FoundVerb | None:
    form = lexicon.verbs.get(RECOMMENDS)
    return FoundVerb(form.iri, start, end, kind, no_addressee=True) if form is not None else None


def _coordinated(
    text: str, main: FoundVerb, end: int, lexicon: Lexicon, agents: list[Match], quotes: list[tuple[int, int]]
) -> list[FoundVerb]:
    found: list[FoundVerb] = []
    if main.kind == "third":
        for link in _AND_THIRD.finditer(text, main.end, end):
            hit = _verb_at(text, link.end(), end, lexicon, third=True, adverbs=1)
            if hit is None or _inside(link.start(), quotes):
                continue
            phrase = _form(hit.written)
            form = lexicon.verbs.get(phrase)
            if form is None or not form.operative:
                continue
            if link.group().lstrip()[:1] in ";," and not hit.written[:1].islower():
                continue  # "…; Notes" starts a new sentence, not a coordinated verb of this one
            if not _follower_ok(text, hit.end, phrase):
                continue
            found.append(FoundVerb(form.iri, hit.phrase_start, hit.end, "third"))
    elif main.kind in ("base", "plural", "ing", "adj"):
        base = main.kind in ("base", "plural")  # "We welcome … and invite", "The members thank … and hope"
        pattern = _AND_BASE if base else _AND_PARTICIPLE
        kinds = {"base"} if base else {"ing", "adj"}
        for link in pattern.finditer(text, main.end, end):
            hit = _verb_at(text, link.end(), end, lexicon, adverbs=2 if base else 1)
            if hit is None or _inside(link.start(), quotes):
                continue
            iri = _verb(lexicon, hit.written, kinds)
            if iri is None or not _follower_ok(text, hit.end, _form(hit.written)):
                continue
            we = "we" if link.groupdict().get("we") else ("we2" if link.groupdict().get("we2") else None)
            written = link.start(we) if we else hit.phrase_start
            found.append(FoundVerb(iri, written, _with_tail(text, lexicon, hit), "base" if base else main.kind))
    if main.kind == "passive":  # "… are urged to …, and are encouraged to …": the same subject's
        for link in _AND_PASSIVE.finditer(text, main.end, end):
            hit = _verb_at(text, link.end(), end, lexicon, adverbs=0)
            if hit is None or _inside(link.start(), quotes) or not _TO.match(text, hit.end, end):
                continue
            if (iri := _verb(lexicon, hit.written, {"ed"})) is not None:
                written = link.start("be") if link.group("be") else hit.start
                found.append(FoundVerb(iri, written, hit.end, "passive", main.subject))
    if main.kind in ("modal", "passive", "base", "plural"):
        for match in _AND_MODAL.finditer(text, main.end, end):
            if main.kind in ("base", "plural") and _THAT.search(text, main.end, match.start()):
                continue  # "We reiterate that the management … and should involve …": the clause's
            if not _inside(match.start(), quotes) and (
                rec := _recommends(lexicon, match.start("verb"), match.end("verb"), "modal")
            ):
                found.append(rec)
        for clause in _AND_CLAUSE.finditer(text, main.end, end):
            subject = subject_first(text, clause.end(), end, lexicon, agents, clause_only=True)
            if subject is not None and not _inside(clause.start(), quotes):
                found.append(subject)
    return found


def find_actions(
    text: str,
    lexicon: Lexicon,
    agents: list[Match],
    *,
    imperative: bool = False,
    opening: tuple[FoundVerb | None] | None = None,
    first_person: bool = False,
    loose_imperative: bool = False,
    spans: list[tuple[int, int]] | None = None,
) -> tuple[list[FoundVerb], Opening | None]:
    """Every operative verb of a unit's matching text, and the unknown opening word (when the
    first sentence has no main verb). ``imperative``: a list item of a report or messages, whose
    bare verb is a recommendation. ``opening``: the first sentence's verb, when
    :func:`opening_verb` already found it for this very text. ``first_person``: the units follow a
    chapeau "We, …:", so a bare verb is no imperative."""
    quotes = quoted_spans(text)
    actions: list[FoundVerb] = []
    unknown: Opening | None = None
    spans = sentences(text) if spans is None else spans
    labelled = False
    for index, (start, end) in enumerate(spans):
        if _inside(start, quotes):
            continue
        if index == 0 and opening is not None and not first_person:
            main = opening[0]
        elif index and is_sub_point(text, start):
            # a bulleted sub-point folded into its item opens like an item: "- The MAG should …",
            # "- Give priority to …"; a lower-case bare verb is an imperative only when the item's
            # lead-in has no verb that governs it ("For the 2027 meeting specifically: - hold …",
            # but "Requests the Secretariat to: - prepare …" is the request's complement)
            governed = bool(actions) and not text[start : start + 1].isupper()
            main = _main(
                text, start, end, lexicon, agents, True, imperative and not governed, first_person, loose_imperative,
                lower=not actions,
            )
        else:
            opens = index == 0 or (index == 1 and labelled)  # "Privacy. Protect personal data …"
            main = _main(text, start, end, lexicon, agents, opens, imperative, first_person, loose_imperative)
        if main is None:
            if index == 0 and len(spans) > 1 and lead_in(text, start, end):
                labelled = True
                continue  # "Privacy. Governments should …": a label, not an unknown verb
            if index == 0:
                word = _FIRST_WORD.search(text, start, end)
                if word is not None:
                    unknown = Opening(None, word.start(), word.end(), word.start())
                    # "Ponders … and invites …": later third-person verbs still count
                    actions += _coordinated(
                        text, FoundVerb("", start, word.end(), "third"), end, lexicon, agents, quotes
                    )
            continue
        chain = [main, *_coordinated(text, main, end, lexicon, agents, quotes)]
        actions += _with_gapped(text, chain, end, lexicon, agents)
    return [a for a in actions if a.verb], unknown


def _with_gapped(
    text: str, chain: list[FoundVerb], end: int, lexicon: Lexicon, agents: list[Match]
) -> list[FoundVerb]:
    """The verbs of a sentence, the last one that addresses an agent with its infinitive
    ("is encouraged to", "Invites X to") also addressing the gapped conjuncts after it."""
    for k in range(len(chain) - 1, -1, -1):
        verb = chain[k]
        directive = verb.verb in lexicon.directive
        if verb.kind == "passive" or (
            verb.kind in ("third", "base", "plural") and directive and not verb.no_addressee
        ):
            also = gapped_subjects(text, verb.end, end, lexicon, agents) if "and" in text[verb.end : end] else ()
            if also:
                chain[k] = replace(verb, also=also)
            break
    return chain


def opening_verb(
    text: str, lexicon: Lexicon, agents: list[Match] | None = None, *, imperative: bool = False
) -> FoundVerb | None:
    """The main verb of a text's first sentence (or ``None``): what makes a block a unit."""
    end = next(boundaries(text), (len(text), len(text)))[0]
    return _main(text, 0, end, lexicon, agents, True, imperative)


_LEAD_IN = re.compile(r"[\"'(]*[A-Z][\w'’-]*(?:[ ,]+[\w'’-]+){0,5}[.:]")


def lead_in(text: str, start: int, end: int) -> bool:
    """A sentence that is a label run into its paragraph ("Privacy.", "Freedom of association.",
    a bold lead-in in Markdown): at most six words, capitalised, ending with "." or ":"."""
    return _LEAD_IN.fullmatch(text, start, end) is not None


def recommending_sentence(text: str, lexicon: Lexicon) -> bool:
    """Whether some sentence of ``text`` recommends in its main clause: a modal after its
    subject ("Mechanisms for redress should exist", "The IGF should be strengthened"), a passive
    operative verb ("Member States are invited to …") or "It is important that …"; a modal in a
    subordinate clause ("agreed that the text should …") does not count."""
    lowered = text.lower()
    if not any(word in lowered for word in ("should", "must", "shall", "wish to", "ought to", "need", "is ", "are ")):
        return False
    for start, end in sentences(text):
        lead = _LEAD.match(text, start, end)
        at = lead.end() if lead is not None else start
        if important_that(text, at, end, lexicon) is not None:
            return True
        found = subject_first(text, at, end, lexicon, ())
        if found is not None and found.kind in ("modal", "passive"):
            return True
    return False
