"""The W3C JSON-LD 1.1 toRdf tests, read in place from ../shared/testdata: every evaluation test
that needs no other document gives a dataset isomorphic to the expected one, every negative test is
refused, and every test that would load another document (a remote or relative ``@context``, an
``@import``) is refused by igkg with its message: Oxigraph is given no document loader, so it
cannot open a URL or a file, and says so. Known differences are strict xfails with their reason."""

from __future__ import annotations

import json
from typing import Any

import pytest

from igkg.errors import IgkgError
from igkg.formats.rdf_reader import parse_data
from w3c_support import JSONLD, Case, canonical, jsonld_cases, needs

CASES = jsonld_cases()
REMOTE = "JSON-LD that loads a remote @context is refused (igkg never fetches contexts)"
DOTS = ("the base IRI holds dot segments (…/./…, …/../…): Oxigraph resolves against it as written, where "
        "RFC 3986 removes them after merging")
DIRECTION = ("Oxigraph (RDF 1.2) keeps @direction as a directional language tag (\"…\"@de--rtl); the JSON-LD 1.1 "
             "suite, without the rdfDirection option, expects the direction dropped")
RDF_DIRECTION = "the rdfDirection option (i18n-datatype, compound-literal; non-normative) is not offered by Oxigraph"
GENERALIZED = ("produceGeneralizedRdf: a blank-node predicate is not RDF; Oxigraph refuses the document rather than "
               "produce generalized RDF")
JSONLD_10 = "a JSON-LD 1.0-only test: Oxigraph is a 1.1 processor and reports the conflicting term expansion"
MODE_10 = ("processingMode json-ld-1.0 (or an error that only 1.0 raises): Oxigraph always processes as JSON-LD "
           "1.1, where this document is valid")
KNOWN = {
    "t0122": DOTS, "t0123": DOTS, "te091": DOTS,
    "te062": "a network-path reference (//example.org/../scheme-relative): Oxigraph keeps its dot segments",
    "tc013": "type-scoped contexts: Oxigraph applies the containing type's scoped context to a node of an @type "
             "map, where the suite says the type index's own context wins",
    "tdi02": DIRECTION, "tdi04": DIRECTION, "tdi05": DIRECTION, "tdi06": DIRECTION,
    "tdi09": RDF_DIRECTION, "tdi10": RDF_DIRECTION, "tdi11": RDF_DIRECTION, "tdi12": RDF_DIRECTION,
    "t0118": GENERALIZED, "te075": GENERALIZED, "te026": JSONLD_10, "te071": JSONLD_10,
    "tli12": "an invalid @base (http://invalid/<>/): Oxigraph refuses the document; the suite expects the "
             "relative IRI dropped and the rest kept",
    "te077": "the expandContext option (the context given as a second document) has no equivalent in igkg, which "
             "reads one document: the input is read without it",
    **dict.fromkeys(["tc029", "te115", "te116", "tep02", "ter21", "ter24", "ter32", "ter42", "ttn01"], MODE_10),
}
MISSING = {c.name: f"its input {c.action.relative_to(JSONLD)} is not in ../shared/testdata (only toRdf/ was copied)"
           for c in CASES if not c.action.exists()}


def _json_terms(document: Any) -> set[str]:
    """Terms any context of the document types as ``@json``: their values are data."""
    found: set[str] = set()
    if isinstance(document, list):
        for item in document:
            found |= _json_terms(item)
    elif isinstance(document, dict):
        for key, value in document.items():
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    if isinstance(context, dict):
                        found |= {t for t, d in context.items() if isinstance(d, dict) and d.get("@type") == "@json"}
            found |= _json_terms(value)
    return found


def loads_a_document(document: Any, data_terms: set[str] | None = None) -> bool:
    """Whether a JSON-LD document names a context to load: a string ``@context`` (or one in an
    array), or an ``@import``. JSON literals (``@value``, ``@json`` terms) are data, not contexts."""
    data_terms = _json_terms(document) if data_terms is None else data_terms
    if isinstance(document, list):
        return any(loads_a_document(item, data_terms) for item in document)
    if not isinstance(document, dict):
        return False
    for key, value in document.items():
        if key == "@value" or key in data_terms:
            continue
        if key == "@context":
            contexts = value if isinstance(value, list) else [value]
            if any(isinstance(c, str) or (isinstance(c, dict) and isinstance(c.get("@import"), str))
                   for c in contexts):
                return True
        if loads_a_document(value, data_terms):
            return True
    return False


def outcome(case: Case) -> str:
    data = case.action.read_bytes()
    option: dict[str, Any] = case.extra["option"]  # type: ignore[assignment]
    base = option.get("base", case.base)
    try:
        quads = parse_data(data, "jsonld", base_iri=base)
    except IgkgError as error:
        if REMOTE in str(error):
            return "refused: loads a document"
        return "refused"
    if case.kind == "NegativeEvaluationTest":
        return "accepted"
    if case.kind == "PositiveEvaluationTest" and case.result is not None:
        expected = parse_data(case.result.read_bytes(), "nq", base_iri=base)
        if canonical(quads) != canonical(expected):
            return "not isomorphic to the expected result"
    return "passed"


def expected(case: Case) -> str:
    if loads_a_document(json.loads(case.action.read_bytes())):
        return "refused: loads a document"
    return "refused" if case.kind == "NegativeEvaluationTest" else "passed"


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    if case.name in MISSING:
        return [pytest.mark.skip(reason=MISSING[case.name])]
    return [pytest.mark.xfail(strict=True, reason=KNOWN[case.name])] if case.name in KNOWN else []


@needs(CASES, "the W3C JSON-LD 1.1 API suite")
def test_the_suite_is_complete_and_its_counts_known() -> None:
    assert len(CASES) == 467
    runnable = [c for c in CASES if c.name not in MISSING]
    loading = sum(1 for c in runnable if loads_a_document(json.loads(c.action.read_bytes())))
    assert (len(runnable), loading, len(KNOWN), len(MISSING)) == (466, 20, 28, 1)


@needs(CASES, "the W3C JSON-LD 1.1 API suite")
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=_marks(c)) for c in CASES])
def test_w3c_jsonld_to_rdf_case(case: Case) -> None:
    assert outcome(case) == expected(case)
