"""Batch jobs over many inputs: ``extract`` (records out) and ``ingest`` (records into the store).

Both stream: inputs are read, analysed and written one document at a time, so memory stays
bounded whatever the corpus size. A bad input becomes a ``failed`` :class:`Outcome` naming the
input (and line); the rest of the batch goes on.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from dragoman.errors import InputError, StoreError
from dragoman.extract import Extractor
from dragoman.ingest import InputDocument, content_hash, iter_inputs
from dragoman.record import Record
from dragoman.store import Store

Status = Literal["ingested", "updated", "unchanged", "failed"]


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
    extractor: Extractor | None = None,
) -> Iterator[Record | InputError]:
    """Yield the record of every readable input document, and an :class:`InputError` for the others."""
    extractor = extractor or Extractor()
    yield from extractor.extract(iter_inputs(paths, default_date=default_date, stdin=stdin))


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    default_date: str | None = None,
    stdin: BinaryIO | None = None,
    extractor: Extractor | None = None,
) -> Iterator[Outcome]:
    """Read, analyse and store every input document; yield one :class:`Outcome` per input.

    A document whose id is stored with the same content hash is ``unchanged`` and skips the
    analysis, so re-running an interrupted ingest resumes where it stopped without duplicates.
    """
    extractor = extractor or Extractor()
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

    for result in extractor.extract(to_analyse()):
        if isinstance(result, InputError):
            yield Outcome("failed", result.origin, result.line, reason=result.reason)
        elif isinstance(result, _Unchanged):
            yield Outcome("unchanged", result.item.origin, result.item.line, doc_id=result.doc_id)
        else:
            item = in_flight.popleft()
            yield _save(store, result, item)


def _save(store: Store, record: Record, item: InputDocument) -> Outcome:
    try:
        status = store.save(record, origin=item.origin, format=item.format)
    except StoreError as exc:
        return Outcome("failed", item.origin, item.line, doc_id=record.id, reason=str(exc))
    return Outcome(status, item.origin, item.line, doc_id=record.id, record=record)
