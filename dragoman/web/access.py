"""How the web server reaches the store and the pipeline.

DuckDB lets one process write a file, and no other process open it at all meanwhile (not even
read-only); a process holding the file read-only blocks every writer. The server therefore keeps **one
read-only connection while no writer wants the file**, and hands each request a cursor of it, so
requests read concurrently (DuckDB runs queries without holding the GIL).

A writer (``dragoman ingest``, or any :class:`~dragoman.store.Store` opened for writing) announces itself
in ``<db>.writer`` before it opens the file (:mod:`dragoman.store.writers`). A watcher thread looks for
that file every :data:`WATCH_INTERVAL` seconds; when a live writer is announced, new requests stop using
the connection, the ones in flight finish (those still running after :data:`DRAIN_WAIT` seconds are
interrupted and answer ``503``) and the connection is closed, well within the writer's lock wait
(:data:`dragoman.store.database.LOCK_TIMEOUT`). While the writer is announced, requests wait up to
:data:`READ_WAIT` seconds for it to finish and then answer ``503 store busy`` with ``Retry-After``;
when it is gone the connection is opened again. Where the connection cannot be had (a writer that did
not announce itself holds the file), each request opens the store for its own duration instead, as the
server did before, and waits for the file up to :data:`READ_WAIT` seconds.

The server's own writes (``POST /api/extract`` with ``store``) close the connection too: one process
may not mix read-only and read-write connections to a file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from dragoman.errors import DragomanError, StoreError
from dragoman.record import Record
from dragoman.store import Store
from dragoman.store.database import is_lock_conflict
from dragoman.store.writers import live_writers

if TYPE_CHECKING:
    from dragoman.extract import Extractor

log = logging.getLogger(__name__)

#: Seconds a request waits for another process (an ingest) to let go of the store.
READ_WAIT = 2.0

#: Seconds between two looks for an announced writer.
WATCH_INTERVAL = 0.1

#: Seconds requests reading through the shared connection may go on once a writer is announced; those
#: still running are then interrupted (and answer 503), so the writer's lock wait always suffices.
DRAIN_WAIT = 2.0

#: Seconds a request to analyse an article waits for the one it queues behind. Requests are served by a
#: pool of 40 threads; without a bound, a few dozen long articles posted at once would hold every thread
#: and leave none for reads.
ANALYSE_WAIT = 10.0


class ServerBusy(DragomanError):
    """The server cannot take the request now; it may be retried shortly (answered ``503``)."""


class StoreBusy(ServerBusy):
    """Another process is writing to the store; the request may be retried shortly."""


class AnalyserBusy(ServerBusy):
    """The pipeline is analysing other articles; the request may be retried shortly."""


#: What :meth:`StoreAccess.version` returns.
StoreVersion = tuple[int, ...]


class StoreAccess:
    """The server's way into the store: a shared read-only connection, stepped aside for writers.

    Args:
        path: the DuckDB file.
        wait: seconds a request waits for another process's lock before :class:`StoreBusy`.
        interval: seconds between two looks for an announced writer.
        drain: seconds in-flight reads may go on once a writer is announced.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        wait: float = READ_WAIT,
        interval: float = WATCH_INTERVAL,
        drain: float = DRAIN_WAIT,
    ) -> None:
        self.path = str(path)
        self.wait = wait
        self.interval = interval
        self.drain = drain
        # Serialises the per-request connections (the fallback and writes), as before the shared one.
        self._lock = threading.Lock()
        # Guards everything below; notified whenever the shared connection comes or goes.
        self._state = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._cursors: set[duckdb.DuckDBPyConnection] = set()
        self._closing = False
        self._writing = 0
        self._generation = 0
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    # -- life cycle -------------------------------------------------------------------------

    def prepare(self) -> None:
        """Create the store if absent and apply pending migrations, so that reads can be read-only."""
        with self.open(read_only=False):
            pass

    def start(self) -> None:
        """Start watching for writers (idempotent; the first request starts it too)."""
        if self._watcher is not None and self._watcher.is_alive():
            return
        with self._state:
            if self._watcher is not None and self._watcher.is_alive():
                return
            self._stop.clear()
            self._watcher = threading.Thread(
                target=_watch, args=(weakref.ref(self), self._stop, self.interval),
                name=f"dragoman-writer-watch:{os.path.basename(self.path)}", daemon=True,
            )  # fmt: skip
            self._watcher.start()

    def stop(self) -> None:
        """Stop watching and close the shared connection (after the reads in flight)."""
        self._stop.set()
        watcher = self._watcher
        if watcher is not None and watcher is not threading.current_thread():
            watcher.join(timeout=5)
        self._release()

    @property
    def shared(self) -> bool:
        """Whether requests read through the shared connection now."""
        with self._state:
            return self._con is not None and not self._closing

    def version(self) -> StoreVersion:
        """What changes whenever the store's content may have changed: a count of the times the
        server let go of the file for a writer (no write can happen before that), and the size and
        modification time of the file and of its write-ahead log (which every write changes)."""
        marks: list[int] = [self._generation]
        for name in (self.path, self.path + ".wal"):
            try:
                stat = os.stat(name)
            except FileNotFoundError:
                marks += [0, -1]
            else:
                marks += [stat.st_mtime_ns, stat.st_size]
        return tuple(marks)

    # -- requests ---------------------------------------------------------------------------

    @contextmanager
    def open(self, *, read_only: bool = True) -> Iterator[Store]:
        """A store for the duration of the ``with`` block.

        Reads go through a cursor of the shared connection where it is open; otherwise (and for
        writes) the store is opened for the block and closed after it.

        Raises:
            StoreBusy: another process held the file for longer than :attr:`wait` seconds.
            StoreError: the file cannot be opened for another reason.
        """
        if not read_only:
            with self._exclusive(), self._own(read_only=False) as store:
                yield store
            return
        self.start()
        cursor = self._borrow()
        if cursor is None:
            with self._own(read_only=True) as store:
                yield store
            return
        try:
            yield Store.over(cursor, self.path)
        except (duckdb.InterruptException, StoreError) as exc:
            if isinstance(exc, duckdb.InterruptException) or isinstance(
                exc.__cause__, duckdb.InterruptException
            ):
                raise StoreBusy(
                    f"the store {self.path} is wanted by a writer (an ingest?); try again shortly"
                ) from exc
            raise
        finally:
            # Closed before it is given back, so that the shared connection is never closed under it.
            with contextlib.suppress(duckdb.Error):
                cursor.close()
            with self._state:
                self._cursors.discard(cursor)
                self._state.notify_all()

    def _borrow(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor of the shared connection, opened if need be; ``None``: read on a connection of
        the request's own. While a writer is announced, waits up to :attr:`wait` seconds for it.

        Raises:
            StoreBusy: a writer was announced for all of :attr:`wait` seconds.
        """
        deadline = time.monotonic() + self.wait
        with self._state:
            while True:
                if self._con is not None and not self._closing:
                    cursor = self._con.cursor()
                    self._cursors.add(cursor)
                    return cursor
                if self._writing:
                    return None  # this process writes: queue behind it on the process-wide lock
                if not self._closing and not live_writers(self.path):
                    return self._con_cursor_or_none()
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreBusy(
                        f"the store {self.path} is busy: another process (an ingest?) is writing to it; "
                        "try again shortly"
                    )
                self._state.wait(min(left, self.interval))

    def _con_cursor_or_none(self) -> duckdb.DuckDBPyConnection | None:
        """Open the shared connection (state lock held) and lend a cursor; ``None`` if it can't be had."""
        if not self._connect():
            return None
        assert self._con is not None
        cursor = self._con.cursor()
        self._cursors.add(cursor)
        return cursor

    def _connect(self) -> bool:
        """Open the shared connection now (state lock held); whether it is open."""
        if self._con is not None:
            return True
        try:
            # Migrations were applied by prepare(); a store without them is read per request instead.
            con = duckdb.connect(self.path, read_only=True)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                log.debug("no shared connection to %s: %s", self.path, exc)
            return False
        try:
            con.execute("SELECT 1 FROM _migrations LIMIT 1")
        except duckdb.Error:
            con.close()
            return False
        self._con = con
        self._state.notify_all()
        return True

    @contextmanager
    def _own(self, *, read_only: bool) -> Iterator[Store]:
        """A store opened for this request alone (under the process-wide lock), then closed."""
        with self._lock:
            try:
                store = Store(self.path, read_only=read_only, lock_timeout=self.wait)
            except StoreError as exc:
                if exc.__cause__ is not None and is_lock_conflict(exc.__cause__):
                    raise StoreBusy(
                        f"the store {self.path} is busy: another process (an ingest?) is writing to it; "
                        "try again shortly"
                    ) from exc
                raise
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """No shared connection for the ``with`` block (this process writes); it reopens after."""
        with self._state:
            self._writing += 1
        try:
            self._release()
            yield
        finally:
            with self._state:
                self._writing -= 1
                self._generation += 1
                self._state.notify_all()

    def _release(self) -> None:
        """Close the shared connection once the reads in flight are done (interrupting any that run
        past :attr:`drain` seconds)."""
        with self._state:
            if self._con is None or self._closing:
                while self._closing:
                    self._state.wait(self.interval)
                return
            self._closing = True
            deadline = time.monotonic() + self.drain
            try:
                while self._cursors:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        log.warning("interrupting %d reads so that a writer can open %s",
                                    len(self._cursors), self.path)  # fmt: skip
                        for cursor in list(self._cursors):
                            with contextlib.suppress(duckdb.Error):
                                cursor.interrupt()
                        deadline = time.monotonic() + self.drain
                    self._state.wait(min(max(left, 0.01), self.interval))
                con, self._con = self._con, None
                # A writer may come in now: answers read from here on belong to a new version.
                self._generation += 1
                with contextlib.suppress(duckdb.Error):
                    con.close()
            finally:
                self._closing = False
                self._state.notify_all()

    def _watch_once(self) -> None:
        """One look for writers: step aside for a live one, come back when none is left."""
        writers = live_writers(self.path)
        if writers:
            if self._con is not None:
                log.info("writer %s announced on %s: closing the shared connection", writers, self.path)
                self._release()
            return
        with self._state:
            if self._con is None and not self._writing and not self._closing:
                self._connect()
            self._state.notify_all()


def _watch(access: weakref.ref[StoreAccess], stop: threading.Event, interval: float) -> None:
    """The watcher thread: ends when asked to or when its :class:`StoreAccess` is gone."""
    while not stop.wait(interval):
        target = access()
        if target is None:
            return
        try:
            target._watch_once()
        except Exception:  # the watcher must outlive a bad moment (an unreadable writer file)
            log.exception("watching for writers on %s failed", target.path)
        del target


class Analyser:
    """The language pipeline for ``POST /api/extract`` and the analyse page, built on first use.

    spaCy pipelines are not meant to be shared between threads, so one document is analysed at a time;
    a request that has waited ``wait`` seconds for its turn gets :class:`AnalyserBusy`.

    Args:
        extractor: the pipeline to use (default: built on first use).
        wait: seconds a request waits for the analysis before it.
    """

    def __init__(self, extractor: Extractor | None = None, *, wait: float = ANALYSE_WAIT) -> None:
        self._lock = threading.Lock()
        self._extractor = extractor
        self.wait = wait

    def analyse(self, text: str, *, date: str | None = None, title: str | None = None,
                doc_id: str | None = None) -> Record:  # fmt: skip
        """The extraction record of ``text`` (published on ``date``), as ``dragoman extract`` makes it.

        Raises:
            AnalyserBusy: other articles kept the pipeline busy for longer than :attr:`wait` seconds.
        """
        from dragoman.extract import Extractor
        from dragoman.ingest import InputDocument
        from dragoman.ingest.language import detect_language

        item = InputDocument.from_text(
            text, date=date, title=title, id=doc_id, language=detect_language(text), origin="<api>"
        )
        if not self._lock.acquire(timeout=self.wait):
            raise AnalyserBusy(
                f"the analyser is busy with other articles (waited {self.wait:g} s); try again"
            )
        try:
            if self._extractor is None:
                self._extractor = Extractor()
            return self._extractor.extract_one(item)
        finally:
            self._lock.release()
