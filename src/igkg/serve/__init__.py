"""The server wing: ``igkg serve``, a read-only SPARQL 1.1 Protocol endpoint with named queries as
URLs and forms, a workbench page, resource pages and the explorer's drawing, on Starlette and
uvicorn. Modules: :mod:`.engine` (the one function that runs queries, with timeout and row cap),
:mod:`.protocol` (reading requests, content negotiation, writing results), :mod:`.service` (the
service description), :mod:`.resource` (what a resource page shows), :mod:`.pages` (templates and
static files), :mod:`.routes`, :mod:`.app` (the application, limits, headers, the request log),
:mod:`.server` (running it). It imports the core only; nothing imports it but the command line.
"""
