"""From input documents to extraction records: the per-document pipeline.

:class:`Extractor` streams documents through the one spaCy pipeline (``nlp.pipe``), splitting
very long texts into chunks the model can hold and shifting the chunks' offsets back so that
every offset indexes the full ``text``. Non-English documents are passed through uncoded: their
record carries the detected ``language`` and empty annotation lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.ingest import InputDocument, content_hash
from dragoman.nlp.pipeline import load_pipeline, make_doc
from dragoman.record import Entity, Event, Mention, Record, is_coded, parse_date

#: Longest piece of text given to spaCy at once. The parser needs roughly 1 GB of temporary
#: memory per 100,000 characters, so longer documents are split at paragraph (else line,
#: sentence or word) boundaries; annotations never cross a chunk boundary.
MAX_CHUNK_CHARS = 100_000


def chunk_bounds(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into consecutive ``(start, end)`` pieces of at most ``limit`` characters.

    Cuts prefer a blank line, then a line break, then a sentence end, then a space, in the
    second half of the window; the pieces cover the text exactly.
    """
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        window_end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            pos = text.rfind(sep, start + limit // 2, window_end)
            if pos != -1:
                cut = pos + len(sep)
                break
        if cut <= start:
            cut = window_end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def new_record(item: InputDocument) -> Record:
    """The record of ``item`` with its metadata filled and no annotations yet."""
    digest = content_hash(item.text)
    return Record(
        id=item.id or digest,
        text=item.text,
        title=item.title,
        date=item.date,
        source=item.source,
        url=item.url,
        language=item.language,
        content_hash=digest,
    )


@dataclass(slots=True)
class _Pending:
    """A record being assembled from its chunks."""

    record: Record
    chunks_left: int


class Extractor:
    """Turns :class:`InputDocument` streams into :class:`Record` streams with one pipeline.

    Args:
        nlp: the pipeline to use (default: :func:`load_pipeline`'s process-wide one).
        batch_size: documents buffered per ``nlp.pipe`` batch.
    """

    def __init__(self, nlp: Language | None = None, batch_size: int = 64) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.batch_size = batch_size

    def extract(self, items: Iterable[Any]) -> Iterator[Any]:
        """Yield a :class:`Record` for each :class:`InputDocument` in ``items``, in order.

        Anything else in ``items`` (an :class:`~dragoman.errors.InputError`, a caller's marker)
        is yielded unchanged at its place in the stream, so callers can interleave reports.
        """
        for doc, (slot, offset) in self.nlp.pipe(
            self._chunk_docs(items), as_tuples=True, batch_size=self.batch_size
        ):
            if not isinstance(slot, _Pending):
                yield slot
                continue
            if offset is not None:
                _add_annotations(slot.record, doc, offset)
            slot.chunks_left -= 1
            if slot.chunks_left == 0:
                yield slot.record

    def extract_one(self, item: InputDocument) -> Record:
        """The record of a single document."""
        return next(iter(self.extract([item])))

    def _chunk_docs(self, items: Iterable[Any]) -> Iterator[tuple[Doc, tuple[Any, int | None]]]:
        # A fresh empty Doc per placeholder: nlp.pipe keeps each tuple's context on its Doc.
        for item in items:
            if not isinstance(item, InputDocument):
                yield self.nlp.make_doc(""), (item, None)
                continue
            record = new_record(item)
            if not is_coded(item.language):
                yield self.nlp.make_doc(""), (_Pending(record, 1), None)
                continue
            dct = parse_date(item.date)
            bounds = chunk_bounds(item.text)
            slot = _Pending(record, len(bounds))
            for start, end in bounds:
                yield make_doc(self.nlp, item.text[start:end], dct), (slot, start)


def _add_annotations(record: Record, doc: Doc, offset: int) -> None:
    """Append ``doc``'s entities, actor mentions and timexes to ``record``, shifted by ``offset``."""
    mentions: list[Mention] = doc._.actor_mentions or []
    # An entity's actor is that of the mention starting with it ("Washington’s" → "Washington").
    actor_at = {m.start: m.actor for m in mentions}
    record.entities.extend(
        Entity(
            start=e.start_char + offset,
            end=e.end_char + offset,
            text=e.text,
            label=e.label_,
            actor=actor_at.get(e.start_char),
        )
        for e in doc.ents
    )
    record.mentions.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in mentions)
    record.actors.update(doc._.actors or {})
    record.timexes.extend(replace(t, start=t.start + offset, end=t.end + offset) for t in doc._.timexes or ())
    record.events.extend(_shift_event(e, offset) for e in doc._.events or ())
    record.framing.extend(replace(f, start=f.start + offset, end=f.end + offset) for f in doc._.framing or ())


def _shift_event(event: Event, offset: int) -> Event:
    """The event with its offsets moved by ``offset`` (a chunk's start in the full text)."""
    if not offset:
        return event

    def shift(pair: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if pair is None else (pair[0] + offset, pair[1] + offset)

    return replace(
        event,
        sentence=(event.sentence[0] + offset, event.sentence[1] + offset),
        trigger=(event.trigger[0] + offset, event.trigger[1] + offset),
        date_span=shift(event.date_span),
        quote=shift(event.quote),
    )
