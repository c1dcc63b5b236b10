"""Bulk publishing (``igkg push --strategy move|versioned``): stream, stage, switch in one update.

One transactional upload of a large graph is slow on Oxigraph (the server applies 1M triples in
one transaction: about a minute), and its fast non-transactional path gives up all-or-nothing.
This module keeps both the speed and the all-or-nothing:

1. **Stream** each part's triples as N-Triples into a temporary file (Oxigraph's own writer when
   the store is an embedded Oxigraph store; batches otherwise), never the whole graph in Python.
2. **Stage** each file into a fresh named graph of the server (``…/id/push/<token>/<n>``) through
   the Graph Store Protocol, on Oxigraph with ``no_transaction`` (its bulk loader). Readers do
   not look at staging graphs, so a half-loaded one harms nobody.
3. **Verify** every staging graph by counting it; on any failure, drop the staging graphs: the
   data readers see was never touched.
4. **Switch** in one SPARQL Update (one transaction):

   * ``move``: ``MOVE`` (replace) or ``ADD`` + ``DROP`` (add) each staging graph to its target.
     Every reader of the target sees old or new; the server copies the triples inside that
     transaction, which on Oxigraph costs about as much as a transactional upload.
   * ``versioned``: the staging graphs *are* the new versions; the update rewrites the control
     graph (:data:`~igkg.namespaces.PUSH_CONTROL_GRAPH`): ``<target> igkg:currentVersion
     <staging graph>``. It touches a few triples, so it is instant; readers that follow the
     pointer (:func:`current_versions`, or ``GRAPH <control> { <target> igkg:currentVersion ?g }
     GRAPH ?g { … }`` in one query) see old or new. The versions replaced are dropped afterwards.

A push takes a list of :class:`GraphPart` (target graph, local source graph), so one push can
switch several named graphs at once; without parts it is the store's triples to the default graph.
"""

from __future__ import annotations

import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import EndpointError, InputError
from ..namespaces import PUSH_CONTROL_GRAPH, PUSH_DEFAULT_TARGET, push_staging_graph
from ..vocab import IGKG
from .base import GraphStore
from .binding import term_to_sparql
from .endpoint import Endpoint, EndpointSettings, SparqlEndpointStore
from .streams import GraphPart, Spool, expected_triples
from .streams import source_node as _node
from .uploads import ParallelSpools, run_side_by_side

__all__ = ["GraphPart", "BulkPushReport", "bulk_push", "current_versions", "STRATEGIES", "Spool", "guess_gsp_url",
           "guess_update_url"]

STRATEGIES = ("move", "versioned")
#: uploads side by side into a staging graph on Oxigraph (its bulk loader takes about a core per request)
DEFAULT_STREAMS = 2
MAX_STREAMS = 16


