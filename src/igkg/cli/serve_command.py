"""``igkg serve``: the workbench and SPARQL endpoint (:mod:`igkg.serve`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

__all__ = ["COMMANDS"]


@click.command("serve")
@click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="An RDF file to add to the bundled graph (repeatable).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Serve this on-disk store (made with `igkg load`) instead of the bundled graph.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but loopback makes the server reachable by others.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port (0: any free port).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Seconds a query may run before the answer is 503.")
@click.option("--row-cap", type=click.IntRange(1), default=10_000, show_default=True,
              help="Rows (or triples) a query answers at most; more are cut (header X-Igkg-Truncated).")
@click.option("--max-body", type=click.IntRange(1), default=1_000_000, show_default=True,
              help="Bytes a request body may have; a larger one is refused with 413.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="An endpoint that queries may call with SERVICE (repeatable; '*' any); refused otherwise.")
def serve_command(data: Sequence[Path], store: Path | None, host: str, port: int, timeout: float, row_cap: int,
                  max_body: int, allow_service: Sequence[str]) -> None:
    """Serve the graph: a workbench at / and a read-only SPARQL 1.1 endpoint at /sparql.

    \b
    igkg serve                          # http://127.0.0.1:8000/
    igkg serve --data recs/draft.ttl --port 8080
    igkg serve --store kg --timeout 30

    Named queries are URLs (/queries/citing-paragraph?instrument=Tunis%20Agenda&paragraph=69,
    /queries/citing-paragraph.csv?…), every resource has a page (/resource?iri=…). Updates,
    SERVICE and remote FROM are refused. Exit 2 for bad input, 4 when the store cannot be opened.
    """
    from ..serve.server import serve

    serve(data=data, store=store, host=host, port=port, timeout=timeout, row_cap=row_cap, max_body=max_body,
          allow_service=tuple(allow_service), echo=lambda line: click.echo(line, err=True))


COMMANDS = (serve_command,)
