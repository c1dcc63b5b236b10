"""igkg's RDF readers against the W3C RDF 1.1 suites (Turtle, N-Triples, N-Quads, TriG, RDF/XML),
read in place from ../shared/testdata: every positive test parses, every evaluation test gives a
dataset isomorphic to the expected one (equal after RDFC-1.0), every negative test is refused
with the file named. Each file goes through igkg's guarded reader, so this also shows that the
limits refuse nothing valid. Known differences are strict xfails with their reason."""

from __future__ import annotations

import pytest

from igkg.errors import ParseError
from igkg.formats.rdf_reader import parse_data, parse_file
from w3c_support import RDF11, RDF_BASE, Case, canonical, manifest_cases, needs

SYNTAXES = {"rdf-turtle": "ttl", "rdf-n-triples": "nt", "rdf-n-quads": "nq", "rdf-trig": "trig", "rdf-xml": "xml"}
CASES = [case for suite in SYNTAXES for case in manifest_cases(RDF11 / suite, suite, RDF_BASE.format(suite))]
#: Expected pass counts, per suite (the README quotes them).
PASSING = {"rdf-turtle": 313, "rdf-n-triples": 70, "rdf-n-quads": 87, "rdf-trig": 356, "rdf-xml": 164}
KNOWN = {
    "rdf-xml:xml-canon-test001": "Oxigraph copies every namespace in scope (xmlns:rdf, xmlns:eg) into an "
                                 "rdf:parseType=\"Literal\" XML literal; the suite expects Exclusive XML "
                                 "Canonicalization, which keeps only the namespaces the literal uses",
    "rdf-xml:xml-canon-test002": "the same: Oxigraph does not canonicalize an XML literal",
}


def outcome(case: Case) -> str:
    syntax = SYNTAXES[case.suite]
    if "Negative" in case.kind:
        try:
            parse_file(case.action, syntax)
        except ParseError as error:
            assert error.path == str(case.action)
            return "refused"
        return "accepted a negative test"
    quads = parse_data(case.action.read_bytes(), syntax, base_iri=case.base)
    if case.kind.endswith("Eval") and case.result is not None:
        expected_syntax = "nq" if syntax in ("nq", "trig") else "nt"
        expected = parse_data(case.result.read_bytes(), expected_syntax,
                              base_iri=RDF_BASE.format(case.suite) + case.result.name)
        if canonical(quads) != canonical(expected):
            return "not isomorphic to the expected result"
    return "passed"


@needs(CASES, "the W3C RDF 1.1 suites")
def test_the_suites_are_complete_and_their_counts_known() -> None:
    counts = {suite: sum(1 for c in CASES if c.suite == suite) for suite in SYNTAXES}
    assert counts == {"rdf-turtle": 313, "rdf-n-triples": 70, "rdf-n-quads": 87, "rdf-trig": 356, "rdf-xml": 166}
    assert {s: counts[s] - sum(1 for k in KNOWN if k.startswith(s + ":")) for s in SYNTAXES} == PASSING


@needs(CASES, "the W3C RDF 1.1 suites")
@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[c.id])] if c.id in KNOWN else [])
    for c in CASES])
def test_w3c_rdf_case(case: Case) -> None:
    expected = "refused" if "Negative" in case.kind else "passed"
    assert outcome(case) == expected
