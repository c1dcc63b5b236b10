"""The W3C SPARQL 1.1 query and update syntax tests (syntax-query, syntax-update-1,
syntax-update-2, syntax-fed), read in place from ../shared/testdata.

A positive test must parse; a negative one must be refused with its line and column. igkg also
refuses, before any engine sees them, what it never runs (SERVICE to an endpoint not allowed,
LOAD, FROM a graph the store lacks): for those the refusal itself is checked, and the text, with
the SERVICE and LOAD targets replaced by a server on loopback (an IRI for an IRI: the syntax is the
same), is given to Oxigraph, which must judge it as the manifest says. Nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pyoxigraph as ox
import pytest

from endpoint_support import FaultServer, answer
from igkg.errors import QueryError, QueryRefused, QuerySyntaxError
from igkg.limits import QueryPolicy
from igkg.stores.oxigraph import OxigraphStore, syntax_error
from igkg.stores.policy import check_query, check_update
from igkg.stores.sparql_text import tokenize
from w3c_support import SPARQL11, SPARQL_BASE, Case, manifest_cases, needs

SUITES = ("syntax-query", "syntax-update-1", "syntax-update-2", "syntax-fed")
CASES = [case for suite in SUITES for case in manifest_cases(SPARQL11 / suite, suite, SPARQL_BASE.format(suite))]
KNOWN = {
    "syntax-update-1:syntax-update-54.ru": "Oxigraph refuses a blank node shared by two INSERT DATA blocks, as it "
                                           "must, but without a line and column",
}


@pytest.fixture(scope="module")
def loopback() -> Iterator[FaultServer]:
    """Where SERVICE and LOAD are sent instead: answers any query or download with nothing."""
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        if "query" in handler.path or handler.command == "POST":
            answer(handler, 200, b'{"head":{"vars":[]},"results":{"bindings":[{}]}}', "application/sparql-results+json")
        else:
            answer(handler, 200, b"", "application/n-triples")

    server = FaultServer(behaviour)
    yield server
    server.stop()


def redirected(text: str, url: str) -> str:
    """``text`` with the IRI after each SERVICE or LOAD (and SILENT) replaced by ``url``."""
    tokens = tokenize(text)
    targets = []
    for i, token in enumerate(tokens):
        if token.keyword in ("SERVICE", "LOAD"):
            j = i + 1
            while j < len(tokens) and tokens[j].keyword == "SILENT":
                j += 1
            if j < len(tokens) and tokens[j].kind in ("iri", "pname"):
                targets.append(tokens[j])
    for token in reversed(targets):
        text = text[: token.start] + f"<{url}>" + text[token.start + len(token.text):]
    return text


def judge(case: Case, store: OxigraphStore, loopback: FaultServer) -> str:
    text = case.action.read_text(encoding="utf-8")
    update = "Update" in case.kind
    try:
        (check_update if update else check_query)(text, QueryPolicy())
    except QueryRefused as refused:  # igkg never runs it: Oxigraph judges the text pointed at loopback
        assert refused.line is not None and refused.column is not None, refused
        try:
            if update:
                ox.Store().update(redirected(text, loopback.url), base_iri=case.base)
            else:
                ox.Store().query(redirected(text, loopback.url), base_iri=case.base)
        except SyntaxError as error:
            return "refused with a position" if isinstance(syntax_error(error), QuerySyntaxError) else "refused"
        except (OSError, RuntimeError):
            pass  # parsed; evaluating against the loopback server is not the point
        return "parsed"
    try:
        if update:
            store.update(text, base_iri=case.base)
        else:
            ox.Store().query(text, base_iri=case.base)  # parse on an empty store (no SERVICE, no LOAD here)
        return "parsed"
    except SyntaxError as error:
        return "refused with a position" if isinstance(syntax_error(error), QuerySyntaxError) else "refused"
    except QuerySyntaxError as error:
        assert error.line >= 1 and error.column >= 1
        return "refused with a position"
    except QueryError as error:
        if "syntax error" in str(error):
            return "refused without a position"
        return "parsed"  # an evaluation error (a function it does not know …): the text parsed
    except Exception:
        return "parsed"


@needs(CASES, "the W3C SPARQL 1.1 suites")
def test_the_suites_are_complete() -> None:
    counts = {suite: sum(1 for c in CASES if c.suite == suite) for suite in SUITES}
    assert counts == {"syntax-query": 94, "syntax-update-1": 54, "syntax-update-2": 1, "syntax-fed": 3}


@needs(CASES, "the W3C SPARQL 1.1 suites")
@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[c.id])] if c.id in KNOWN else [])
    for c in CASES])
def test_w3c_sparql_syntax_case(case: Case, loopback: FaultServer) -> None:
    store = OxigraphStore(policy=QueryPolicy())
    expected = "refused with a position" if "Negative" in case.kind else "parsed"
    assert judge(case, store, loopback) == expected
    assert all(r.path.startswith("/") for r in loopback.requests), "only the loopback server was asked"
