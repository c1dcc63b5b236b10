"""Stores: where a graph lives, behind one small interface.

Modules: :mod:`.base` (the :class:`GraphStore` protocol), :mod:`.binding` (parameter values as a
``VALUES`` block, for every engine), :mod:`.oxigraph` (the embedded store, in memory or on disk),
:mod:`.disk` (the on-disk store made by ``igkg load``: generations, atomic switch, locking),
:mod:`.endpoint` (a remote SPARQL endpoint over HTTP), :mod:`.publish` (``igkg push``).
Importing this package imports only the interface; the others load when used.
"""

from __future__ import annotations

from .base import GraphStore

__all__ = ["GraphStore"]