@dataclass
class BulkPushReport:
    url: str
    strategy: str
    graphs: list[str | None]
    replaced: bool
    sent: int
    before: int
    after: int
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)  # write, stage, verify, switch, cleanup
    versions: list[str] = field(default_factory=list)

    @property
    def protocol(self) -> str:
        return f"gsp+update ({self.strategy})"

    @property
    def graph(self) -> str | None:
        return self.graphs[0] if len(self.graphs) == 1 else None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary of the push."""
        return {"url": self.url, "protocol": self.protocol, "strategy": self.strategy, "graphs": self.graphs,
                "replaced": self.replaced, "sent": self.sent, "before": self.before, "after": self.after,
                "seconds": round(self.seconds, 3), "phases": {k: round(v, 3) for k, v in self.phases.items()},
                "versions": self.versions}


def _swap_segment(url: str, table: dict[str, str], what: str) -> str:
    parts = urllib.parse.urlsplit(url)
    head, _, segment = parts.path.rstrip("/").rpartition("/")
    if segment.lower() in table.values():
        return url
    if segment.lower() not in table:
        raise InputError(f"cannot tell the {what} URL of the server from {url}: give it")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/{table[segment.lower()]}", "", ""))


#: update URL → Graph Store URL of the same server (Oxigraph, Fuseki, Virtuoso), and back.
_TO_GSP = {"update": "store", "sparql-auth": "sparql-graph-crud-auth", "sparql": "sparql-graph-crud"}
_TO_UPDATE = {"store": "update", "data": "update", "sparql-graph-crud-auth": "sparql-auth",
              "sparql-graph-crud": "sparql"}


def guess_gsp_url(url: str) -> str:
    """The Graph Store URL next to an update URL (``/update`` → ``/store``); a GSP URL itself."""
    return url if _last(url) in _TO_UPDATE else _swap_segment(url, _TO_GSP, "Graph Store")


def guess_update_url(url: str) -> str:
    """The SPARQL Update URL next to a Graph Store URL (``/store`` → ``/update``)."""
    return url if _last(url) in _TO_GSP else _swap_segment(url, _TO_UPDATE, "SPARQL Update")


def _last(url: str) -> str:
    return urllib.parse.urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower()


# -- the remote side --------------------------------------------------------------------------------
def _graph_pattern(graph: ox.NamedNode | None) -> str:
    return f"GRAPH {term_to_sparql(graph)} {{ ?s ?p ?o }}" if graph is not None else "?s ?p ?o"


def _count_remote(counter: SparqlEndpointStore, graph: ox.NamedNode | None) -> int:
    return counter.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {_graph_pattern(graph)} }}")


def current_versions(counter: SparqlEndpointStore, target: str | None = None) -> list[str]:
    """The named graphs that hold a target's current triples on a versioned server."""
    subject = term_to_sparql(_node(target) or PUSH_DEFAULT_TARGET)
    answer = counter.query(
        f"SELECT ?g WHERE {{ GRAPH {term_to_sparql(PUSH_CONTROL_GRAPH)} "
        f"{{ {subject} {term_to_sparql(IGKG.currentVersion)} ?g }} }} ORDER BY ?g")
    return sorted(str(getattr(row[0], "value", row[0])) for row in getattr(answer, "rows", []))


def _versioned_count(counter: SparqlEndpointStore, target: ox.NamedNode | None) -> int:
    """Triples in the target's current versions (a triple in two versions, after adding, counts twice)."""
    subject = term_to_sparql(target or PUSH_DEFAULT_TARGET)
    return counter.count(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ "
        f"GRAPH {term_to_sparql(PUSH_CONTROL_GRAPH)} {{ {subject} {term_to_sparql(IGKG.currentVersion)} ?g }} "
        f"GRAPH ?g {{ ?s ?p ?o }} }}")


def _switch_update(strategy: str, replace: bool, pairs: list[tuple[ox.NamedNode | None, ox.NamedNode]]) -> str:
    operations: list[str] = []
    control = term_to_sparql(PUSH_CONTROL_GRAPH)
    pointer = term_to_sparql(IGKG.currentVersion)
    for target, staging in pairs:
        stage = term_to_sparql(staging)
        if strategy == "move":
            destination = term_to_sparql(target) if target is not None else "DEFAULT"
            if replace:
                operations.append(f"MOVE SILENT GRAPH {stage} TO {destination}")
            else:
                operations += [f"ADD SILENT GRAPH {stage} TO {destination}", f"DROP SILENT GRAPH {stage}"]
        else:
            subject = term_to_sparql(target or PUSH_DEFAULT_TARGET)
            if replace:
                operations.append(f"DELETE WHERE {{ GRAPH {control} {{ {subject} {pointer} ?old }} }}")
            operations.append(f"INSERT DATA {{ GRAPH {control} {{ {subject} {pointer} {stage} }} }}")
    return " ;\n".join(operations)


def _drop(endpoint: Endpoint, graphs: Sequence[ox.NamedNode]) -> None:
    if graphs:
        endpoint.update(" ;\n".join(f"DROP SILENT GRAPH {term_to_sparql(g)}" for g in graphs), idempotent=True)


