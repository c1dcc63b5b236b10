"""Turning what a person types (a label, an acronym, a paragraph number) into RDF terms.

Each parameter type resolves to one term, found with a lookup query in which the typed text
is itself a bound literal. Unknown or ambiguous values give a :class:`ParameterError` that
says what was expected and what comes close.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import pyoxigraph as ox

from ..errors import ParameterError
from ..namespaces import compact, expand, sparql_prologue
from ..results import ResultTable, Term
from ..stores.base import GraphStore
from ..vocab import FOAF, IGKG, SKOS, XSD
from .library import NamedQuery, Parameter

__all__ = ["resolve_parameters", "normalise_paragraph", "resolve_label"]

_LABELS = (
    "skos:prefLabel|skos:altLabel|igkg:acronym|igkg:inflection|eli:id_local|rdfs:label|"
    "dcterms:title|skos:notation"
)

#: The classes whose instances (or instances of their sub-classes) each type accepts.
_ROOTS: dict[str, tuple[ox.NamedNode, ...]] = {
    "agent": (FOAF.Agent, IGKG.Process),
    "instrument": (IGKG.Instrument,),
    "verb": (SKOS.Concept,),
}
_WHAT = {
    "agent": "organization, stakeholder group, audience or process",
    "instrument": "instrument",
    "verb": "operative verb",
    "node": "resource",
}

_MATCH_TYPED = sparql_prologue() + f"""SELECT DISTINCT ?s ?text ?root WHERE {{
  ?s {_LABELS} ?label .
  FILTER(LCASE(STR(?label)) = ?text)
  ?s a ?type .
  ?type rdfs:subClassOf* ?root .
}}"""
_MATCH_ANY = sparql_prologue() + f"""SELECT DISTINCT ?s ?text WHERE {{
  ?s {_LABELS} ?label .
  FILTER(LCASE(STR(?label)) = ?text)
}}"""
_LABELS_TYPED = sparql_prologue() + f"""SELECT DISTINCT ?label ?root WHERE {{
  ?s {_LABELS} ?label .
  ?s a ?type .
  ?type rdfs:subClassOf* ?root .
}}"""
_LABELS_ANY = sparql_prologue() + f"SELECT DISTINCT ?label WHERE {{ ?s {_LABELS} ?label . }}"
_EXISTS = "ASK WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } }"
_PROVISION = sparql_prologue() + """SELECT DISTINCT ?p ?instrument ?number WHERE {
  ?p eli:is_part_of+ ?instrument ;
     eli:number ?number .
}"""
_NUMBERS = sparql_prologue() + """SELECT ?number ?instrument WHERE {
  ?p eli:is_part_of ?instrument ; eli:number ?number ; igkg:sequence ?seq .
} ORDER BY ?seq"""
_LETTERS = sparql_prologue() + """SELECT ?number ?listed WHERE {
  ?paragraph eli:is_part_of ?instrument ; eli:number ?parent .
  OPTIONAL { ?item eli:is_part_of ?paragraph ; eli:number ?number ; igkg:sequence ?seq }
  BIND (EXISTS { ?instrument igkg:subItemsNotModelled ?paragraph } AS ?listed)
} ORDER BY ?seq"""

#: The labels results and the explorer show for a recommendation ("WGEC #8": the acronym of its
#: document or of the body the document was prepared within, then its position) and a
#: paragraph ("TA ¶72(g)": the instrument's acronym, then the number as cited).
_SHOWN_RECOMMENDATION = re.compile(r"^(?P<whole>.+?)\s*#\s*(?P<position>\d+)$")
_IS_CONCEPT = sparql_prologue() + "ASK WHERE { ?s a skos:Concept }"
_LABEL_STARTS = sparql_prologue() + f"""SELECT DISTINCT ?s WHERE {{
  ?s {_LABELS}|igkg:asWritten ?label .
  FILTER(STRSTARTS(LCASE(STR(?label)), ?start))
}}"""
_SECTION = sparql_prologue() + """SELECT DISTINCT ?s WHERE {
  ?s a igkg:Section ; eli:is_part_of ?instrument ; skos:prefLabel|rdfs:label ?label .
  FILTER(STRSTARTS(LCASE(STR(?label)), ?start))
}"""

_SHOWN_PARAGRAPH = re.compile(r"^(?P<whole>.+?)\s*¶\s*(?P<number>.+)$")
_RECOMMENDATION_AT = sparql_prologue() + """SELECT DISTINCT ?r WHERE {
  ?r a igkg:Recommendation ; igkg:position ?position ; eli:is_part_of ?doc .
  { ?doc igkg:acronym|skos:prefLabel|skos:altLabel|dcterms:title ?name }
  UNION { ?doc igkg:preparedWithin ?body . ?body igkg:acronym|skos:prefLabel|skos:altLabel ?name }
  FILTER(LCASE(STR(?name)) = ?text)
}"""

_PARAGRAPH = re.compile(
    r"^(?:¶+|§+|paras?\.?|paragraphs?|p\.)?\s*(?P<number>\d+)\s*"
    r"(?:\(\s*(?P<a>[a-z]{1,2})\s*\)|\.?(?P<b>[a-z]{1,2})\)?)?$",
    re.IGNORECASE,
)


def normalise_paragraph(text: str) -> str:
    """``"72 (g)"``, ``"72g"``, ``"¶72(g)"``, ``"para. 72(G)"`` → ``"72(g)"``; ``"69"`` → ``"69"``."""
    match = _PARAGRAPH.match(text.strip())
    if match is None:
        raise ParameterError(
            f"{text!r} is not a paragraph number: write it as cited, e.g. 69 or 72(g)"
        )
    letter = (match["a"] or match["b"] or "").lower()
    return f"{int(match['number'])}({letter})" if letter else str(int(match["number"]))


def _iri(text: str) -> ox.NamedNode | None:
    candidate = text.strip()
    if candidate.startswith("<") and candidate.endswith(">"):
        candidate = candidate[1:-1]
    if not re.match(r"^(https?|urn|file):", candidate):
        expanded = expand(candidate)
        if expanded is None:
            return None
        candidate = expanded
    try:
        return ox.NamedNode(candidate)
    except ValueError:
        raise ParameterError(f"{text!r} is not a valid IRI") from None


def _subjects(store: GraphStore, sparql: str, bindings: Mapping[str, Term]) -> list[ox.NamedNode]:
    result = store.query(sparql, bindings)
    assert isinstance(result, ResultTable)
    return [t for (t, *_rest) in result.rows if isinstance(t, ox.NamedNode)]


def _suggest(store: GraphStore, type_: str, text: str) -> str:
    labels: set[str] = set()
    roots = _ROOTS.get(type_)
    if roots:
        for root in roots:
            result = store.query(_LABELS_TYPED, {"root": root})
            assert isinstance(result, ResultTable)
            labels.update(str(v) for v in result.column("label") if v is not None)
    else:
        result = store.query(_LABELS_ANY)
        assert isinstance(result, ResultTable)
        labels.update(str(v) for v in result.column("label") if v is not None)
    by_lower = {label.lower(): label for label in labels}
    close = difflib.get_close_matches(text.lower(), list(by_lower), n=4, cutoff=0.6)
    return f"; did you mean {', '.join(repr(by_lower[c]) for c in close)}?" if close else ""


def resolve_label(store: GraphStore, type_: str, text: str) -> ox.NamedNode:
    """The one resource of the given type whose label, acronym or symbol is ``text``
    (case-insensitive; a leading "the" is ignored), or whose IRI is ``text``."""
    iri = _iri(text)
    if iri is not None:
        if not store.query(_EXISTS, {"s": iri}):
            raise ParameterError(f"{text!r}: no such resource in the graph")
        return iri
    wanted = " ".join(text.split()).lower()
    attempts = [wanted]
    if wanted.startswith("the "):
        attempts.append(wanted[4:])
    for attempt in attempts:
        found: list[ox.NamedNode] = []
        roots = _ROOTS.get(type_)
        if not roots:
            found += _subjects(store, _MATCH_ANY, {"text": ox.Literal(attempt)})
        for root in roots or ():
            found += _subjects(store, _MATCH_TYPED, {"text": ox.Literal(attempt), "root": root})
        unique = sorted(set(found), key=lambda n: n.value)
        if len(unique) > 1 and type_ == "node":
            # "Enhanced Cooperation" is the process and a topic: the thing, not the concept.
            things = [n for n in unique if not store.query(_IS_CONCEPT, {"s": n})]
            unique = things if len(things) == 1 else unique
        if len(unique) == 1:
            return unique[0]
        if len(unique) > 1:
            names = ", ".join(compact(n.value) for n in unique)
            raise ParameterError(f"{text!r} matches several resources ({names}); give the IRI instead")
    if type_ == "node":
        shown = _shown_label(store, " ".join(text.split()))
        if shown is not None:
            return shown
    what = _WHAT.get(type_, type_)
    raise ParameterError(f"no {what} is called {text!r}{_suggest(store, type_, text)}")


def _section(store: GraphStore, whole: str, name: str) -> ox.NamedNode | None:
    """"TA: Internet governance" (a section as results show it: its instrument, then its name,
    perhaps clipped)."""
    try:
        instrument = resolve_label(store, "instrument", whole)
    except ParameterError:
        return None
    start = name.rstrip("…").strip().lower()
    found = sorted(set(_subjects(store, _SECTION, {"instrument": instrument, "start": ox.Literal(start)})),
                   key=lambda n: n.value)
    return found[0] if len(found) == 1 else None


def _shown_label(store: GraphStore, text: str) -> ox.NamedNode | None:
    """The resource a displayed label names: "WGEC #8" (a recommendation by position in its
    document), "TA ¶72(g)" (a paragraph of an instrument); None when it is not such a label."""
    rec = _SHOWN_RECOMMENDATION.match(text)
    if rec is not None:
        found = _subjects(store, _RECOMMENDATION_AT, {
            "text": ox.Literal(rec["whole"].lower()),
            "position": ox.Literal(str(int(rec["position"])), datatype=XSD.integer)})
        unique = sorted(set(found), key=lambda n: n.value)
        if len(unique) > 1:
            names = ", ".join(compact(n.value) for n in unique)
            raise ParameterError(f"{text!r} matches several recommendations ({names}); give the IRI instead")
        return unique[0] if unique else None
    if text.endswith("…"):  # a label clipped for display: the one label it begins
        start = text[:-1].strip().lstrip("“\"").lower()
        found = sorted(set(_subjects(store, _LABEL_STARTS, {"start": ox.Literal(start)})), key=lambda n: n.value)
        if len(found) == 1:
            return found[0]
        whole, sep, name = text.partition(": ")
        if sep:  # "TA: Internet governan…": a section of an instrument
            return _section(store, whole, name)
        return None
    whole, sep, name = text.partition(": ")
    if sep:
        section = _section(store, whole, name)
        if section is not None:
            return section
    para = _SHOWN_PARAGRAPH.match(text)
    if para is not None:
        try:
            instrument = resolve_label(store, "instrument", para["whole"])
        except ParameterError:
            return None
        paragraph = _resolve_paragraph(store, para["number"], instrument)
        return paragraph if isinstance(paragraph, ox.NamedNode) else None
    return None


def _resolve_paragraph(store: GraphStore, text: str, instrument: ox.NamedNode | None) -> Term:
    iri = _iri(text) if ":" in text else None
    if iri is not None:
        return resolve_label(store, "node", text)
    if instrument is None:
        raise ParameterError("a paragraph needs its instrument: give the parameter instrument as well")
    number = normalise_paragraph(text)
    found = _subjects(store, _PROVISION, {"instrument": instrument, "number": ox.Literal(number)})
    if not found and "(" in number:
        _no_sub_item(store, instrument, number)
    if not found:
        numbers = store.query(_NUMBERS, {"instrument": instrument})
        assert isinstance(numbers, ResultTable)
        known = [str(v) for v in numbers.column("number") if v is not None]
        span = f" (it has {known[0]}–{known[-1]})" if known else " (it has no numbered paragraphs in the graph)"
        raise ParameterError(f"{compact(instrument.value)} has no paragraph {number}{span}")
    return found[0]


def _no_sub_item(store: GraphStore, instrument: ox.NamedNode, number: str) -> None:
    """Say why a lettered number such as 102(a) has no node, when its paragraph exists."""
    parent = number.split("(", 1)[0]
    rows = store.query(_LETTERS, {"instrument": instrument, "parent": ox.Literal(parent)})
    assert isinstance(rows, ResultTable)
    if not len(rows):
        return  # no such paragraph either: the caller says what the instrument has
    name = compact(instrument.value)
    if any(rows.column("listed")):
        raise ParameterError(
            f"{name} ¶{parent} has lettered sub-items that the graph does not model, so {number} "
            f"cannot be resolved; cite ¶{parent} instead"
        )
    letters = [str(n) for n in rows.column("number") if n is not None]
    has = f"it has {', '.join(letters)}" if letters else "it has no lettered sub-items in the graph"
    raise ParameterError(f"{name} has no sub-item {number}: ¶{parent} is there, but {has}")


def _resolve_integer(parameter: Parameter, text: str) -> ox.Literal:
    try:
        value = int(text.strip())
    except ValueError:
        raise ParameterError(f"{parameter.name} must be a whole number, not {text!r}") from None
    low, high = parameter.minimum, parameter.maximum
    if low is not None and high is not None and not low <= value <= high:
        raise ParameterError(f"{parameter.name} must be between {low} and {high}, not {value}")
    return ox.Literal(str(value), datatype=XSD.integer)


def resolve_parameters(
    store: GraphStore, query: NamedQuery, values: Mapping[str, str]
) -> dict[str, Term]:
    """Check the values against the query's declared parameters and resolve each to a term."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        takes = ", ".join(p.summary() for p in query.parameters) or "no parameters"
        raise ParameterError(f"query {query.name!r} has no parameter {unknown[0]!r}; it takes {takes}")
    bindings: dict[str, Term] = {}
    # Instruments first: a paragraph is looked up within its instrument.
    ordered = sorted(query.parameters, key=lambda p: p.type == "paragraph")
    for parameter in ordered:
        text = values.get(parameter.name, parameter.default)
        if text is None:
            raise ParameterError(
                f"query {query.name!r} needs a value for its parameter {parameter.name} "
                f"({parameter.description} Example: {parameter.name}={parameter.example})"
            )
        if not str(text).strip():
            raise ParameterError(f"parameter {parameter.name} is empty")
        try:
            str(text).encode("utf-8")
        except UnicodeEncodeError:
            raise ParameterError(f"parameter {parameter.name} is not valid text (bytes that are not UTF-8 "
                                 f"on the command line?)") from None
        if parameter.type in ("agent", "instrument", "verb", "node"):
            bindings[parameter.name] = resolve_label(store, parameter.type, text)
        elif parameter.type == "paragraph":
            instrument = next(
                (bindings[p.name] for p in query.parameters if p.type == "instrument" and p.name in bindings),
                None,
            )
            assert instrument is None or isinstance(instrument, ox.NamedNode)
            bindings[parameter.name] = _resolve_paragraph(store, text, instrument)
        elif parameter.type == "integer":
            bindings[parameter.name] = _resolve_integer(parameter, text)
        elif parameter.type == "iri":
            iri = _iri(text)
            if iri is None:
                raise ParameterError(f"{parameter.name} must be an IRI, not {text!r}")
            bindings[parameter.name] = iri
        else:
            bindings[parameter.name] = ox.Literal(text)
    return bindings
