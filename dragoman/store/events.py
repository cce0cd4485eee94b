"""Events in the store: how an :class:`~dragoman.record.Event` maps to a row, and the event query.

The ``events`` table (migration ``0003_events``) has a column per Event field, offsets split into
``*_start``/``*_end``, plus ``day_first``/``day_last``: the calendar days the event's TIMEX3 date
covers (``2025-10`` → 1–31 October 2025), so that date filters compare days, not strings.
Writes stay in :mod:`dragoman.store.database`; this module only builds rows and reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from dragoman.errors import StoreError
from dragoman.record import EVENT_TYPES, FACTUALITIES, Event
from dragoman.time.bounds import timex_days

#: Columns written for each event, in the order of :func:`event_values`.
EVENT_COLUMNS = (
    "doc_id", "idx", "type", "mode", "context", "cameo", "intensity", "source", "target",
    "sentence_start", "sentence_end", "trigger_start", "trigger_end", "trigger_text",
    "factuality", "confidence", "date", "date_precision", "date_start", "date_end",
    "day_first", "day_last", "location", "attributed_to", "attributed_actor", "quote_start", "quote_end",
)  # fmt: skip

#: Columns read back to rebuild an Event (:func:`event_from_row`), qualified by the alias ``e``.
EVENT_SELECT = (
    "e.type, e.source, e.target, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, "
    "e.trigger_text, e.factuality, e.confidence, e.mode, e.context, e.cameo, e.intensity, e.date, "
    "e.date_precision, e.date_start, e.date_end, e.location, e.attributed_to, e.attributed_actor, "
    "e.quote_start, e.quote_end"
)
_EVENT_SELECT_WIDTH = 23

#: Meteorological seasons as TIMEX3 writes them: (first month, last month); winter starts in
#: the December before its year (as ``dragoman.time.anchor.season_of`` counts it).


@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event with what a reader needs beside it.

    Attributes:
        doc_id: the document the event was read from; ``idx`` its position in the record's events.
        event: the event itself, as in the record.
        sentence_text: the sentence it comes from (``event.sentence`` offsets into the document).
        doc_title, doc_date: the document's title and publication date (ISO).
        source_names, target_names: the names of ``event.source``/``event.target`` (the id where
            the store has no name).
        location_name: the name of the place actor ``event.location``, if any.
        cluster_id: the event this row reports (:mod:`dragoman.corpus.clusters`); rows of one
            event share it.
        reports: how many of the rows the query matched report that same event.
        sources: the publications of those reports (a document without one counts by its id).
    """

    doc_id: str
    idx: int
    event: Event
    sentence_text: str
    doc_title: str | None
    doc_date: str | None
    source_names: tuple[str, ...]
    target_names: tuple[str, ...]
    location_name: str | None
    cluster_id: str = ""
    reports: int = 1
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the document keys, the event's fields as in the record, then the texts and names."""
        return {
            "doc_id": self.doc_id,
            "idx": self.idx,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date,
            **asdict(self.event),
            "sentence_text": self.sentence_text,
            "source_names": list(self.source_names),
            "target_names": list(self.target_names),
            "location_name": self.location_name,
            "cluster_id": self.cluster_id,
            "reports": self.reports,
            "sources": list(self.sources),
        }


def event_values(doc_id: str, idx: int, event: Event) -> tuple[Any, ...]:
    """The row of ``event`` in :data:`EVENT_COLUMNS` order."""
    days = timex_days(event.date)
    return (
        doc_id, idx, event.type, event.mode, list(event.context), event.cameo, event.intensity,
        list(event.source), list(event.target), *event.sentence, *event.trigger, event.trigger_text,
        event.factuality, event.confidence, event.date, event.date_precision, *_pair(event.date_span),
        *(days or (None, None)), event.location, event.attributed_to, event.attributed_actor,
        *_pair(event.quote),
    )  # fmt: skip


def event_from_row(r: Sequence[Any]) -> Event:
    """Rebuild an Event from the :data:`EVENT_SELECT` columns."""
    return Event(
        type=r[0],
        source=tuple(r[1]),
        target=tuple(r[2]),
        sentence=(r[3], r[4]),
        trigger=(r[5], r[6]),
        trigger_text=r[7],
        factuality=r[8],
        confidence=r[9],
        mode=r[10],
        context=tuple(r[11]),
        cameo=r[12],
        intensity=r[13],
        date=r[14],
        date_precision=r[15],
        date_span=(r[16], r[17]) if r[16] is not None else None,
        location=r[18],
        attributed_to=r[19],
        attributed_actor=r[20],
        quote=(r[21], r[22]) if r[21] is not None else None,
    )


