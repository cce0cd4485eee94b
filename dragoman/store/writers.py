"""Writers announce themselves beside the store file, so that a reader holding it can step aside.

DuckDB lets one process write a file and no other process open it meanwhile; a process that holds the
file read-only blocks every writer. ``dragoman serve`` keeps a read-only connection open between
requests, so a writer says it is coming: before it opens the file, :class:`~dragoman.store.Store`
adds its process id to ``<db>.writer`` (:func:`announce`), and removes it when it closes
(:meth:`Announcement.withdraw`). The server watches that file (:func:`live_writers`) and closes its
connection while a live writer is announced; the writer's lock wait covers the moment that takes.

The file holds one process id a line (several writers may wait for the same store). Changes are made
under an exclusive ``flock`` on the file itself; a process id that is not alive any more (a writer
that was killed) is ignored and cleaned away. Where ``fcntl`` is missing (Windows) the file is written
without locking.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: What is appended to the store's path to name its writer file.
SUFFIX = ".writer"


def writer_path(db_path: str | Path) -> str:
    """The writer file of the store at ``db_path``."""
    return os.fspath(db_path) + SUFFIX


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (a dead child nobody has reaped yet)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[:1] != ["Z"]
    except OSError:
        return True  # no /proc: kill(0) is all we have


class Announcement:
    """This process's line in a writer file; :meth:`withdraw` removes it (idempotent)."""

    def __init__(self, marker: str, pid: int) -> None:
        self.marker = marker
        self.pid = pid
        self._withdrawn = False

    def withdraw(self) -> None:
        """Remove this writer's process id; remove the file when no live writer is left in it."""
        if self._withdrawn:
            return
        self._withdrawn = True
        with _locked(self.marker, create=False) as handle:
            if handle is None:
                return
            pids = _live(_read(handle))
            if self.pid in pids:
                pids.remove(self.pid)
            _rewrite(self.marker, handle, pids)


def announce(db_path: str | Path) -> Announcement:
    """Add this process to the writers of the store at ``db_path`` (before opening it for writing).

    Raises:
        OSError: the writer file cannot be written (e.g. a read-only folder).
    """
    marker = writer_path(db_path)
    pid = os.getpid()
    with _locked(marker, create=True) as handle:
        assert handle is not None
        pids = _live(_read(handle))
        pids.append(pid)
        _rewrite(marker, handle, pids)
    return Announcement(marker, pid)


def live_writers(db_path: str | Path, *, clean: bool = True) -> list[int]:
    """Process ids of the live writers announced for the store at ``db_path`` (none: ``[]``).

    Args:
        db_path: the store file.
        clean: remove a file that names only dead processes.
    """
    marker = writer_path(db_path)
    try:
        handle = open(marker, encoding="ascii", errors="replace")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return []
    with handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_SH)
        pids = _read(handle)
    live = _live(pids)
    if clean and pids and not live:
        with _locked(marker, create=False) as locked:
            if locked is not None:
                _rewrite(marker, locked, _live(_read(locked)))
    return live


@contextlib.contextmanager
def _locked(marker: str, *, create: bool) -> Iterator[IO[str] | None]:
    """The writer file opened for update under an exclusive lock (``None``: absent and not created).

    A file another process unlinked while this one waited for its lock is opened again.
    """
    while True:
        flags = os.O_RDWR | (os.O_CREAT if create else 0)
        try:
            fd = os.open(marker, flags, 0o644)
        except FileNotFoundError:
            yield None
            return
        handle = os.fdopen(fd, "r+", encoding="ascii", errors="replace")
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                same = os.stat(marker).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                yield handle
                return
        finally:
            handle.close()


def _read(handle: IO[str]) -> list[int]:
    handle.seek(0)
    return [int(line) for line in handle.read().split() if line.isdigit()]


def _live(pids: list[int]) -> list[int]:
    return [pid for pid in pids if pid_alive(pid)]


def _rewrite(marker: str, handle: IO[str], pids: list[int]) -> None:
    """Write ``pids`` into the locked file, or unlink it when there are none."""
    if not pids:
        handle.seek(0)
        handle.truncate()
        handle.flush()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(marker)
        return
    handle.seek(0)
    handle.write("".join(f"{pid}\n" for pid in pids))
    handle.truncate()
    handle.flush()
