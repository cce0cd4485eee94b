"""How the web server reaches the store and the pipeline.

DuckDB lets one process write a file, and no other process open it at all meanwhile (not even
read-only). So the server holds **no connection between requests**: each request opens the store,
reads (or writes) and closes it again within a few milliseconds, under a process-wide lock (one
process may not mix read-only and read-write connections to a file either). A ``dragoman ingest``
started meanwhile waits for that moment to pass (:data:`dragoman.store.database.LOCK_TIMEOUT`);
while an ingest holds the file, requests wait up to :data:`READ_WAIT` seconds and then answer
``503 store busy`` with ``Retry-After``, so no request fails with a bare error and no document is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dragoman.errors import DragomanError, StoreError
from dragoman.record import Record
from dragoman.store import Store
from dragoman.store.database import is_lock_conflict

if TYPE_CHECKING:
    from dragoman.extract import Extractor

#: Seconds a request waits for another process (an ingest) to let go of the store.
READ_WAIT = 2.0

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


class StoreAccess:
    """Short-lived store connections for one server process.

    Args:
        path: the DuckDB file.
        wait: seconds to wait for another process's lock before :class:`StoreBusy`.
    """

    def __init__(self, path: str | Path, *, wait: float = READ_WAIT) -> None:
        self.path = str(path)
        self.wait = wait
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Create the store if absent and apply pending migrations, so that reads can be read-only."""
        with self.open(read_only=False):
            pass

    @contextmanager
    def open(self, *, read_only: bool = True) -> Iterator[Store]:
        """A store opened for the duration of the ``with`` block, then closed.

        Raises:
            StoreBusy: another process held the file for longer than :attr:`wait` seconds.
            StoreError: the file cannot be opened for another reason.
        """
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