def _after_failure(error: Exception, strategy: str, parts: Sequence[GraphPart], staging: Sequence[ox.NamedNode],
                   updater: Endpoint, counter: SparqlEndpointStore, before: int,
                   count_target: Callable[[ox.NamedNode | None], int]) -> EndpointError:
    """What a failed push left: the staging graphs are dropped (unless the switch went through and
    only its answer was lost: then they are the current versions), the targets counted again."""
    try:
        live = ({v for p in parts for v in current_versions(counter, p.target)} if strategy == "versioned"
                else set())
        if any(g.value in live for g in staging):
            return EndpointError(f"{error}; but the switch was applied: the new versions are current "
                                 f"({', '.join(sorted(live))})")
        _drop(updater, staging)
        now = sum(count_target(_node(p.target)) for p in parts)
    except EndpointError:
        return EndpointError(f"{error}; the staging graphs could not be removed or checked")
    state = (f"the remote graphs are unchanged ({now} triples), the staging graphs were removed"
             if now == before else f"the remote graphs CHANGED from {before} to {now} triples")
    return EndpointError(f"{error}; {state}")


def _stage_one(store: GraphStore, part: GraphPart, gsp: Endpoint, address: str, *, fast: bool) -> tuple[int, float]:
    """One upload of the part, written while it is sent (Oxigraph) or sent once written (others,
    with a length); the lines written and the seconds writing took."""
    with tempfile.TemporaryFile(prefix="igkg-push-") as file:
        spool = Spool(store, part, file)
        try:  # Oxigraph reads a chunked body while it is written; others get the file and its length
            gsp.request("POST", address, spool if fast else spool.wait(), "application/n-triples", idempotent=False)
        except EndpointError:
            spool.wait()
            if spool.error is None:
                raise
        spool.wait()
        if spool.error is not None:
            raise InputError(f"the triples to push could not be written: {spool.error}")
        return spool.lines, spool.seconds


def _stage_side_by_side(store: GraphStore, part: GraphPart, gsp: Endpoint, address: str,
                        width: int) -> tuple[int, float]:
    """``width`` uploads into the same staging graph at once, each sending request after request
    as :class:`~igkg.stores.uploads.ParallelSpools` cuts them; the first failure stops the
    writers and the other uploads, and the caller drops the staging graph."""
    with ParallelSpools(store, part, width) as spools:
        def send() -> None:
            try:  # request after request, until the writers are done
                while (body := spools.ready.get()) is not None:
                    if spools.cancelled:
                        raise OSError("cancelled: another upload of this push failed")
                    gsp.request("POST", address, body.file, "application/n-triples", idempotent=False)
                    body.file.close()  # loaded: its temporary file is not needed again
            except BaseException:
                spools.cancel()
                raise

        errors = run_side_by_side([send] * width)
        spools.wait()
        if spools.error is not None:
            raise InputError(f"the triples to push could not be written: {spools.error}")
        failure = next((e for e in errors if isinstance(e, EndpointError)), None) or next(
            (e for e in errors if e is not None), None)
        if failure is not None:
            if isinstance(failure, EndpointError | InputError):
                raise failure
            raise EndpointError(f"{gsp.label}: the upload failed ({type(failure).__name__}: {failure})")
        return spools.lines, spools.seconds