def query_events(
    con: duckdb.DuckDBPyConnection,
    *,
    actors: Sequence[str] = (),
    types: Sequence[str] = (),
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    factualities: Sequence[str] = (),
    doc_id: str | None = None,
    keys: Sequence[str] | None = None,
    by_event: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[EventRow]:
    """Events matching every given filter (within one filter, any value), by date, document, index.

    ``actors`` are exact actor ids (resolve user input first with ``Store.resolve_actor``);
    ``types`` PLOVER types in any case; ``since``/``until`` a date or a TIMEX3 value (``2025``,
    ``2025-10``, ``2025-10-15``, ``2025-Q4``): an event counts when the days its date covers meet
    the period from the first day of ``since`` to the last day of ``until``; events without a
    calendar date are left out by either; ``keys`` exact rows as ``doc_id:idx``. Only parameters
    reach the SQL, never values.

    Each row says which event it reports and how many matching rows report it; ``by_event`` keeps
    one row per event, its earliest report (so ``limit`` counts events, not reports).

    Raises:
        StoreError: an unknown type or factuality, an unreadable date, a negative limit or offset.
    """
    where: list[str] = []
    params: list[Any] = []
    if actors:
        where.append("list_has_any(list_concat(e.source, e.target), ?::VARCHAR[])")
        params.append(list(actors))
    if types:
        where.append("list_contains(?::VARCHAR[], e.type)")
        params.append(_choices(types, EVENT_TYPES, "event type", str.upper))
    if factualities:
        where.append("list_contains(?::VARCHAR[], e.factuality)")
        params.append(_choices(factualities, FACTUALITIES, "factuality", str.lower))
    if since is not None:
        where.append("e.day_last >= ?")
        params.append(_period(since, "since")[0])
    if until is not None:
        where.append("e.day_first <= ?")
        params.append(_period(until, "until")[1])
    if doc_id is not None:
        where.append("e.doc_id = ?")
        params.append(doc_id)
    if keys is not None:
        where.append("list_contains(?::VARCHAR[], e.doc_id || ':' || e.idx::VARCHAR)")
        params.append(list(keys))
    if limit < 0 or offset < 0:
        raise StoreError(f"limit and offset must not be negative (got {limit}, {offset})")
    matched = (
        "SELECT e.doc_id, e.idx, d.title, d.date AS doc_date, "
        f"substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start), {EVENT_SELECT}, "
        "coalesce(c.cluster_id, e.doc_id || ':' || e.idx::VARCHAR) AS cid, "
        "coalesce(d.source, e.doc_id) AS publication, e.day_first AS first_day "
        "FROM events e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN event_clusters c ON c.doc_id = e.doc_id AND c.idx = e.idx "
        + ("WHERE " + " AND ".join(where) if where else "")
    )
    sql = (
        f"WITH m AS ({matched}), w AS (SELECT *, count(*) OVER (PARTITION BY cid) AS reports, "
        "list_distinct(list(publication) OVER (PARTITION BY cid)) AS sources, "
        "row_number() OVER (PARTITION BY cid ORDER BY first_day NULLS LAST, doc_id, idx) AS nth FROM m) "
        "SELECT * FROM w "
        + ("WHERE nth = 1 " if by_event else "")
        + "ORDER BY first_day NULLS LAST, date NULLS LAST, doc_id, idx LIMIT ? OFFSET ?"
    )
    rows = con.execute(sql, [*params, limit, offset]).fetchall()
    width = 5 + _EVENT_SELECT_WIDTH
    events = [(r, event_from_row(r[5:width])) for r in rows]
    ids = sorted({a for _, e in events for a in (*e.source, *e.target, e.location) if a})
    names = dict(con.execute("SELECT id, name FROM actors WHERE list_contains(?, id)", [ids]).fetchall())
    return [
        EventRow(
            doc_id=r[0],
            idx=r[1],
            event=e,
            sentence_text=r[4] or "",
            doc_title=r[2],
            doc_date=r[3].isoformat() if r[3] else None,
            source_names=tuple(names.get(a, a) for a in e.source),
            target_names=tuple(names.get(a, a) for a in e.target),
            location_name=names.get(e.location, e.location) if e.location else None,
            cluster_id=r[width],
            reports=r[width + 3],
            sources=tuple(sorted(r[width + 4])),
        )
        for r, e in events
    ]


def event_period(value: str | dt.date) -> tuple[dt.date, dt.date] | None:
    """The days a ``--since``/``--until`` value covers (a date or a TIMEX3 date value), or ``None``."""
    if isinstance(value, dt.date):
        return value, value
    return timex_days(value.strip())


def _period(value: str | dt.date, name: str) -> tuple[dt.date, dt.date]:
    days = event_period(value)
    if days is None:
        raise StoreError(f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return days


def _choices(values: Sequence[str], allowed: Sequence[str], what: str, case: Any) -> list[str]:
    chosen = [case(v.strip()) for v in values]
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise StoreError(f"unknown {what} {unknown[0]!r}: expected one of {', '.join(allowed)}")
    return chosen


def _pair(value: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (value[0], value[1]) if value else (None, None)
