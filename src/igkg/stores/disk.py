"""The graph in a folder on disk (``igkg load FILE... --store DIR``), loaded all-or-nothing.

Oxigraph's bulk loader is fast but not transactional: a syntax error at the end of a big file,
Ctrl-C or a killed process would leave half a load behind. So a load never writes into the
database that readers use. A store folder holds numbered Oxigraph databases and a symbolic link
``live`` naming the current one::

    DIR/live -> gen-000002     the database every reader opens (``oxigraph serve-read-only
    DIR/gen-000002/               --location DIR/live`` works too)
    DIR/.load.lock             held by a running load (one load at a time)
    DIR/.gen-000002.readers    held (shared) by every reader of gen-000002 while it is open

A load copies the live database into a new generation (``Store.backup``: hard links, no copy
of the data), bulk-loads the files into the copy, and only when every file has loaded, flushes it
and switches ``live`` to it with one atomic ``rename``. A load that fails at any point before the
switch leaves ``live`` untouched; the unfinished generation is deleted.

Left-overs are cleaned by the next load, or by the next reader that finds no load running
(holding the load lock while it cleans): a generation *newer* than ``live`` was left by a
killed load and was never live, so no reader can have it open (it goes at once, whoever has
the store open); a generation *older* than ``live`` goes once no reader holds its lock. A
reader locks the generation ``live`` names, then checks that ``live`` still names it.

A damaged database (a corrupt ``.sst`` file) is reported as "the store at DIR is damaged"
(exit code 4) with what to do: load the files into a new folder.

A new store is seeded with the bundled graph (ontology, concept schemes, reference data, seed
documents), which the named queries and parameter look-ups need; ``bundled=False``
(``--no-bundled``) creates it with the given files only.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..errors import InputError, ParseError, StoreError
from ..formats.guard import GuardedReader, check_size
from ..formats.rdf_reader import parse_error, token_limit_error
from ..formats.registry import syntax_for_path
from ..formats.sources import bundled_sources, graph_for_file, read_sources
from ..limits import InputLimits, QueryPolicy
from .answers import AnswerCache, answers_path, generation_stamp
from .oxigraph import OxigraphStore

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locking
    fcntl = None  # type: ignore[assignment]

__all__ = ["DiskStore", "LoadSummary", "is_store", "open_store", "load_into_store"]

LIVE = "live"
_GENERATION = re.compile(r"^gen-(\d{6})$")
_LOAD_LOCK = ".load.lock"
_OPEN_ATTEMPTS = 20

#: ``progress(bytes_done, bytes_total, file, file_read)``: called as the files are read; the
#: total is ``None`` when it cannot be known (a pipe); ``file_read`` is true once the whole file
#: is read and Oxigraph is sorting and writing its indexes.
Progress = Callable[[int, int | None, Path, bool], None]


@dataclass
class LoadSummary:
    """What a load did; ``triples_before`` and ``triples_after`` count quads (each file's
    triples are in its graph, so a triple two files state is counted once per graph)."""

    store: Path
    files: list[Path]
    triples_before: int
    triples_after: int
    created: bool
    bundled: bool
    seconds: float
    bytes_read: int = 0
    seeded_with: list[Path] = field(default_factory=list)

    @property
    def added(self) -> int:
        return self.triples_after - self.triples_before

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary of the load."""
        """JSON-ready summary of the load. The counts are of quads: a triple held by two graphs
        counts twice (``triples_*`` are the same numbers, kept under their first names)."""
        return {"store": str(self.store), "files": [str(p) for p in self.files], "created": self.created,
                "seeded_with_bundled_graph": self.bundled, "quads_before": self.triples_before,
                "quads_after": self.triples_after, "triples_before": self.triples_before,
                "triples_after": self.triples_after, "added": self.added, "bytes_read": self.bytes_read,
                "seconds": round(self.seconds, 3)}


class _Lock:
    """An ``flock`` on a file in the store folder (shared or exclusive, never waiting)."""

    def __init__(self, path: Path, *, exclusive: bool) -> None:
        self.fd: int | None = None
        if fcntl is None:
            return
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            self.fd = None
            raise

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


