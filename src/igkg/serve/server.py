"""Running the server: the store held in memory (or an on-disk store opened read-only), the
application, and uvicorn on 127.0.0.1 unless told otherwise; the URL printed when it listens."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError
from ..graph import open_store
from ..limits import QueryPolicy
from ..stores.oxigraph import OxigraphStore
from .app import Settings, create_app
from .engine import Limits

__all__ = ["serve", "open_served_store"]


def open_served_store(data: Iterable[Path] = (), store: Path | None = None) -> OxigraphStore:
    """The bundled graph plus ``data`` in memory, or the on-disk ``store``."""
    opened = open_store(data=list(data), store=store)
    if not isinstance(opened, OxigraphStore):
        raise InputError("igkg serve serves the bundled graph (with --data) or an on-disk --store")
    return opened


def serve(*, data: Iterable[Path] = (), store: Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          timeout: float = 10.0, row_cap: int = 10_000, max_body: int = 1_000_000,
          allow_service: tuple[str, ...] = (), echo: Callable[[str], None] = print) -> None:
    """Load the graph, then serve it until interrupted."""
    import uvicorn

    started = time.perf_counter()
    graph = open_served_store(data, store)
    policy = QueryPolicy.from_environment().with_options(None, allow_service)
    app = create_app(graph, Settings(Limits(timeout=timeout, row_cap=row_cap, policy=policy), max_body))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host

    original = server.startup

    async def startup(sockets: object = None) -> None:
        await original(sockets)  # type: ignore[arg-type]
        if server.started:
            bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
            echo(f"igkg serve: {len(graph)} triples ({graph.location}) at http://{shown}:{bound}/ "
                 f"(SPARQL endpoint http://{shown}:{bound}/sparql; ready in {time.perf_counter() - started:.2f} s; "
                 "Ctrl-C stops)")

    server.startup = startup  # type: ignore[method-assign]
    server.run()
