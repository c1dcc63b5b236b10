"""Answers kept beside an on-disk store: each named query's rows, in order, and a text index.

A store generation (``DIR/gen-000002``, see :mod:`.disk`) never changes once it is live: a load
makes a new one. So the answer of a query over it is a fact about that generation, and can be
kept. :class:`AnswerCache` is one SQLite database per generation (``DIR/.gen-000002.answers``)
holding:

* ``answer``: per query and bound values (a SHA-256 key of the text, the values and igkg's
  version), its form, variables and number of rows;
* ``row``: its rows as SPARQL JSON bindings (triples of a CONSTRUCT as N-Triples lines), keyed
  by ``(answer, n)``: a page is a range read on that key, whatever the answer's size;
* ``texts``: an FTS5 index (SQLite's own, in the standard library) of every ``igkg:text``,
  lower-cased, with the trigram tokenizer: substring search, as the ``search-text`` query's
  ``CONTAINS(LCASE(…))`` means; built from the generation by its first search, or by
  ``Graph.warm()`` (``igkg load --warm``), not by the load (about a second at a million triples).

Nothing here is ever trusted blindly. The database records a *stamp* of its generation (the
generation's name, its RocksDB ``CURRENT`` and the names and sizes of its files, which RocksDB
never rewrites): a stamp that differs (another database under the same name, a copied folder)
empties the cache. Each row carries its CRC-32 and each answer its row count; a row that does
not match, or SQLite reporting a damaged file, drops the whole cache (it is rebuilt from the
store by the next queries). Where the cache cannot be written (a read-only folder) the queries
simply run on the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import orjson
import pyoxigraph as ox

from .._version import __version__
from ..results import GraphResult, QueryResult, ResultTable, Term
from ..vocab import IGKG, RDF, XSD

_T = TypeVar("_T")

__all__ = ["AnswerCache", "Page", "answer_key", "answers_path", "generation_stamp"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answer (key TEXT PRIMARY KEY, form TEXT NOT NULL, variables TEXT NOT NULL,
                                   rows INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS row (answer TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL,
                                crc INTEGER NOT NULL, PRIMARY KEY (answer, n)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(subject UNINDEXED, body,
                                                    tokenize = 'trigram case_sensitive 1');
"""
_LANG_STRING = RDF.langString.value
_STRING = XSD.string.value
_TEXT = IGKG.text


def answers_path(generation: Path) -> Path:
    """Where the answers of a generation folder are kept (beside it, hidden)."""
    return generation.parent / f".{generation.name}.answers"


def generation_stamp(generation: Path) -> str:
    """What identifies a generation's database: its name, ``CURRENT`` and its files' names and
    sizes (RocksDB writes new files rather than changing old ones)."""
    digest = hashlib.sha256(generation.name.encode())
    with contextlib.suppress(OSError):
        digest.update((generation / "CURRENT").read_bytes())
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(generation), key=lambda e: e.name):
            if entry.is_file() and not entry.name.startswith("LOG"):
                digest.update(f"{entry.name}:{entry.stat().st_size};".encode())
    return digest.hexdigest()


def answer_key(text: str, bindings: Mapping[str, Term] | None) -> str:
    """The key of a query's answer: its text, its bound values (as N-Triples), igkg's version."""
    bound = "\n".join(f"{name}={term}" for name, term in sorted((bindings or {}).items()))
    return hashlib.sha256(f"{__version__}\0{text}\0{bound}".encode()).hexdigest()


class Page:
    """Rows ``offset`` … of a kept answer (``result``) and how many the whole answer has."""

    def __init__(self, result: QueryResult, total: int) -> None:
        self.result, self.total = result, total


def _term_json(term: Term) -> dict[str, str] | None:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype in (_STRING, _LANG_STRING):
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    return None  # a quoted triple: not kept