def bulk_push(
    store: GraphStore,
    url: str,
    *,
    parts: Sequence[GraphPart] = (),
    replace: bool = False,
    strategy: str = "versioned",
    update_url: str | None = None,
    query_url: str | None = None,
    settings: EndpointSettings | None = None,
    streams: int | None = None,
) -> BulkPushReport:
    """Push ``parts`` (default: every triple to the default graph) through staging graphs and
    switch them in one SPARQL Update (see the module's text for ``move`` and ``versioned``)."""
    from .publish import guess_query_url

    started = time.perf_counter()
    if strategy not in STRATEGIES:
        raise InputError(f"unknown push strategy {strategy!r}; use one of {', '.join(STRATEGIES)}")
    parts = list(parts) or [GraphPart()]
    targets = [_node(p.target) for p in parts]
    for part in parts:
        _node(part.source, "source graph")
    if len({t.value if t else None for t in targets}) != len(targets):
        raise InputError("each target graph may be named once in a push")
    settings = settings or EndpointSettings.from_environment()
    gsp_url = guess_gsp_url(url)
    updater = Endpoint(update_url or guess_update_url(url), settings)
    counter = SparqlEndpointStore(query_url or guess_query_url(gsp_url), settings)
    gsp = Endpoint(gsp_url, settings)
    # Oxigraph's bulk loader; lenient: IRIs not re-checked (Oxigraph wrote them), and a line it
    # could not read would be missing from the count, which is checked
    fast = "&no_transaction&lenient" if _last(gsp_url) == "store" else ""
    if streams is not None and not 1 <= streams <= MAX_STREAMS:
        raise InputError(f"--streams must be between 1 and {MAX_STREAMS}, not {streams}")
    width = (streams or DEFAULT_STREAMS) if fast else 1
    token = uuid.uuid4().hex
    staging = [push_staging_graph(token, i) for i in range(len(parts))]
    phases: dict[str, float] = {}

    def count_target(target: ox.NamedNode | None) -> int:
        return _versioned_count(counter, target) if strategy == "versioned" else _count_remote(counter, target)

    before = sum(count_target(t) for t in targets)
    previous = ([ox.NamedNode(v) for t in parts for v in current_versions(counter, t.target)]
                if strategy == "versioned" and replace else [])
    sent = 0
    try:
        for part, graph in zip(parts, staging, strict=True):
            tick = time.perf_counter()
            address = f"{gsp.url}?{urllib.parse.urlencode({'graph': graph.value})}{fast}"
            if fast and width > 1:
                lines, written = _stage_side_by_side(store, part, gsp, address, width)
            else:
                lines, written = _stage_one(store, part, gsp, address, fast=bool(fast))
            phases["write"] = phases.get("write", 0.0) + written
            phases["stage"] = phases.get("stage", 0.0) + time.perf_counter() - tick
            tick = time.perf_counter()
            staged = _count_remote(counter, graph)
            triples = lines if staged == lines else expected_triples(store, part)
            phases["verify"] = phases.get("verify", 0.0) + time.perf_counter() - tick
            if staged != triples:
                raise EndpointError(f"{counter.location}: the staging graph {graph.value} has {staged} triples, "
                                    f"{triples} were sent")
            sent += triples
        tick = time.perf_counter()
        updater.update(_switch_update(strategy, replace, list(zip(targets, staging, strict=True))),
                       idempotent=False)
        phases["switch"] = time.perf_counter() - tick
    except (EndpointError, InputError) as error:
        raise _after_failure(error, strategy, parts, staging, updater, counter, before, count_target) from None
    tick = time.perf_counter()
    if previous:
        _drop(updater, previous)
    phases["cleanup"] = time.perf_counter() - tick
    if strategy == "versioned" and replace:  # the pointers name the staging graphs, counted above
        live = {v for p in parts for v in current_versions(counter, p.target)}
        after = sent if live == {g.value for g in staging} else sum(count_target(t) for t in targets)
    else:
        after = sum(count_target(t) for t in targets)
    if replace and after != sent:
        raise EndpointError(f"{counter.location}: after the push the remote graphs have {after} triples, "
                            f"expected exactly {sent} (is the query URL's default graph the union of all graphs?)")
    return BulkPushReport(url=url, strategy=strategy, graphs=[p.target for p in parts], replaced=replace,
                          sent=sent, before=before, after=after, seconds=time.perf_counter() - started,
                          phases=phases, versions=[g.value for g in staging] if strategy == "versioned" else [])