@contextlib.contextmanager
def _try_lock(path: Path) -> Iterator[bool]:
    """An exclusive lock if nobody holds the file; yields whether it was obtained."""
    try:
        lock = _Lock(path, exclusive=True)
    except OSError:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a store folder made by ``igkg load``."""
    return (Path(path) / LIVE).is_symlink()


def _live_generation(folder: Path) -> Path | None:
    link = folder / LIVE
    if not link.is_symlink():
        return None
    target = folder / os.readlink(link)
    if not target.is_dir():
        raise StoreError(f"store {folder} is damaged: {LIVE} points to a missing database")
    return target


def _readers_lock(folder: Path, generation: str) -> Path:
    return folder / f".{generation}.readers"


def _open_live(folder: Path) -> tuple[Path, _Lock]:
    """The live generation, locked (shared) for reading; retried while a load switches it."""
    for _attempt in range(_OPEN_ATTEMPTS):
        live = _live_generation(folder)
        if live is None:
            raise StoreError(f"{folder} is not an igkg store: create one with `igkg load FILE --store {folder}`")
        try:
            lock = _Lock(_readers_lock(folder, live.name), exclusive=False)
        except BlockingIOError:  # a clean-up is deleting it: live has moved on
            time.sleep(0.05)
            continue
        except OSError as error:
            raise StoreError(f"cannot lock store {folder}: {error.strerror or error}") from None
        if _live_generation(folder) == live and live.is_dir():
            return live, lock
        lock.release()
    raise StoreError(f"store {folder} keeps changing under loads; try again")


class DiskStore(OxigraphStore):
    """A store folder opened for reading (several processes may read at once)."""

    def __init__(self, folder: str | Path, policy: QueryPolicy | None = None) -> None:
        self.folder = Path(folder)
        self._lock: _Lock | None = None
        if not self.folder.is_dir():
            raise StoreError(f"no store at {self.folder}: create one with `igkg load --store {self.folder}`")
        answers: AnswerCache | None = None
        if is_store(self.folder):
            database, self._lock = _open_live(self.folder)
            _tidy(self.folder)
            answers = AnswerCache(answers_path(database), generation_stamp(database))
        elif (self.folder / "CURRENT").is_file():  # a plain Oxigraph database (`oxigraph load`)
            database = self.folder
        else:
            raise StoreError(
                f"{self.folder} is not an igkg store: create one with `igkg load FILE --store {self.folder}`"
            )
        try:
            super().__init__(database, read_only=True, policy=policy, folder=self.folder)
        except StoreError:
            self.close()
            raise
        self.location = f"store {self.folder}"
        self.answers = answers

    def close(self) -> None:
        """Let a later load delete this generation once it is replaced (the query worker, which
        shares the lock, is stopped too)."""
        self._invalidate()
        if self.answers is not None:
            self.answers.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __del__(self) -> None:
        self.close()


def open_store(folder: str | Path, policy: QueryPolicy | None = None) -> DiskStore:
    """Open a store folder (or a plain Oxigraph database folder) read-only."""
    return DiskStore(folder, policy)


class _CountingReader:
    """A binary file whose reads report progress. Oxigraph's bulk loader reads through it, which
    also lets Ctrl-C stop a load at once (the interrupt is raised inside ``read``)."""

    def __init__(self, raw: IO[bytes], path: Path, done: int, total: int | None, progress: Progress | None):
        self.raw, self.path, self.done, self.total, self.progress = raw, path, done, total, progress

    def read(self, size: int = -1) -> bytes:
        try:
            chunk = self.raw.read(size)
        except OSError as error:
            raise InputError(f"{self.path}: cannot read: {error.strerror or error}") from None
        self.done += len(chunk)
        if self.progress is not None:
            self.progress(self.done, self.total, self.path, not chunk)
        return chunk


def _check_inputs(files: Sequence[Path], limits: InputLimits) -> None:
    for path in files:
        syntax_for_path(path)
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not an RDF file")
        if path.is_file():
            check_size(path.stat().st_size, path, limits)


def _bulk_load(store: ox.Store, path: Path, done: int, total: int | None, progress: Progress | None,
               limits: InputLimits) -> int:
    """Bulk-load one file: named graphs kept, the default graph's triples into the file's graph
    (the one document's, or the one text copy's, else the one named for the file)."""
    syntax = syntax_for_path(path)
    graph = graph_for_file(path, limits)
    try:
        raw_file = path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        with raw_file as raw:
            reader = _CountingReader(raw, path, done, total, progress)
            guarded = GuardedReader(reader, syntax, path=path, limits=limits)  # type: ignore[arg-type]
            store.bulk_load(input=guarded, format=syntax.oxigraph,
                            base_iri=path.resolve().as_uri(), to_graph=graph)
            return reader.done
    except SyntaxError as error:
        raise parse_error(error, path) from None
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    except MemoryError as error:  # Oxigraph's buffer limit: the guard should have said it first
        raise token_limit_error(error, path, guarded.scanner.line) from None
    except ValueError as error:
        raise InputError(f"{path}: cannot load: {error}") from None


def _count(database: Path) -> int:
    store = ox.Store.read_only(str(database))
    return len(store)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _switch(folder: Path, generation: Path) -> None:
    """Point ``live`` at ``generation`` with one atomic rename."""
    pending = folder / f"{LIVE}.new"
    pending.unlink(missing_ok=True)
    os.symlink(generation.name, pending)
    os.replace(pending, folder / LIVE)
    _fsync_folder(folder)


def _remove_unused(folder: Path, keep: Path | None) -> None:
    """Delete the generations other than ``keep`` (the live one) that nobody can be reading: the
    caller holds the load lock. Newer than ``keep``: left by a killed load, never live, deleted.
    Older: replaced, deleted once no reader holds its lock."""
    keep_number = int(_GENERATION.match(keep.name).group(1)) if keep is not None else -1  # type: ignore[union-attr]
    for entry in sorted(folder.iterdir()):
        match = _GENERATION.match(entry.name)
        if match is None or not entry.is_dir() or (keep is not None and entry.name == keep.name):
            continue
        lock = _readers_lock(folder, entry.name)
        if int(match.group(1)) > keep_number:
            _remove_generation(entry)
            lock.unlink(missing_ok=True)
            continue
        with _try_lock(lock) as alone:
            if alone:
                _remove_generation(entry)
                lock.unlink(missing_ok=True)
    for lock in folder.glob(".gen-*.readers"):  # locks of generations already gone
        if not (folder / lock.name[1:].removesuffix(".readers")).is_dir():
            with _try_lock(lock) as alone:
                if alone:
                    lock.unlink(missing_ok=True)
    for kept in folder.glob(".gen-*.answers*"):  # answers of generations already gone
        if not (folder / kept.name[1:].split(".")[0]).is_dir():
            kept.unlink(missing_ok=True)
    (folder / f"{LIVE}.new").unlink(missing_ok=True)


def _remove_generation(generation: Path) -> None:
    """Delete a generation's database and the answers kept for it."""
    shutil.rmtree(generation, ignore_errors=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{answers_path(generation)}{suffix}").unlink(missing_ok=True)


def _tidy(folder: Path) -> None:
    """Clean left-overs when no load is running (a reader calls it when it opens the store); a
    reader without write permission simply leaves them."""
    with contextlib.suppress(OSError, StoreError), _try_lock(folder / _LOAD_LOCK) as alone:
        if alone:
            _remove_unused(folder, _live_generation(folder))


def _next_generation(folder: Path) -> Path:
    numbers = [int(m.group(1)) for e in folder.iterdir() if (m := _GENERATION.match(e.name))]
    return folder / f"gen-{max(numbers, default=0) + 1:06d}"


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a store folder")
    if folder.is_dir() and not is_store(folder):
        unexpected = [e.name for e in folder.iterdir() if not e.name.startswith(".")
                      and not _GENERATION.match(e.name)]
        if unexpected:
            raise StoreError(f"{folder} is not an igkg store and not empty: give a new or empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create store {folder}: {error.strerror or error}") from None


def load_into_store(
    folder: str | Path,
    files: Sequence[str | Path] = (),
    *,
    bundled: bool = True,
    progress: Progress | None = None,
) -> LoadSummary:
    """Add RDF files to the store in ``folder`` (created, and seeded with the bundled graph
    unless ``bundled=False``, when missing). All or nothing: on any error, or an interrupt,
    the store is as it was."""
    started = time.perf_counter()
    folder = Path(folder)
    paths = [Path(p) for p in files]
    limits = InputLimits.from_environment()
    _check_inputs(paths, limits)
    _prepare_folder(folder)
    try:
        load_lock = _Lock(folder / _LOAD_LOCK, exclusive=True)
    except OSError:
        raise StoreError(f"store {folder} is being loaded by another process; try again when it is done") from None
    try:
        live = _live_generation(folder)
        _remove_unused(folder, live)
        created = live is None
        seeded = created and bundled
        inputs = paths
        if live is not None and not inputs:  # nothing to add: the clean-up above was all
            count = _count(live)
            return LoadSummary(store=folder, files=[], triples_before=count, triples_after=count,
                               created=False, bundled=False, seconds=time.perf_counter() - started)
        sizes = [p.stat().st_size if p.is_file() else None for p in inputs]
        total = None if None in sizes else sum(s for s in sizes if s is not None)
        generation = _next_generation(folder)
        before = after = done = 0
        store: ox.Store | None = None
        try:
            if live is not None:
                current = ox.Store.read_only(str(live))
                before = len(current)
                current.backup(str(generation))
                del current
            store = ox.Store(str(generation))
            if seeded:  # the bundled graph, each file in its graph (4k triples: parsed here)
                store.bulk_extend(read_sources(bundled=True))
            for path in inputs:
                done = _bulk_load(store, path, done, total, progress, limits)
            store.flush()
            after = len(store)
        except OSError as error:
            store = None  # close the database before deleting its folder
            shutil.rmtree(generation, ignore_errors=True)
            raise StoreError(f"cannot write store {folder}: {error.strerror or error}") from None
        except BaseException:
            store = None
            shutil.rmtree(generation, ignore_errors=True)
            raise
        store = None
        _switch(folder, generation)
        _remove_unused(folder, generation)
    finally:
        load_lock.release()
    return LoadSummary(
        store=folder, files=paths, triples_before=before, triples_after=after, created=created,
        bundled=seeded, seconds=time.perf_counter() - started, bytes_read=done,
        seeded_with=[p for p, _ in bundled_sources()] if seeded else [],
    )