def _encode(result: QueryResult) -> tuple[str, list[str], list[str]] | None:
    """(form, variables, row bodies), or ``None`` for what is not kept."""
    if isinstance(result, bool):
        return "ASK", [], ["true" if result else "false"]
    if isinstance(result, GraphResult):
        lines = []
        for triple in result.triples:
            if any(isinstance(t, ox.Triple) for t in (triple.subject, triple.object)):
                return None
            lines.append(f"{triple.subject} {triple.predicate} {triple.object} .\n")
        return "CONSTRUCT", [], lines
    bodies = []
    for terms in result.rows:
        row: dict[str, dict[str, str]] = {}
        for variable, term in zip(result.variables, terms, strict=True):
            if term is not None:
                encoded = _term_json(term)
                if encoded is None:
                    return None
                row[variable] = encoded
        bodies.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    return "SELECT", list(result.variables), bodies


def _decode(form: str, variables: list[str], bodies: list[str]) -> QueryResult:
    if form == "ASK":
        return bodies == ["true"]
    if form == "CONSTRUCT":
        text = "".join(bodies)
        return GraphResult([quad.triple for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)] if text else [])
    made: dict[tuple[str, ...], Term] = {}  # a value repeated down a column is made once

    def term(value: dict[str, str]) -> Term:
        key = tuple(value.values())
        found = made.get(key)
        if found is not None:
            return found
        kind = value["type"]
        if kind == "uri":
            found = ox.NamedNode(value["value"])
        elif kind == "bnode":
            found = ox.BlankNode(value["value"])
        elif "xml:lang" in value:
            found = ox.Literal(value["value"], language=value["xml:lang"])
        elif "datatype" in value:
            found = ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        else:
            found = ox.Literal(value["value"])
        made[key] = found
        return found

    # The rows of a page are decoded in one call (orjson: about three times as fast as json here,
    # where long texts dominate); each distinct term is then made once.
    rows = [tuple(term(row[v]) if v in row else None for v in variables)
            for row in orjson.loads("[" + ",".join(bodies) + "]")]
    return ResultTable(list(variables), rows)


def _locked(method: Callable[..., _T]) -> Callable[..., _T]:
    def locked(self: AnswerCache, *args: object, **kwargs: object) -> _T:
        with self._lock:
            return method(self, *args, **kwargs)

    locked.__doc__, locked.__name__ = method.__doc__, method.__name__
    return locked


class Damaged(Exception):
    """The cache's file is damaged or does not match its generation."""


