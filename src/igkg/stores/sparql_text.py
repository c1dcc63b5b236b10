"""Reading a SPARQL query's text as tokens, to decide whether to run it before an engine parses it.

pyoxigraph has no parse-only call that gives the query's algebra, and rdflib's parser follows a
different grammar (and recurses in Python), so igkg tokenizes the text itself with SPARQL 1.1's
lexical rules (section 19.8): strings (four kinds), IRIs, comments, variables, prefixed names,
blank nodes, numbers, keywords and punctuation. Nothing inside a string, an IRI or a comment is
ever taken for a keyword, and a keyword is a whole token (``ex:SERVICE`` and ``?service`` are
not ``SERVICE``). What the lexer does not recognise it leaves to the engine, which reports the
syntax error with line and column; the checks only need to be right about valid queries.

From the tokens, :func:`read_query` gives :class:`QueryText`: the ``SERVICE`` endpoints (IRIs
resolved with the query's ``PREFIX`` and ``BASE``, or a variable), the ``FROM`` and ``FROM
NAMED`` graphs, ``LOAD`` in an update, the deepest nesting (groups, brackets and chains of
unary operators: Oxigraph crashes on about 3,000 nested groups) and the number of tokens
outside ``VALUES`` data (it crashes on about 7,000 chained ``UNION``, ``OPTIONAL`` or ``+``).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

__all__ = ["Token", "QueryText", "tokenize", "read_query"]

_PN = r"[^\W\d_]"
_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n\r]*)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>\"\"\"(?:[^"\\]++|\\[\s\S]|"(?!""))*+\"\"\"|'''(?:[^'\\]++|\\[\s\S]|'(?!''))*+''')
    |(?P<unterminated>\"\"\"[\s\S]*|'''[\s\S]*)
    |(?P<short>"(?:[^"\\\n\r]++|\\.)*+"|'(?:[^'\\\n\r]++|\\.)*+')
    |(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    |(?P<bnode>_:[\w.\-]*[\w\-])
    |(?P<pname>(?:""" + _PN + r"""(?:[\w.\-]*[\w\-])?)?:(?:(?:[\w:%\-]|\\[_~.\-!$&'()*+,;=/?\#@%])
       (?:[\w:%.\-]|\\[_~.\-!$&'()*+,;=/?\#@%])*(?<!\.))?)
    |(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    |(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    |(?P<word>""" + _PN + r"""\w*)
    |(?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*+\-/!^|=<>?&@])
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_OPENERS, _CLOSERS = frozenset("{(["), frozenset("})]")
_UNARY = frozenset("!^")


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, short, unterminated, var, bnode, pname, langtag, number, word, punct, other
    text: str
    start: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """The significant tokens of ``text`` (no spaces, no comments)."""
    return [Token(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("space", "comment")]


@dataclass
class QueryText:
    """What the checks need to know about a query or update."""

    text: str
    services: list[tuple[str, Token]] = field(default_factory=list)  # endpoint IRI (or "?var"), token
    default_graphs: list[str] = field(default_factory=list)  # FROM
    named_graphs: list[str] = field(default_factory=list)  # FROM NAMED
    loads: list[tuple[str, Token]] = field(default_factory=list)  # LOAD <iri> (updates)
    depth: int = 0
    deepest: Token | None = None
    terms: int = 0  # tokens outside VALUES data

    def position(self, token: Token | None) -> dict[str, int]:
        """``{"line": L, "column": C}`` of a token (1-based, columns in characters)."""
        if token is None:
            return {"line": 1, "column": 1}
        line = self.text.count("\n", 0, token.start) + 1
        column = token.start - (self.text.rfind("\n", 0, token.start) + 1) + 1
        return {"line": line, "column": column}


def _resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    if token.kind == "iri":
        iri = token.text[1:-1]
        return urllib.parse.urljoin(base, iri) if base and ":" not in iri.split("/", 1)[0] else iri
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        return None if namespace is None else namespace + re.sub(r"\\(.)", r"\1", local)
    return None


def read_query(text: str) -> QueryText:
    """Tokenize ``text`` and collect what :mod:`igkg.stores.policy` decides on."""
    tokens = tokenize(text)
    found = QueryText(text)
    prefixes: dict[str, str] = {}
    base: str | None = None
    depth = unary = 0
    values_depth: int | None = None  # the bracket depth a VALUES data block opened at
    after_values = False
    for i, token in enumerate(tokens):
        kind, keyword = token.kind, token.keyword
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if kind == "punct" and token.text in _OPENERS:
            depth += 1
            if after_values and token.text == "{" and values_depth is None:
                values_depth, after_values = depth, False
        elif kind == "punct" and token.text in _CLOSERS:
            if values_depth is not None and depth == values_depth and token.text == "}":
                values_depth = None
            depth = max(0, depth - 1)
        unary = unary + 1 if kind == "punct" and token.text in _UNARY else 0
        if depth + unary > found.depth:
            found.depth, found.deepest = depth + unary, token
        if values_depth is None:
            found.terms += 1
        if keyword == "VALUES":
            after_values = True
        elif keyword == "PREFIX" and nxt is not None and nxt.kind == "pname" and i + 2 < len(tokens):
            iri = _resolve(tokens[i + 2], prefixes, base)
            if iri is not None:
                prefixes[nxt.text.partition(":")[0]] = iri
        elif keyword == "BASE" and nxt is not None and nxt.kind == "iri":
            base = _resolve(nxt, prefixes, base)
        elif keyword in ("SERVICE", "LOAD"):
            j = i + 1
            while j < len(tokens) and tokens[j].keyword == "SILENT":
                j += 1
            if j < len(tokens) and tokens[j].kind in ("iri", "pname", "var"):  # else: a syntax error
                target = tokens[j]
                # a variable, or what cannot be resolved, is kept as written: the policy refuses it
                iri = _resolve(target, prefixes, base) or target.text
                (found.services if keyword == "SERVICE" else found.loads).append((iri, token))
        elif keyword == "FROM" and nxt is not None:
            named = nxt.keyword == "NAMED"
            target = tokens[i + 2] if named and i + 2 < len(tokens) else nxt
            iri = _resolve(target, prefixes, base) or target.text
            (found.named_graphs if named else found.default_graphs).append(iri)
    return found
