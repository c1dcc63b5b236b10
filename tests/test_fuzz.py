"""Fuzzing with hypothesis: the loaders (random and mutated documents in every syntax, through the
guarded reader, and on the command line), the query-parameter parser, the SPARQL checks, and
JSON-LD context handling (reading any context; writing with the bundled one). The property is
always the same: an answer or an igkg error (exit code 0, 1 or 2, one line), never another
exception, a traceback or exit code 70.

Examples per test: ``IGKG_FUZZ_EXAMPLES`` (default 150; ``scripts/fuzz.py`` runs a longer campaign
and reports the counts)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import igkg
from cli_support import RunCli
from igkg.errors import IgkgError, ParameterError
from igkg.formats.rdf_reader import parse_data
from igkg.formats.rdf_writer import bundled_context, serialize_quads
from igkg.limits import QueryPolicy
from igkg.namespaces import expand
from igkg.queries.params import normalise_paragraph, resolve_parameters
from igkg.stores.policy import check_query
from paths import DATA
from w3c_support import canonical

EXAMPLES = int(os.environ.get("IGKG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
SYNTAXES = ["ttl", "nt", "nq", "trig", "jsonld", "xml"]
_SEED = parse_data((DATA / "extra-document.ttl").read_bytes(), "ttl")
SEEDS = {syntax: serialize_quads(_SEED, syntax) for syntax in SYNTAXES}
PIECES = [b"<", b">", b"<<", b">>", b'"', b'"""', b"'", b"\\", b"\\u", b"{", b"}", b"[", b"]", b"(", b")", b"&",
          b"&lol;", b"<!ENTITY x 'y'>", b"<!DOCTYPE r [", b"]>", b"@", b":", b"#", b"\n", b"\r", b"\x00", b"\xff",
          b"\xef\xbb\xbf", b"\xed\xa0\x80", b"@context", b'"@context": "http://example.org/c"', b"_:b", b".", b";"]


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, length, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + length % 8:]
    return data


edits = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 7),
                           st.one_of(st.sampled_from(PIECES), st.binary(max_size=6))), max_size=8)


def accepts_or_refuses(data: bytes, syntax: str) -> list[ox.Quad] | None:
    try:
        return parse_data(data, syntax, base_iri="https://example.org/fuzz/")
    except IgkgError:
        return None


@pytest.mark.parametrize("syntax", SYNTAXES)
@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_are_read_or_refused(syntax: str, data: bytes) -> None:
    accepts_or_refuses(data, syntax)


@pytest.mark.parametrize("syntax", SYNTAXES)
@FUZZ
@given(changes=edits)
def test_mutated_documents_are_read_or_refused(syntax: str, changes: list[tuple[int, int, bytes]]) -> None:
    accepts_or_refuses(_mutate(SEEDS[syntax], changes), syntax)