class AnswerCache:
    """The answers kept for one store generation (see the module's description)."""

    def __init__(self, path: Path, stamp: str) -> None:
        self.path, self.stamp = path, stamp
        self._db: sqlite3.Connection | None = None
        self.usable = True
        self._lock = threading.RLock()  # one connection, shared by a server's threads

    # -- the database ---------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if not self.usable:
            return None
        if self._db is not None:
            return self._db
        try:
            db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
            # WAL: readers go on while an answer is written; a commit is not an fsync (a lost last
            # answer is computed again; a torn one is caught by the row count and the CRCs)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.executescript(_SCHEMA)
            found = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if found is None or found[0] != self.stamp:  # new, or another database's answers: start afresh
                with _transaction(db):
                    for table in ("answer", "row", "texts", "meta"):
                        db.execute(f"DELETE FROM {table}")
                    db.execute("INSERT INTO meta VALUES ('stamp', ?)", (self.stamp,))
        except sqlite3.OperationalError:  # locked by a writer, unwritable: run on the store this time
            return None
        except sqlite3.DatabaseError:
            return self._reset()
        except OSError:
            self.usable = False
            return None
        self._db = db
        return db

    def _reset(self) -> sqlite3.Connection | None:
        """Drop a damaged cache file and start a new one once; give up on failing again."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()
        if getattr(self, "_was_reset", False):
            self.usable = False
            return None
        self._was_reset = True
        return self._connect()

    @_locked
    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    # -- answers --------------------------------------------------------------------------------
    @_locked
    def get(self, key: str, offset: int = 0, limit: int | None = None) -> Page | None:
        """Rows ``offset`` to ``offset + limit`` of a kept answer, or ``None`` when it is not kept."""
        db = self._connect()
        if db is None:
            return None
        try:
            head = db.execute("SELECT form, variables, rows FROM answer WHERE key = ?", (key,)).fetchone()
            if head is None:
                return None
            form, variables, total = head[0], json.loads(head[1]), int(head[2])
            end = total if limit is None else min(total, offset + limit)
            found = db.execute("SELECT n, body, crc FROM row WHERE answer = ? AND n >= ? AND n < ? ORDER BY n",
                               (key, offset, end)).fetchall()
            expected = list(range(offset, end))
            if [n for n, _, _ in found] != expected or any(zlib.crc32(b.encode()) != c for _, b, c in found):
                raise Damaged(key)
            return Page(_decode(form, variables, [body for _, body, _ in found]), total)
        except sqlite3.OperationalError:  # locked by a writer: run on the store this time
            return None
        except (sqlite3.DatabaseError, Damaged, ValueError, SyntaxError):
            self._reset()
            return None

    @_locked
    def put(self, key: str, result: QueryResult) -> None:
        """Keep an answer (not kept, silently, when the cache cannot be written)."""
        encoded = _encode(result)
        db = self._connect()
        if encoded is None or db is None:
            return
        form, variables, bodies = encoded
        try:
            with _transaction(db):
                db.execute("DELETE FROM row WHERE answer = ?", (key,))
                db.executemany("INSERT INTO row VALUES (?, ?, ?, ?)",
                               ((key, n, body, zlib.crc32(body.encode())) for n, body in enumerate(bodies)))
                db.execute("INSERT OR REPLACE INTO answer VALUES (?, ?, ?, ?)",
                           (key, form, json.dumps(variables), len(bodies)))
        except sqlite3.OperationalError:  # locked by another writer, a full disk: run on the store next time
            return
        except sqlite3.DatabaseError:
            self._reset()

    # -- the text index -------------------------------------------------------------------------
    @_locked
    def index_texts(self, store: ox.Store) -> bool:
        """Fill the text index from the store's ``igkg:text`` values (once per generation). False
        when it cannot be used: a text of a blank node (which cannot be bound), an unwritable cache."""
        db = self._connect()
        if db is None:
            return False
        try:
            state = db.execute("SELECT value FROM meta WHERE key = 'texts'").fetchone()
            if state is not None:
                return bool(state[0] == "ready")
            rows, ready = _text_rows(store.quads_for_pattern(None, _TEXT, None))
            with _transaction(db):
                db.execute("DELETE FROM texts")
                if ready:
                    db.executemany("INSERT INTO texts(subject, body) VALUES (?, ?)", rows)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('texts', ?)", ("ready" if ready else "unusable",))
            return ready
        except sqlite3.OperationalError:
            return False
        except sqlite3.DatabaseError:
            self._reset()
            return False

    @_locked
    def search(self, store: ox.Store, words: str) -> list[str] | None:
        """The subjects whose ``igkg:text`` contains ``words`` ignoring case: a superset of the
        matches of ``CONTAINS(LCASE(?text), LCASE(words))`` for ASCII words of three or more
        characters; ``None`` (search the store) otherwise, or without a usable index."""
        if len(words) < 3 or not words.isascii() or not self.index_texts(store):
            return None
        db = self._connect()
        if db is None:
            return None
        phrase = '"' + words.lower().replace('"', '""') + '"'
        try:
            return [s for (s,) in db.execute("SELECT DISTINCT subject FROM texts WHERE body MATCH ?", (phrase,))]
        except sqlite3.OperationalError:
            return None
        except sqlite3.DatabaseError:
            self._reset()
            return None


def _text_rows(quads: Iterable[ox.Quad]) -> tuple[list[tuple[str, str]], bool]:
    rows = []
    for quad in quads:
        if isinstance(quad.object, ox.Literal):
            if not isinstance(quad.subject, ox.NamedNode):
                return [], False
            rows.append((quad.subject.value, quad.object.value.lower()))
    return rows, True


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
