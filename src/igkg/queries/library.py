"""The named-query library: ``.rq`` files whose header says what they do and what they take.

A header is a block of comment lines at the top of the file::

    # title: Recommendations citing a paragraph
    # description: Recommendations that cite a paragraph or sub-item of an instrument,
    #   directly, through a range, or through a sub-item.
    # param: instrument (instrument): label, acronym, symbol or IRI. Example: Tunis Agenda
    # param: paragraph (paragraph): number as cited. Example: 72(g)
    # param: depth (integer 1..2, default 1): hops to follow. Example: 2

Lines starting with ``#   `` continue the previous field. ``tests/test_queries.py`` fails
for a query whose header lacks a title, a description, or an example for a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, QueryError
from ..resources import queries_dir

__all__ = ["Parameter", "NamedQuery", "PARAMETER_TYPES", "load_query", "library", "find_query"]

#: What a parameter can be; see :mod:`igkg.queries.params` for how each is resolved and bound.
PARAMETER_TYPES = ("agent", "instrument", "paragraph", "node", "verb", "integer", "string", "iri")

_FIELD = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"\((?P<type>[a-z]+)(?:\s+(?P<min>-?\d+)\.\.(?P<max>-?\d+))?(?:\s*,\s*default\s+(?P<default>[^)]+))?\)"
    r"\s*:\s*(?P<description>.*?)\s*Example:\s*(?P<example>.+?)\s*$"
)
_FORM = re.compile(r"^\s*(?:PREFIX\s+\S*\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str
    example: str
    default: str | None = None
    minimum: int | None = None
    maximum: int | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def summary(self) -> str:
        kind = self.type
        if self.minimum is not None:
            kind += f" {self.minimum}..{self.maximum}"
        if self.default is not None:
            kind += f", default {self.default}"
        return f"{self.name} ({kind})"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    path: Path | None = None
    parameters: tuple[Parameter, ...] = field(default=())

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        body = "\n".join(line for line in self.text.splitlines() if not line.lstrip().startswith("#"))
        match = _FORM.search(body)
        return match.group(1).upper() if match else "SELECT"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready description: name, title, description, form and parameters."""
        return {
            "name": self.name, "title": self.title, "description": self.description, "form": self.form,
            "parameters": [{"name": p.name, "type": p.type, "description": p.description, "example": p.example,
                            "required": p.required, "default": p.default, "minimum": p.minimum,
                            "maximum": p.maximum} for p in self.parameters],
        }

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def parse_header(text: str, source: str) -> tuple[str, str, tuple[Parameter, ...]]:
    fields: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _FIELD.match(stripped)
        if match:
            fields.append([match.group(1), match.group(2).strip()])
            continue
        continuation = _CONTINUATION.match(line.rstrip())
        if continuation and fields:
            fields[-1][1] += " " + continuation.group(1).strip()
    title = next((value for key, value in fields if key == "title"), "")
    description = " ".join(value for key, value in fields if key == "description")
    parameters = []
    for key, value in fields:
        if key != "param":
            continue
        match = _PARAM.match(value)
        if match is None:
            raise QueryError(f"{source}: cannot read parameter line {value!r}")
        if match["type"] not in PARAMETER_TYPES:
            raise QueryError(f"{source}: unknown parameter type {match['type']!r}")
        parameters.append(
            Parameter(
                name=match["name"],
                type=match["type"],
                description=match["description"].rstrip(" .") + ".",
                example=match["example"],
                default=match["default"].strip() if match["default"] else None,
                minimum=int(match["min"]) if match["min"] else None,
                maximum=int(match["max"]) if match["max"] else None,
            )
        )
    return title, description, tuple(parameters)


def load_query(path: str | Path) -> NamedQuery:
    """Read one ``.rq`` file (the name is the file name without ``.rq``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read query: {error}") from None
    title, description, parameters = parse_header(text, str(path))
    return NamedQuery(path.stem, title, description, text, path, parameters)


def library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of the bundled library (or of ``folder``), by name."""
    folder = folder or queries_dir()
    return {q.name: q for q in (load_query(p) for p in sorted(folder.glob("*.rq")))}


def find_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a query file by path."""
    if name_or_path.endswith(".rq") or "/" in name_or_path or "\\" in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            raise InputError(f"{name_or_path}: no such query file")
        return load_query(path)
    queries = library()
    if name_or_path not in queries:
        import difflib

        close = difflib.get_close_matches(name_or_path, list(queries), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `igkg queries` lists them"
        raise QueryError(f"no named query {name_or_path!r}{hint}")
    return queries[name_or_path]

