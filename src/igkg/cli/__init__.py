"""The face: the ``igkg`` command line over the library (which never imports it).

:mod:`.main` holds the click group, :func:`main` and the one map from errors to messages and
exit codes; :mod:`.options` the shared options; one module per command family.
"""

from __future__ import annotations

from .main import cli, main, main_exit

__all__ = ["cli", "main", "main_exit"]
