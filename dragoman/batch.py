"""Batch jobs over many inputs: ``extract`` (records out) and ``ingest`` (records into the store).

Both stream: inputs are read, analysed and written a few documents at a time, so memory stays
bounded whatever the corpus size. A bad input becomes a ``failed`` :class:`Outcome` naming the
input (and line); the rest of the batch goes on. With ``workers > 1`` the analysis runs in that
many processes (:mod:`dragoman.parallel`); this process still reads, checks hashes and writes.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from dragoman.corpus.clusters import recluster
from dragoman.errors import InputError, StoreError
from dragoman.extract import Extractor
from dragoman.ingest import InputDocument, content_hash, iter_inputs
from dragoman.parallel import ParallelExtractor
from dragoman.record import Record
from dragoman.store import Store

Status = Literal["ingested", "updated", "unchanged", "failed"]

#: Documents written per store transaction, and the seconds after which a smaller batch is written
#: anyway. DuckDB spends milliseconds per statement and per commit; 32 news articles in one
#: transaction take about a tenth of the time they take one by one.
WRITE_BATCH = 32
WRITE_INTERVAL = 2.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input document (or to one input that could not be read)."""

    status: Status
    origin: str
    line: int | None = None
    doc_id: str | None = None
    reason: str | None = None
    record: Record | None = None

    @property
    def where(self) -> str:
        """``path`` or ``path:line``: how messages name the input."""
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin


@dataclass(slots=True)
class IngestSummary:
    """Counts per status and the failures with their reasons."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Count ``outcome`` (and keep it when it failed)."""
        self.counts[outcome.status] += 1
        if outcome.status == "failed":
            self.failures.append(outcome)

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failures


@dataclass(frozen=True, slots=True)
class _Unchanged:
    item: InputDocument
    doc_id: str


def extract_records(
    paths: Iterable[str],
    *,
    default_date: str | None = None,
    stdin: BinaryIO | None = None,
    extractor: Extractor | ParallelExtractor | None = None,
    workers: int = 1,
) -> Iterator[Record | InputError]:
    """Yield the record of every readable input document, and an :class:`InputError` for the others.

    ``workers > 1`` analyses in that many processes (where no ``extractor`` is given); the
    output is the same, in the same order.
    """
    with _analyser(extractor, workers) as analyser:
        yield from analyser.extract(iter_inputs(paths, default_date=default_date, stdin=stdin))


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    default_date: str | None = None,
    stdin: BinaryIO | None = None,
    extractor: Extractor | ParallelExtractor | None = None,
    workers: int = 1,
) -> Iterator[Outcome]:
    """Read, analyse and store every input document; yield one :class:`Outcome` per input.

    A document whose id is stored with the same content hash is ``unchanged`` and skips the
    analysis, so re-running an interrupted ingest resumes where it stopped without duplicates.
    Records are written :data:`WRITE_BATCH` to a transaction; an outcome is yielded once its
    document is stored, in input order. ``workers > 1`` analyses in that many processes.
    """
    in_flight: deque[InputDocument] = deque()

    def to_analyse() -> Iterator[InputDocument | InputError | _Unchanged]:
        for item in iter_inputs(paths, default_date=default_date, stdin=stdin):
            if isinstance(item, InputDocument):
                digest = content_hash(item.text)
                doc_id = item.id or digest
                if store.known_hash(doc_id) == digest:
                    yield _Unchanged(item, doc_id)
                    continue
                in_flight.append(item)
            yield item

    writer = BatchWriter(store)
    with _analyser(extractor, workers) as analyser:
        for result in analyser.extract(to_analyse()):
            if isinstance(result, InputError):
                yield from writer.report(Outcome("failed", result.origin, result.line, reason=result.reason))
            elif isinstance(result, _Unchanged):
                item = result.item
                yield from writer.report(Outcome("unchanged", item.origin, item.line, doc_id=result.doc_id))
            else:
                item = in_flight.popleft()
                yield from writer.save(result, item.origin, item.line, item.format)
    yield from writer.flush()
    # Reports of the same event, across the corpus, become one event (dragoman.corpus.clusters).
    if store.clusters_stale():
        recluster(store, full=False)


@contextlib.contextmanager
def _analyser(
    extractor: Extractor | ParallelExtractor | None, workers: int
) -> Iterator[Extractor | ParallelExtractor]:
    """The given extractor, else a pool of ``workers`` processes, else this process's pipeline."""
    if extractor is not None:
        yield extractor
    elif workers > 1:
        with ParallelExtractor(workers) as pool:
            yield pool
    else:
        yield Extractor()


@dataclass(frozen=True, slots=True)
class _Pending:
    record: Record
    origin: str
    line: int | None
    format: str | None


class BatchWriter:
    """Writes records to ``store`` several to a transaction and reports them in the order given.

    :meth:`save` and :meth:`report` queue a record or a finished outcome; they return the
    outcomes of the batch they closed, if any (a batch closes at ``size`` records or when its
    first record has waited ``interval`` seconds); :meth:`flush` writes the rest. A batch the
    store refuses is written again one record at a time, so only the bad record fails.
    """

    def __init__(self, store: Store, size: int = WRITE_BATCH, interval: float = WRITE_INTERVAL) -> None:
        self.store = store
        self.size = size
        self.interval = interval
        self._queue: list[_Pending | Outcome] = []
        self._records = 0
        self._since = 0.0

    def save(self, record: Record, origin: str, line: int | None, format: str | None) -> list[Outcome]:
        """Queue ``record`` for writing; return the outcomes of the batch this closes, if any."""
        if not self._records:
            self._since = time.monotonic()
        self._queue.append(_Pending(record, origin, line, format))
        self._records += 1
        if self._records >= self.size or time.monotonic() - self._since >= self.interval:
            return self.flush()
        return []

    def report(self, outcome: Outcome) -> list[Outcome]:
        """Queue an outcome that writes nothing (failed, unchanged) behind the records before it."""
        if not self._queue:
            return [outcome]
        self._queue.append(outcome)
        return []

    def flush(self) -> list[Outcome]:
        """Write every queued record; return all queued outcomes, in order."""
        queue, self._queue, self._records = self._queue, [], 0
        pending = [p for p in queue if isinstance(p, _Pending)]
        try:
            statuses: list[Status | StoreError] = list(
                self.store.save_many([(p.record, p.origin, p.format) for p in pending])
            )
        except StoreError:
            statuses = [self._save_one(p) for p in pending]
        saved = iter(statuses)
        outcomes = []
        for entry in queue:
            if isinstance(entry, Outcome):
                outcomes.append(entry)
                continue
            status, doc_id = next(saved), entry.record.id
            if isinstance(status, StoreError):
                outcomes.append(
                    Outcome("failed", entry.origin, entry.line, doc_id=doc_id, reason=str(status))
                )
            else:
                outcomes.append(Outcome(status, entry.origin, entry.line, doc_id=doc_id, record=entry.record))
        return outcomes

    def _save_one(self, pending: _Pending) -> Status | StoreError:
        try:
            return self.store.save(pending.record, origin=pending.origin, format=pending.format)
        except StoreError as exc:
            return exc
