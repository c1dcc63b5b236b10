"""The names the extractor recognises, read from the graph: nothing here is a list of names.

Agents (organizations, stakeholder groups, audiences) and processes are recognised by
``skos:prefLabel``, ``skos:altLabel``, ``skos:hiddenLabel`` and ``igkg:acronym``; instruments
also by ``eli:id_local`` and ``dcterms:title``; operative verbs by their labels and
``igkg:inflection`` in the verb scheme; topics by their labels in the topic scheme. Adding a
resource with a label to ``data/`` (or ``--data``) makes it recognisable. How labels are
matched (one trie per kind, whole words, leftmost-longest, case): :mod:`.labels`.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

from ..graph import Graph
from ..namespaces import concept_scheme
from ..results import ResultTable
from ..vocab import IGKG, ORG, SKOS
from .forms import kind_of_inflection, verb_forms
from .labels import LabelIndex, Match, case_sensitive, normalise_label, trie_pattern
from .variants import label_variants

__all__ = ["Match", "LabelIndex", "Lexicon", "lexicon_for", "build_lexicon", "normalise_label"]

_PREF = SKOS.prefLabel.value
VERB_SCHEME = concept_scheme("verb").value
TOPIC_SCHEME = concept_scheme("topic").value

_AGENTS = """SELECT DISTINCT ?s ?prop ?label ?type WHERE {
  VALUES ?root { foaf:Agent igkg:Process }
  ?s a ?type . ?type rdfs:subClassOf* ?root .
  VALUES ?prop { skos:prefLabel skos:altLabel skos:hiddenLabel igkg:acronym }
  ?s ?prop ?label . FILTER (isLiteral(?label))
}"""
_PROCESSES = """SELECT DISTINCT ?s WHERE { ?s a ?type . ?type rdfs:subClassOf* igkg:Process }"""
_INSTRUMENTS = """SELECT DISTINCT ?s ?prop ?label WHERE {
  ?s a ?type . ?type rdfs:subClassOf* igkg:Instrument .
  VALUES ?prop { skos:prefLabel skos:altLabel skos:hiddenLabel igkg:acronym eli:id_local dcterms:title }
  ?s ?prop ?label . FILTER (isLiteral(?label))
}"""
_CONCEPTS = (
    """SELECT DISTINCT ?s ?prop ?label ?scheme WHERE {
  VALUES ?scheme { <"""
    + VERB_SCHEME
    + "> <"
    + TOPIC_SCHEME
    + """> }
  ?s skos:inScheme ?scheme .
  VALUES ?prop { skos:prefLabel skos:altLabel skos:hiddenLabel igkg:inflection }
  ?s ?prop ?label . FILTER (isLiteral(?label))
}"""
)
_PROVISIONS = """SELECT DISTINCT ?p ?inst ?number ?parent WHERE {
  VALUES ?kind { igkg:Paragraph igkg:SubItem }
  ?p a ?kind ; eli:number ?number ; eli:is_part_of+ ?inst .
  ?inst a ?itype . ?itype rdfs:subClassOf* igkg:Instrument .
  OPTIONAL { ?p eli:is_part_of ?parent . ?parent a igkg:Paragraph }
}"""
_SUBJECTS = (
    """SELECT DISTINCT ?p ?topic WHERE {
  ?p dcterms:subject ?topic ; eli:number ?number . ?topic skos:inScheme <"""
    + TOPIC_SCHEME
    + """> .
}"""
)
_VERB_KINDS = (
    """SELECT DISTINCT ?s ?kind WHERE {
  ?s skos:inScheme <"""
    + VERB_SCHEME
    + """> ; igkg:verbKind ?kind .
}"""
)
_GOVERNING = """SELECT DISTINCT ?agent ?rel ?p WHERE {
  VALUES ?rel { igkg:mandatedBy igkg:establishedBy igkg:describedIn }
  ?agent ?rel ?p .
}"""
#: Which governing link wins when an agent has several in one instrument.
GOVERNING_RANK = {IGKG.mandatedBy.value: 0, IGKG.establishedBy.value: 1, IGKG.describedIn.value: 2}


@dataclass(frozen=True)
class VerbForm:
    iri: str
    operative: bool  # a third-person form (a label, or made from one), as coordinated verbs need
    kinds: frozenset[str] = frozenset({"third"})  # see :mod:`.forms`


@dataclass
class Lexicon:
    """Everything the extractor looks up, read once from a graph."""

    agents: LabelIndex
    instruments: LabelIndex
    topics: LabelIndex
    verbs: dict[str, VerbForm]
    verb_pattern: str  # every form, for the opening verb
    operative_pattern: str  # third-person forms only, for coordinated verbs
    labels: dict[str, str] = field(default_factory=dict)
    agent_types: dict[str, set[str]] = field(default_factory=dict)
    provisions: dict[tuple[str, str], str] = field(default_factory=dict)
    provision_instrument: dict[str, str] = field(default_factory=dict)
    provision_number: dict[str, str] = field(default_factory=dict)
    provision_parent: dict[str, str] = field(default_factory=dict)
    topic_provisions: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    topic_words: dict[str, set[str]] = field(default_factory=dict)
    governing: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    verb_kinds: dict[str, str] = field(default_factory=dict)  # verb IRI → its igkg:verbKind IRI
    reports: dict[str, str] = field(default_factory=dict)  # agent IRI → the report "of" it
    governments: str | None = None  # the stakeholder group "governments" ("the Government of X")
    processes: frozenset[str] = frozenset()  # named and mentioned, never addressed (not agents)
    organizations: frozenset[str] = frozenset()  # resources typed org:Organization
    directive: frozenset[str] = frozenset()  # verbs of the kinds encouraging and requesting
    _regexes: dict[str, re.Pattern[str] | None] = field(default_factory=dict, repr=False)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def verb_regex(self) -> re.Pattern[str] | None:
        """Every verb form of the scheme, matched at a place (longest first), compiled once."""
        return self._compiled("verbs", self.verb_pattern)

    def third_regex(self) -> re.Pattern[str] | None:
        """The third-person forms only (coordinated verbs, a subject's verb), compiled once."""
        return self._compiled("third", self.operative_pattern)

    def third_search(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Where the first third-person form in ``text[start:end]`` is (searched on the
        lower-cased text with a case-sensitive trie: the forms are lower case)."""
        if "third-lower" not in self._regexes:
            pattern = self.operative_pattern
            self._regexes["third-lower"] = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])") if pattern else None
        regex = self._regexes["third-lower"]
        lower = text[start:end].lower()
        if regex is None or len(lower) != end - start:
            third = self.third_regex()
            found = third.search(text, start, end) if third is not None else None
            return (found.start(), found.end()) if found is not None else None
        match = regex.search(lower)
        return (start + match.start(), start + match.end()) if match is not None else None

    def _compiled(self, name: str, pattern: str) -> re.Pattern[str] | None:
        if name not in self._regexes:
            self._regexes[name] = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I) if pattern else None
        return self._regexes[name]

    def agent_labels(self) -> list[str]:
        """Every name of an agent or process, as the data writes it (exact) or folded."""
        return [*self.agents.exact, *self.agents.folded]

    def provision(self, instrument: str, number: str) -> str | None:
        return self.provisions.get((instrument, number))

    def is_agent(self, iri: str) -> bool:
        """An organization, stakeholder group or audience: what an action can address (a process
        such as enhanced cooperation is named, never addressed)."""
        return iri not in self.processes

    def is_organization(self, iri: str) -> bool:
        return iri in self.organizations


def _text(term: object) -> str:
    """The lexical form of an IRI, blank node or literal (a quoted triple as N-Triples)."""
    return str(getattr(term, "value", term))


def _rows(kg: Graph, query: str) -> list[tuple[str, ...]]:
    result = kg.sparql(query)
    assert isinstance(result, ResultTable)
    return [tuple("" if t is None else _text(t) for t in row) for row in result.rows]


def _label_rows(kg: Graph, query: str) -> list[tuple[str, str, str, str, str]]:
    """(subject, property, label, language, extra) rows of a query selecting ``?s ?prop ?label``
    and optionally a fourth column (``extra``, "" without one); the language is read from the term."""
    result = kg.sparql(query)
    assert isinstance(result, ResultTable)
    rows = []
    for row in result.rows:
        if any(term is None for term in row):
            continue
        subject, prop, label = row[0], row[1], row[2]
        language = getattr(label, "language", None) or ""
        extra = _text(row[3]) if len(row) > 3 else ""
        rows.append((_text(subject), _text(prop), _text(label), language, extra))
    return rows


def _preferred(labels: dict[str, str], rank: dict[str, int], iri: str, label: str, language: str, prop: str) -> None:
    score = (0 if prop == _PREF else 4) + (0 if language.startswith("en") else 1 if not language else 2)
    if score < rank.get(iri, 99):
        rank[iri] = score
        labels[iri] = label


def build_lexicon(kg: Graph) -> Lexicon:
    """Read every label, verb form, provision and governing link the extractor needs."""
    labels: dict[str, str] = {}
    rank: dict[str, int] = {}
    agent_entries: list[tuple[str, str, bool]] = []
    agent_types: dict[str, set[str]] = defaultdict(set)
    for subject, prop, label, language, agent_type in _label_rows(kg, _AGENTS):
        agent_types[subject].add(agent_type)
        agent_entries.append((label, subject, case_sensitive(label, prop)))
        _preferred(labels, rank, subject, label, language, prop)
    instrument_entries = []
    for subject, prop, label, language, _ in _label_rows(kg, _INSTRUMENTS):
        instrument_entries.append((label, subject, case_sensitive(label, prop)))
        _preferred(labels, rank, subject, label, language, prop)
    forms: dict[str, tuple[str, set[str]]] = {}
    topic_entries = []
    topic_words: dict[str, set[str]] = defaultdict(set)
    concept_rows = _label_rows(kg, _CONCEPTS)
    # labels first (their forms win), then the scheme's own inflections
    concept_rows.sort(key=lambda row: (row[1].endswith("inflection"), row[1] != _PREF, row[0], row[2]))
    for subject, prop, label, language, scheme in concept_rows:
        _preferred(labels, rank, subject, label, language, prop)
        if scheme == VERB_SCHEME:
            made = (
                [(normalise_label(label).lower(), kind_of_inflection(label))]
                if prop.endswith("inflection")
                else [(normalise_label(f), k) for f, k in verb_forms(label)]
            )
            for form, kind in made:
                entry = forms.setdefault(form, (subject, set()))
                if entry[0] == subject:
                    entry[1].add(kind)
        elif not prop.endswith("inflection"):
            topic_entries.append((label, subject, False))
            topic_words[subject].update(w for w in re.findall(r"\w+", label.lower()) if len(w) > 3)
    verbs = {form: VerbForm(iri, "third" in kinds, frozenset(kinds)) for form, (iri, kinds) in forms.items()}
    agent_entries += label_variants(agent_entries)
    lexicon = Lexicon(
        agents=LabelIndex(agent_entries),
        instruments=LabelIndex(instrument_entries),
        topics=LabelIndex(topic_entries),
        verbs=verbs,
        verb_pattern=trie_pattern(verbs),
        operative_pattern=trie_pattern(f for f, v in verbs.items() if v.operative),
        labels=labels,
        agent_types=dict(agent_types),
        topic_words=dict(topic_words),
    )
    for provision, instrument, number, parent in _rows(kg, _PROVISIONS):
        lexicon.provisions[(instrument, number)] = provision
        lexicon.provision_instrument[provision] = instrument
        lexicon.provision_number[provision] = number
        if parent:
            lexicon.provision_parent[provision] = parent
    subjects: dict[tuple[str, str], list[str]] = defaultdict(list)
    for provision, topic in _rows(kg, _SUBJECTS):
        owner = lexicon.provision_instrument.get(provision)
        if owner:
            subjects[(owner, topic)].append(provision)
    lexicon.topic_provisions = {key: _outermost(value, lexicon) for key, value in subjects.items()}
    governing: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for agent, relation, provision in _rows(kg, _GOVERNING):
        if provision in lexicon.provision_instrument:
            governing[agent].append((GOVERNING_RANK[relation], provision))
    lexicon.governing = {agent: sorted(set(links)) for agent, links in governing.items()}
    lexicon.verb_kinds = dict(_rows(kg, _VERB_KINDS))  # type: ignore[arg-type]
    lexicon.directive = frozenset(
        verb for verb, kind in lexicon.verb_kinds.items() if kind.rsplit("/", 1)[-1] in ("encouraging", "requesting")
    )
    governments = lexicon.agents.folded.get("governments")
    lexicon.governments = sorted(governments)[0] if governments and len(governments) == 1 else None
    lexicon.reports = _reports(agent_entries, instrument_entries)
    lexicon.processes = frozenset(row[0] for row in _rows(kg, _PROCESSES))
    lexicon.organizations = frozenset(i for i, types in agent_types.items() if ORG.Organization.value in types)
    return lexicon


def _reports(agents: list[tuple[str, str, bool]], instruments: list[tuple[str, str, bool]]) -> dict[str, str]:
    """Agent → the instrument labelled "report of (the) <a label of the agent>" ("its report")."""
    by_label = {normalise_label(label).lower(): iri for label, iri, _cs in agents}
    reports: dict[str, str] = {}
    for label, iri, _cs in instruments:
        found = re.match(r"report of (?:the )?(.+)$", normalise_label(label).lower())
        if found and found.group(1) in by_label:
            reports.setdefault(by_label[found.group(1)], iri)
    return reports


def _outermost(provisions: list[str], lexicon: Lexicon) -> list[str]:
    """Drop sub-items whose paragraph is also in the list; keep document order."""
    chosen = set(provisions)
    kept = {p for p in chosen if lexicon.provision_parent.get(p) not in chosen}
    return sorted(kept, key=lambda p: provision_sort_key(lexicon.provision_number.get(p, "")))


def provision_sort_key(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group()) if digits else 10**9, number)


_CACHE: weakref.WeakKeyDictionary[Graph, tuple[int, Lexicon]] = weakref.WeakKeyDictionary()


def lexicon_for(kg: Graph) -> Lexicon:
    """The lexicon of a graph, built once and kept while the graph lives and does not change size."""
    cached = _CACHE.get(kg)
    size = len(kg)
    if cached is not None and cached[0] == size:
        return cached[1]
    lexicon = build_lexicon(kg)
    _CACHE[kg] = (size, lexicon)
    return lexicon
