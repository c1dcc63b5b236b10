"""Writing a user's output file without ever losing what was there: :func:`write_output`.

* a regular file (or a new one) is written **atomically**: a temporary file in the same folder,
  flushed to disk, then renamed over the target, which keeps its permissions. A failed run
  (a full disk, Ctrl-C, an error) leaves the old file as it was;
* ``-`` (or no path) is standard output; a character device (``/dev/null``, ``/dev/full``, a
  terminal), a named pipe, and anything under ``/dev/`` or ``/proc/`` (``/dev/stdout``) are
  written **through**, never replaced;
* a symbolic link (to a regular file) is refused rather than replaced by a regular file, and so
  are a folder, a block device, a socket and an empty path, each with its own message.

Every failure is an :class:`~igkg.errors.InputError` (exit code 2) naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

__all__ = ["write_output", "describe_os_error"]

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOENT: "no such folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder",
    errno.EFBIG: "the file is too large for the file system",
    errno.EIO: "an input/output error (a failing disk?)",
}


def describe_os_error(error: OSError) -> str:
    """A short reason for an operating-system error: "no space left on the device"."""
    return _REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()


Chunks = Iterable[bytes]


def _write_all(stream: BinaryIO, data: Chunks) -> None:
    for chunk in data:  # each piece goes out as it comes (a pipe's reader sees the first rows early)
        stream.write(chunk)
        stream.flush()


def _encoded(data: str | bytes | Iterable[str | bytes]) -> Chunks:
    if isinstance(data, str | bytes):
        data = (data,)
    return (piece.encode("utf-8") if isinstance(piece, str) else piece for piece in data)


def _to_stdout(data: Chunks) -> None:
    try:
        _write_all(sys.stdout.buffer, data)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise InputError(f"cannot write to standard output: {describe_os_error(error)}") from None


def _through(target: Path, data: Chunks) -> None:
    """Write into an existing device, pipe or /dev//proc path, without replacing it."""
    try:
        with open(target, "wb") as stream:
            _write_all(stream, data)
    except OSError as error:
        raise InputError(f"{target}: cannot write: {describe_os_error(error)}") from None


def _atomic(target: Path, data: Chunks, mode: int | None) -> None:
    folder = target.parent
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"{target}: cannot write: the folder {folder} {reason}")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"{target}: cannot write: {describe_os_error(error)}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            _write_all(stream, data)
            os.fsync(stream.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as error:
        raise InputError(f"{target}: cannot write: {describe_os_error(error)}; the file is as it was") from None
    finally:  # also on Ctrl-C: the temporary file goes, the target is untouched
        with contextlib.suppress(OSError):
            tmp.unlink()
    with contextlib.suppress(OSError):
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)


def _is_system_path(path: Path) -> bool:
    parts = path.absolute().parts
    return len(parts) > 1 and parts[1] in ("dev", "proc")


def write_output(data: str | bytes | Iterable[str | bytes], target: str | os.PathLike[str] | None) -> None:
    """Write ``data`` to ``target`` (see the module's documentation for what each kind of path
    gets); ``None`` or ``-`` is standard output. ``data`` may come in pieces (an iterator of
    text or bytes, e.g. :func:`igkg.formats.result_stream.stream`): each is written as it comes,
    to a temporary file for a regular file (renamed over the target only when the last piece is
    in, so a failure half-way leaves the old file)."""
    payload = _encoded(data)
    if target is None or os.fspath(target) == "-":
        _to_stdout(payload)
        return
    text = os.fspath(target)
    if not text.strip():
        raise InputError("the output file name is empty: give a file name, or - for standard output")
    path = Path(text)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        _atomic(path, payload, None)
        return
    except OSError as error:
        raise InputError(f"{path}: cannot write: {describe_os_error(error)}") from None
    kind = info.st_mode
    if stat.S_ISLNK(kind):
        if _is_system_path(path):
            _through(path, payload)
            return
        try:
            final = os.stat(path).st_mode
        except OSError:
            final = 0
        if stat.S_ISCHR(final) or stat.S_ISFIFO(final):
            _through(path, payload)
            return
        raise InputError(f"{path} is a symbolic link (to {os.readlink(path)}): igkg does not replace it; "
                         f"give the file it points to, or remove the link first")
    if stat.S_ISDIR(kind):
        raise InputError(f"{path} is a folder: give a file name")
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        _through(path, payload)
        return
    if not stat.S_ISREG(kind):
        what = "a block device" if stat.S_ISBLK(kind) else "a socket" if stat.S_ISSOCK(kind) else "not a regular file"
        raise InputError(f"{path} is {what}: igkg writes regular files, devices such as /dev/null, and pipes")
    _atomic(path, payload, stat.S_IMODE(kind))
