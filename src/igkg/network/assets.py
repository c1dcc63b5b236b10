"""The files a page needs to draw a network view: vis-network's JavaScript and CSS (from the copy
pyvis ships), and igkg's own drawing script and style (``assets/graph.js``, ``assets/graph.css``),
shared by the offline explorer page (inlined, admitted by hash) and the server's workbench
(served by igkg itself). Nothing is fetched from anywhere else."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.util
import re
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import InputError

__all__ = ["asset", "vis_js", "vis_css", "graph_js", "graph_css", "inline_script", "inline_style", "sha256"]

_VIS = "lib/vis-9.1.2"


@cache
def asset(package: str, name: str) -> str:
    """A text file shipped in ``package``."""
    try:
        return (resources.files(package) / name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as error:
        raise InputError(f"cannot read {package}/{name} for the graph page: {error}") from None


@cache
def _installed_asset(package: str, name: str) -> str:
    """A text file in an installed top-level package's folder, found without importing the package:
    importing pyvis imports IPython, networkx and jsonpickle (about 0.4 s) for two files we read."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        with contextlib.suppress(OSError):
            return (Path(folder) / name).read_text(encoding="utf-8")
    return asset(package, name)  # a zipped or unusual installation: through importlib.resources


def inline_script(text: str) -> str:
    """JavaScript safe to put between <script> tags (no end tag, no comment opener)."""
    text = re.sub(r"(?m)^//# sourceMappingURL=.*$", "", text)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def inline_style(text: str) -> str:
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.I)


@cache
def vis_js() -> str:
    """vis-network 9.1.2 (from pyvis), without its source-map comment."""
    return inline_script(_installed_asset("pyvis", f"{_VIS}/vis-network.min.js"))


@cache
def vis_css() -> str:
    return inline_style(_installed_asset("pyvis", f"{_VIS}/vis-network.css"))


def graph_js() -> str:
    """igkg's drawing script: ``window.igkgGraph(container, data, hooks)``."""
    return inline_script(asset("igkg.network", "assets/graph.js"))


def graph_css() -> str:
    return inline_style(asset("igkg.network", "assets/graph.css"))


def sha256(text: str) -> str:
    """The CSP source expression admitting exactly this script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
