"""Every literal through every export format and back, byte for byte (hypothesis-generated: NUL,
CR, RTL marks, triple quotes, backslashes, emoji, any character but a lone surrogate, which
cannot enter the graph at all). RDF/XML is read back by a standard XML parser too (rdflib's,
on expat): what XML 1.0 cannot carry is refused with the triple named, a CR comes back as a CR.
Was: NUL / U+0001 gave ill-formed XML, and a raw CR was written, so CRLF came back as LF."""

from __future__ import annotations

import os
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_support import RunCli
from igkg.errors import InputError
from igkg.formats.rdf_reader import parse_data
from igkg.formats.rdf_writer import serialize_quads

#: Examples per format in CI; IGKG_FUZZ_EXAMPLES runs more (scripts/fuzz.py).
EXAMPLES = int(os.environ.get("IGKG_FUZZ_EXAMPLES", "150"))
SUBJECT, PREDICATE = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
SPECIAL = ["\x00", "\x01", "\x1f", "\r", "\r\n", "\n", "\t", '"""', "'''", '"', "'", "\\", "\\u0041", "\u200f",
           "\u202e", "\u2028", "\u0085", "😀", "👩‍👩‍👧", "\ufffe", "\uffff", "\ufeff", "]]>", "<&>", "@en", "^^",
           " ", "\u00a0", "é", "e\u0301", "\U0010ffff"]
XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPES = [XSD + "integer", XSD + "decimal", XSD + "boolean", XSD + "date", "https://example.org/type"]
LANGUAGES = ["en", "fr-BE", "zh-Hant-TW", "de-CH-1996"]
NOT_XML = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}

text = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(st.characters(exclude_categories=["Cs"]), max_size=8)),
                max_size=8).map("".join)
literals = st.one_of(
    text.map(ox.Literal),
    st.tuples(text, st.sampled_from(LANGUAGES)).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.tuples(text, st.sampled_from(DATATYPES)).map(lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))),
    st.tuples(st.sampled_from(["007", "-0", "+1", "1.50", "0.0", "true", "1", "2026-12-01"]),
              st.sampled_from(DATATYPES)).map(lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))),
)


def same(back: ox.Literal | object, literal: ox.Literal) -> bool:
    return isinstance(back, ox.Literal) and (back.value, back.language, back.datatype) == (
        literal.value, literal.language, literal.datatype)


@pytest.mark.parametrize("syntax", ["ttl", "nt", "nq", "trig", "jsonld"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(literal=literals)
def test_every_literal_comes_back_byte_for_byte(syntax: str, literal: ox.Literal) -> None:
    data = serialize_quads([ox.Quad(SUBJECT, PREDICATE, literal)], syntax)
    (quad,) = parse_data(data, syntax)
    assert same(quad.object, literal), (data, quad.object)


@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(literal=literals)
def test_rdf_xml_carries_what_xml_can_and_refuses_the_rest(literal: ox.Literal) -> None:
    quad = ox.Quad(SUBJECT, PREDICATE, literal)
    if NOT_XML & set(literal.value):
        with pytest.raises(InputError, match=r"cannot write RDF/XML: the literal .* of <https://example.org/s> "
                                             r"<https://example.org/p> holds U\+[0-9A-F]{4}, which an XML 1.0 "
                                             r"document cannot carry"):
            serialize_quads([quad], "xml")
        return
    data = serialize_quads([quad], "xml")
    assert b"\r" not in data, "a CR is written as &#13;"
    (back,) = parse_data(data, "xml")
    assert same(back.object, literal)
    (element,) = ElementTree.fromstring(data).iter("{https://example.org/}p")  # a standard parser: expat
    assert (element.text or "") == literal.value
    assert element.get("{http://www.w3.org/XML/1998/namespace}lang") == literal.language


def test_a_crlf_survives_rdf_xml_and_a_nul_is_refused_naming_the_triple(run_cli: RunCli, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    data = folder / "controls.nt"
    data.write_text('<https://example.org/s> <https://example.org/p> "line one\\r\\nline two" .\n')
    out = folder / "out.rdf"
    assert run_cli("export", "-f", "xml", "-o", out, "--data", data).code == 0
    assert "line one&#13;\nline two" in out.read_text(encoding="utf-8")
    values = {str(o) for o in rdflib.Graph().parse(out, format="xml").objects() if "line one" in str(o)}
    assert values == {"line one\r\nline two"}
    data.write_text('<https://example.org/s> <https://example.org/p> "a\\u0000b" .\n')
    out.write_text("old")
    result = run_cli("export", "-f", "xml", "-o", out, "--data", data)
    assert result.code == 2
    assert result.err == ("igkg: error: cannot write RDF/XML: the literal 'a\\x00b' of <https://example.org/s> "
                          "<https://example.org/p> holds U+0000, which an XML 1.0 document cannot carry; export as "
                          "Turtle, N-Triples or JSON-LD instead\n")
    assert out.read_text() == "old"


@given(st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3))
@settings(max_examples=50, deadline=None)
def test_a_lone_surrogate_cannot_enter_the_graph(surrogate: str) -> None:
    with pytest.raises((ValueError, UnicodeEncodeError)):
        ox.Literal(surrogate)
    with pytest.raises(InputError):
        parse_data(f'<https://example.org/s> <https://example.org/p> "{surrogate}" .', "nt")
