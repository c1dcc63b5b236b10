"""The one exception family of igkg, and the exit codes the command line maps it to.

Exit codes (documented in the README):

====  ==========================================================================
0     success
1     the graph does not conform to the SHACL shapes (``validate``, ``push``)
2     bad input: a file that cannot be read or parsed, an unknown query, a bad
      ``--param``, a query with a syntax error, a bad option; an input over a
      limit (size, nesting, literal size, XML entities: :class:`LimitError`); a
      query igkg refuses to run (``SERVICE``, ``FROM`` a graph it does not hold,
      too deep: :class:`QueryRefused`) or stopped at its deadline
      (:class:`QueryTimeout`)
3     a remote SPARQL endpoint failed (unreachable, HTTP error, timeout, bad answer)
4     the on-disk store cannot be used (locked by another process, damaged)
5     a text copy whose numbering does not fit the instrument (``attach-text``:
      :class:`TextMismatch`, one line per problem; nothing was written)
130   interrupted (Ctrl-C); nothing was written
====  ==========================================================================
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "EXIT_INPUT",
    "EXIT_ENDPOINT",
    "EXIT_STORE",
    "EXIT_MISMATCH",
    "EXIT_INTERRUPTED",
    "IgkgError",
    "InputError",
    "ParseError",
    "LimitError",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "QuerySyntaxError",
    "ParameterError",
    "ValidationFailed",
    "EndpointError",
    "EndpointTimeout",
    "StoreError",
    "TextMismatch",
]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_INPUT = 2
EXIT_ENDPOINT = 3
EXIT_STORE = 4
EXIT_MISMATCH = 5
EXIT_INTERRUPTED = 130
#: A bug in igkg (an exception it did not expect): one line, no traceback unless IGKG_DEBUG=1.
EXIT_INTERNAL = 70


class IgkgError(Exception):
    """Base class of every error igkg reports to a user; ``exit_code`` says how the CLI exits."""

    exit_code: int = EXIT_INPUT


class InputError(IgkgError):
    """A file or value that cannot be read or used."""


class ParseError(InputError):
    """RDF or text that does not follow its syntax; carries file, line and column (1-based)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.reason = message
        where = self.path or "<input>"
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class LimitError(ParseError):
    """An input over one of igkg's limits (:mod:`igkg.limits`): too large, nested too deep, a
    literal over 16 MiB, XML entities that expand too much. Refused before a parser sees it."""


class QueryError(IgkgError):
    """An unknown named query, a query with a syntax error, or a query the store refused."""


class QuerySyntaxError(QueryError):
    """A SPARQL query that does not parse; ``line`` and ``column`` are 1-based. ``query`` is the
    text as its author wrote it (when known), so that :meth:`excerpt` can point at the place."""

    def __init__(self, reason: str, *, line: int, column: int, query: str | None = None) -> None:
        self.reason, self.line, self.column, self.query = _readable(reason), line, column, query
        super().__init__(f"SPARQL syntax error (line {line}, column {column}): {self.reason}")

    def shifted(self, lines: int, query: str | None = None) -> QuerySyntaxError:
        """The same error for a query that had ``lines`` lines prepended before it was run;
        ``query`` is the text without them."""
        return QuerySyntaxError(self.reason, line=max(1, self.line - lines), column=self.column,
                                query=query if query is not None else self.query)

    def excerpt(self) -> str:
        """The offending line of the query and a caret under the column ("" when unknown)."""
        if not self.query:
            return ""
        lines = self.query.splitlines() or [""]
        text = lines[min(self.line, len(lines)) - 1]
        column = max(1, min(self.column, len(text) + 1))
        return f"  {text}\n  {' ' * (column - 1)}^"


_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\\']|\\.|\'(?:[^\'\\]|\\.)*\')*\]|[^,\s][^,]*')


def _readable(reason: str) -> str:
    """The parser's reason without its lists of character ranges (``['A' ..= 'Z' | …]``), which
    say nothing to a person: "expected one of ",", ".", "}"" is kept."""
    head, sep, items = " ".join(reason.split()).partition("expected one of ")
    if not sep or "[" not in items:
        return reason
    kept = [m.group(0).strip() for m in _ITEM.finditer(items)]
    kept = [k for k in kept if not k.startswith("[") and k != "Prefix not found"]
    return f"{head}expected one of {', '.join(kept)}" if kept else f"{head}unexpected text here".strip()


class QueryRefused(QueryError):
    """A query igkg will not run: ``SERVICE`` to an endpoint not allowed, ``FROM`` a graph the
    store does not hold, nesting or length over the limits. ``{where}`` in the message is
    replaced by ``line L, column C`` when the refusal has a position."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.template, self.line, self.column = message, line, column
        where = f"line {line}, column {column}" if line is not None else "in the query"
        super().__init__(message.replace("{where}", where))

    def shifted(self, lines: int) -> QueryRefused:
        """The same refusal for a query that had ``lines`` lines prepended before it was checked."""
        if self.line is None:
            return self
        return QueryRefused(self.template, line=max(1, self.line - lines), column=self.column)


class QueryTimeout(QueryError):
    """A query that ran past its deadline (``--timeout``) and was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped (--timeout, IGKG_QUERY_TIMEOUT)")


class ParameterError(QueryError):
    """A query parameter that is missing, unknown, or matches nothing (or several things)."""


class ValidationFailed(IgkgError):
    """The graph does not conform to the shapes; ``report`` holds the readable report."""

    exit_code = EXIT_VIOLATIONS

    def __init__(self, message: str, report: str = "") -> None:
        self.report = report
        super().__init__(message)


class EndpointError(IgkgError):
    """A remote SPARQL endpoint could not be reached or gave an unusable answer."""

    exit_code = EXIT_ENDPOINT


class EndpointTimeout(EndpointError):
    """No complete answer within ``IGKG_ENDPOINT_TIMEOUT`` (the whole request's time)."""


class StoreError(IgkgError):
    """The on-disk store cannot be opened or written."""

    exit_code = EXIT_STORE


class TextMismatch(InputError):
    """A user's copy of an instrument whose paragraphs or sub-items do not fit the instrument's
    (``igkg attach-text``); ``problems`` holds one line per paragraph or sub-item that is
    missing, extra, repeated or out of order, which the command line prints."""

    exit_code = EXIT_MISMATCH

    def __init__(self, message: str, problems: list[str]) -> None:
        self.problems = problems
        self.report = "\n".join(problems)
        super().__init__(message)
