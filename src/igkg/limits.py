"""The limits igkg puts on what it reads and runs, and where a user changes them.

Every limit has a default that the bundled graph and ordinary documents stay far below, and an
environment variable for a user who needs more (or, on a server, less). A value that breaks a
limit is refused before a parser or the query engine sees it, with a one-line error naming the
file (exit code 2); see the README, "Reliability and security".

=========================  =========  ===========================================================
variable                   default    what it bounds
=========================  =========  ===========================================================
IGKG_MAX_INPUT_MB          1024       the size of one RDF file or query read (0: no limit)
IGKG_MAX_DEPTH             256        nesting: ``[ ( { <<`` in Turtle/TriG/N-Triples/N-Quads,
                                      elements in RDF/XML, objects and arrays in JSON-LD,
                                      groups, brackets and unary operators in SPARQL
                                      (at most 2000: deeper input crashes the parsers)
IGKG_MAX_XML_ENTITY_KB     1024       the text that entity references of one RDF/XML file may
                                      expand to, in total (0: any entity declaration refused)
IGKG_MAX_QUERY_TERMS       10000      tokens in one SPARQL query, not counting ``VALUES`` data
IGKG_QUERY_TIMEOUT         none       seconds a local query may run (``--timeout``)
IGKG_QUERY_MEMORY_MB       none       memory a local query may take beyond the graph's own
IGKG_ALLOW_SERVICE         none       endpoints ``SERVICE`` may call (``--allow-service``)
=========================  =========  ===========================================================

A literal, IRI or name is limited to :data:`TOKEN_LIMIT` (16 MiB), the size of Oxigraph's parser
buffer (not a setting: the parser cannot take more).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InputError

__all__ = [
    "TOKEN_LIMIT",
    "MAX_DEPTH_CEILING",
    "SERVER_QUERY_TIMEOUT",
    "InputLimits",
    "QueryPolicy",
    "setting",
]

MIB = 1024 * 1024
#: The longest literal, IRI or prefixed name Oxigraph's parsers accept (their buffer size).
TOKEN_LIMIT = 16 * MIB
#: Nesting above this crashes a parser (SPARQL at about 3,000 groups, JSON-LD at 10,000 levels).
MAX_DEPTH_CEILING = 2000
#: The deadline the coming ``igkg serve`` gives every query unless told otherwise (seconds).
SERVER_QUERY_TIMEOUT = 30.0


def setting(environ: Mapping[str, str], name: str, default: float | None, *, whole: bool = True,
            minimum: float = 0, maximum: float | None = None) -> float | None:
    """A number from the environment: ``default`` when unset, a clear error when not a number or
    out of range."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value: float = int(raw) if whole else float(raw)
    except ValueError:
        raise InputError(f"{name} must be a {'whole ' if whole else ''}number, not {raw!r}") from None
    if value != value or value < minimum or (maximum is not None and value > maximum):  # NaN too
        span = f"between {minimum:g} and {maximum:g}" if maximum is not None else f"at least {minimum:g}"
        raise InputError(f"{name} must be {span}, not {raw!r}")
    return value


@dataclass(frozen=True)
class InputLimits:
    """What one RDF file (or query text) may hold. ``None`` means no limit."""

    max_input_bytes: int | None = 1024 * MIB
    max_depth: int = 256
    max_entity_bytes: int = 1024 * 1024
    max_query_terms: int = 10_000
    max_token_bytes: int = TOKEN_LIMIT

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> InputLimits:
        env = os.environ if environ is None else environ
        size = setting(env, "IGKG_MAX_INPUT_MB", 1024)
        depth = setting(env, "IGKG_MAX_DEPTH", 256, minimum=1, maximum=MAX_DEPTH_CEILING)
        entities = setting(env, "IGKG_MAX_XML_ENTITY_KB", 1024)
        terms = setting(env, "IGKG_MAX_QUERY_TERMS", 10_000, minimum=1)
        assert size is not None and depth is not None and entities is not None and terms is not None
        return cls(
            max_input_bytes=int(size * MIB) or None,
            max_depth=int(depth),
            max_entity_bytes=int(entities * 1024),
            max_query_terms=int(terms),
        )


@dataclass(frozen=True)
class QueryPolicy:
    """How a query may run: its deadline, and the endpoints ``SERVICE`` may call.

    ``allow_service`` holds endpoint IRIs (a ``SERVICE <IRI>`` must name one exactly, or start
    with one that ends in ``/``), or ``"*"`` for any endpoint. Empty: ``SERVICE`` is refused.
    """

    timeout: float | None = None
    allow_service: tuple[str, ...] = ()
    memory_mb: int | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> QueryPolicy:
        env = os.environ if environ is None else environ
        timeout = setting(env, "IGKG_QUERY_TIMEOUT", None, whole=False, minimum=0)
        memory = setting(env, "IGKG_QUERY_MEMORY_MB", None, minimum=0)
        allowed = tuple(env.get("IGKG_ALLOW_SERVICE", "").replace(",", " ").split())
        return cls(timeout=timeout or None, allow_service=allowed, memory_mb=int(memory) if memory else None)

    def with_options(self, timeout: float | None = None, allow_service: tuple[str, ...] = ()) -> QueryPolicy:
        """This policy with the command line's ``--timeout`` (0: none) and ``--allow-service`` added."""
        return QueryPolicy(
            timeout=self.timeout if timeout is None else (timeout or None),
            allow_service=(*self.allow_service, *allow_service),
            memory_mb=self.memory_mb,
        )

    def allows_service(self, endpoint: str) -> bool:
        return any(allowed == "*" or endpoint == allowed or (allowed.endswith("/") and endpoint.startswith(allowed))
                   for allowed in self.allow_service)