@pytest.mark.parametrize("syntax", ["ttl", "xml", "jsonld"])
@settings(max_examples=max(10, EXAMPLES // 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=edits)
def test_mutated_files_on_the_command_line_end_in_one_line(run_cli: RunCli, tmp_path: Path, syntax: str,
                                                           changes: list[tuple[int, int, bytes]]) -> None:
    path = tmp_path / f"fuzzed.{'rdf' if syntax == 'xml' else syntax}"
    path.write_bytes(_mutate(SEEDS[syntax], changes))
    result = run_cli("stats", "--data", path)
    assert result.code in (0, 2), result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    if result.code:
        assert result.err.startswith("igkg: error: ") and result.err.count("\n") == 1, result.err


@FUZZ
@given(text=st.text(max_size=60))
def test_paragraph_numbers_normalise_or_are_refused(text: str) -> None:
    try:
        number = normalise_paragraph(text)
    except ParameterError:
        return
    assert normalise_paragraph(number) == number


PARAMETERISED = [q for q in igkg.load().queries().values() if q.parameters]


@FUZZ
@given(query=st.sampled_from(PARAMETERISED), text=st.one_of(
    st.text(max_size=40), st.sampled_from(["Tunis Agenda", "IGF", "72(g)", "<>", '"}', "inst:", "http://", "\udcff",
                                           "ta:para-72", "} UNION { ?s ?p ?o", "\x00", "¶" * 30])))
def test_parameter_values_resolve_or_give_a_parameter_error(kg: igkg.KnowledgeGraph, query: Any, text: str) -> None:
    values = {p.name: (text if i == 0 else p.example) for i, p in enumerate(query.parameters)}
    try:
        bindings = resolve_parameters(kg.store, query, values)
    except IgkgError:
        return
    result = kg.store.query(query.text, bindings)
    assert result is not None


SPARQL_PIECES = ["SELECT", "*", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o", "SERVICE", "<http://e/>",
                 "FROM", "NAMED", "VALUES", "UNION", "OPTIONAL", "FILTER", "!", "^", '"', "'''", "#", "\n", "ex:a",
                 "PREFIX ex: <http://e/>", "BASE <http://b/>", ".", ";", "a", "1", "\\", "\udcff", "LOAD", "SILENT"]


@FUZZ
@given(pieces=st.lists(st.sampled_from(SPARQL_PIECES), max_size=40))
def test_any_query_text_is_checked_and_run_or_refused_in_one_piece(kg: igkg.KnowledgeGraph, pieces: list[str]) -> None:
    text = " ".join(pieces)
    try:
        check_query(text, QueryPolicy())
        kg.sparql(text)
    except IgkgError as error:
        assert "\n" not in str(error).strip() or "SPARQL syntax error" in str(error)


# -- JSON-LD contexts ------------------------------------------------------------------------------
IRIS = st.sampled_from(["http://example.org/a", "https://w3id.org/igkg/ontology#cites", "urn:x:1", "ex:b", "",
                        "@type", "@id", "_:b0", "relative", "http://example.org/%zz", "file:///etc/passwd"])
TERMS = st.sampled_from(["p", "q", "type", "@vocab", "@base", "@language", "@direction", "@version", "@protected",
                         "@propagate", "@import", "@type", "ex", "ex:p"])
DEFINITION = st.one_of(
    IRIS,
    st.fixed_dictionaries({"@id": IRIS}, optional={"@type": st.sampled_from(["@id", "@vocab", "@json", "xsd:integer"]),
                                                   "@container": st.sampled_from(["@list", "@set", "@index",
                                                                                  "@language", "@type", "@graph"]),
                                                   "@reverse": IRIS, "@protected": st.booleans()}),
    st.none(), st.integers(), st.booleans(),
)
CONTEXT = st.recursive(
    st.one_of(st.dictionaries(TERMS, DEFINITION, max_size=5), IRIS, st.just("http://example.org/context.jsonld")),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TERMS, inner, max_size=2)),
    max_leaves=8,
)
VALUES = st.recursive(st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none(), IRIS),
                      lambda inner: st.one_of(st.lists(inner, max_size=3),
                                              st.dictionaries(st.one_of(TERMS, st.sampled_from(["@id", "@value",
                                                                                                  "@list", "@graph"])),
                                                              inner, max_size=3)), max_leaves=10)


@FUZZ
@given(context=CONTEXT, body=st.dictionaries(st.one_of(TERMS, IRIS), VALUES, max_size=4))
def test_any_json_ld_context_is_read_or_refused_and_never_fetched(context: Any, body: dict[str, Any]) -> None:
    document = json.dumps({"@context": context, **body}).encode()
    try:
        parse_data(document, "jsonld", base_iri="https://example.org/doc.jsonld")
    except IgkgError:
        return
    top = context if isinstance(context, list) else [context]
    assert not any(isinstance(c, str) for c in top), "a string @context must be refused, never fetched"


TERM_IRIS = sorted({expand(v) or v for v in (d if isinstance(d, str) else d.get("@id", "")
                                             for d in bundled_context().values() if isinstance(d, (str, dict)))}
                   - {""}) + ["eli:cites"]


@FUZZ
@given(triples=st.lists(st.tuples(st.sampled_from(TERM_IRIS), st.one_of(
    st.text(max_size=6).map(ox.Literal), st.sampled_from(TERM_IRIS).map(ox.NamedNode),
    st.tuples(st.sampled_from(["1", "01", "true", "x"]), st.sampled_from(
        ["http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#boolean",
         "http://www.w3.org/2001/XMLSchema#date"])).map(lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))))),
    min_size=1, max_size=6))
def test_json_ld_compaction_with_the_bundled_context_loses_nothing(triples: list[tuple[str, Any]]) -> None:
    subject = ox.NamedNode("https://w3id.org/igkg/id/doc/fuzz")
    quads = []
    for predicate, obj in triples:
        try:
            quads.append(ox.Quad(subject, ox.NamedNode(predicate), obj))
        except ValueError:
            continue
    if any("eli:cites" in (q.predicate.value, getattr(q.object, "value", None)) for q in quads):  # a context prefix
        with pytest.raises(IgkgError, match="reads as the context's eli: prefix"):
            serialize_quads(quads, "jsonld")
        return
    back = parse_data(serialize_quads(quads, "jsonld"), "jsonld")
    assert canonical(back) == canonical(quads)
