"""Reads for corpus analysis (:mod:`dragoman.corpus`): light event rows with their clusters.

Event clusters (migration ``0004_corpus``) group the rows that report one event. A row without a
cluster row (a store written before clustering ran, or an ingest interrupted before it) is its
own cluster, named like a clustered one: ``doc_id:idx``. Writes stay in
:mod:`dragoman.store.database`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb


@dataclass(frozen=True, slots=True)
class EventFact:
    """One stored event row, with what clustering, dyads and the network need and nothing more.

    Attributes:
        doc_id, idx: the row's key; ``key`` joins them as ``doc_id:idx``.
        day_first, day_last: the calendar days the event's own date covers (``None`` if undated).
        doc_date: the document's publication date, the fallback for an undated event.
        doc_source: the publication the document came from, if known.
        location_country: the country of the event's place (the place itself if it is a country).
        cluster_id: the event (cluster) this report belongs to; ``key`` when not clustered.
    """

    doc_id: str
    idx: int
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    factuality: str
    intensity: float | None
    cameo: str | None
    trigger_text: str
    location: str | None
    location_country: str | None
    date: str | None
    day_first: dt.date | None
    day_last: dt.date | None
    doc_date: dt.date | None
    doc_source: str | None
    cluster_id: str

    @property
    def key(self) -> str:
        """``doc_id:idx``: the row's id in exports and clusters."""
        return f"{self.doc_id}:{self.idx}"

    @property
    def when(self) -> tuple[dt.date, dt.date] | None:
        """The days the event covers: its own date, else its document's date, else ``None``."""
        if self.day_first is not None and self.day_last is not None:
            return self.day_first, self.day_last
        if self.doc_date is not None:
            return self.doc_date, self.doc_date
        return None


#: The clustering group of an event row: its type and its sets of actors and recipients
#: (``dragoman.corpus.clusters`` only ever joins rows of one group).
GROUP_KEY_SQL = (
    "e.type || chr(31) || array_to_string(list_sort(list_distinct(e.source)), chr(30)) || chr(31) "
    "|| array_to_string(list_sort(list_distinct(e.target)), chr(30))"
)


def group_key(event_type: str, source: Sequence[str], target: Sequence[str]) -> str:
    """:data:`GROUP_KEY_SQL` computed in Python."""
    return "\x1f".join((event_type, "\x1e".join(sorted(set(source))), "\x1e".join(sorted(set(target)))))


def event_facts(
    con: duckdb.DuckDBPyConnection,
    *,
    factualities: Sequence[str] = (),
    actors: Sequence[str] = (),
    unclustered: bool = False,
    groups: Sequence[str] | None = None,
) -> list[EventFact]:
    """Every stored event row (of these factualities, touching these actors, when given), by key.

    ``unclustered`` keeps the rows with no cluster row yet; ``groups`` those of these
    :func:`group_key` values.
    """
    where, params = [], []
    if unclustered:
        where.append("c.cluster_id IS NULL")
    if groups is not None:
        where.append(f"list_contains(?::VARCHAR[], {GROUP_KEY_SQL})")
        params.append(list(groups))
    if factualities:
        where.append("list_contains(?::VARCHAR[], e.factuality)")
        params.append(list(factualities))
    if actors:
        where.append("list_has_any(list_concat(e.source, e.target), ?::VARCHAR[])")
        params.append(list(actors))
    rows = con.execute(
        "SELECT e.doc_id, e.idx, e.type, e.source, e.target, e.factuality, e.intensity, e.cameo, "
        "e.trigger_text, e.location, coalesce(p.country, CASE WHEN p.kind = 'country' THEN p.id END), "
        "e.date, e.day_first, e.day_last, d.date, d.source, "
        "coalesce(c.cluster_id, e.doc_id || ':' || e.idx::VARCHAR) "
        "FROM events e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN actors p ON p.id = e.location "
        "LEFT JOIN event_clusters c ON c.doc_id = e.doc_id AND c.idx = e.idx "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY e.doc_id, e.idx",
        params,
    ).fetchall()
    return [_fact(r) for r in rows]


def _fact(r: Sequence[Any]) -> EventFact:
    """The :class:`EventFact` of a row of :func:`event_facts`'s query (columns in field order)."""
    return EventFact(r[0], r[1], r[2], tuple(r[3]), tuple(r[4]), *r[5:])


@dataclass(frozen=True, slots=True)
class PairTotal:
    """The events between an ordered pair of actors: ``a`` did them to ``b``, or, ``mutual``, the two
    took part together (a meeting; then ``a < b``). ``types`` has one PLOVER type per event,
    ``score`` sums one intensity per event (the mean of its reports')."""

    a: str
    b: str
    mutual: bool
    events: int
    reports: int
    score: float
    types: tuple[str, ...]


# One row per event row that passes the filters, with its cluster; then one per pair of actors it
# relates (each source with each target; with no target, every two sources, mutual); then one per
# pair and event (cluster). A cluster has one type; its intensity is its reports' mean.
_PAIR_EVENTS_SQL = """
WITH f AS (
    SELECT e.type, e.source, e.target, coalesce(e.intensity, 0) AS intensity,
           coalesce(c.cluster_id, e.doc_id || ':' || e.idx::VARCHAR) AS cid
    FROM events e LEFT JOIN event_clusters c USING (doc_id, idx)
    WHERE (len($f::VARCHAR[]) = 0 OR list_contains($f::VARCHAR[], e.factuality))
      AND (len($a::VARCHAR[]) = 0 OR list_has_any(list_concat(e.source, e.target), $a::VARCHAR[]))
),
pairs AS (
    SELECT s.x AS a, t.y AS b, FALSE AS mutual, f.*
    FROM f, unnest(f.source) AS s(x), unnest(f.target) AS t(y)
    WHERE len(f.target) > 0 AND s.x <> t.y
    UNION ALL
    SELECT s.x AS a, t.y AS b, TRUE AS mutual, f.*
    FROM f, unnest(f.source) AS s(x), unnest(f.source) AS t(y)
    WHERE len(f.target) = 0 AND s.x < t.y
),
per_event AS (
    SELECT a, b, mutual, cid, count(*) AS reports, any_value(type) AS type, avg(intensity) AS intensity
    FROM pairs GROUP BY a, b, mutual, cid
)
"""
_PAIRS_SQL = (
    _PAIR_EVENTS_SQL + "SELECT a, b, mutual, count(*), sum(reports), sum(intensity), list(type ORDER BY cid) "
    "FROM per_event GROUP BY a, b, mutual ORDER BY a, b, mutual"
)
# Unordered pairs, most events first: the ranking is made in the database, only the top rows leave it.
_TOP_PAIRS_SQL = (
    _PAIR_EVENTS_SQL
    + "SELECT least(a, b) AS x, greatest(a, b) AS y, FALSE, count(*) AS n, sum(reports) AS r, "
    "sum(intensity), list(type ORDER BY cid) FROM per_event GROUP BY x, y ORDER BY n DESC, r DESC, x, y "
    "LIMIT $limit"
)

_NODES_SQL = """
SELECT x, count(DISTINCT coalesce(c.cluster_id, e.doc_id || ':' || e.idx::VARCHAR)), count(*)
FROM events e LEFT JOIN event_clusters c USING (doc_id, idx),
     unnest(list_distinct(list_concat(e.source, e.target))) AS u(x)
WHERE len($f::VARCHAR[]) = 0 OR list_contains($f::VARCHAR[], e.factuality)
GROUP BY x
"""


def pair_totals(
    con: duckdb.DuckDBPyConnection, *, factualities: Sequence[str] = (), actors: Sequence[str] = ()
) -> list[PairTotal]:
    """The events between every pair of actors (in events of these factualities, touching these
    actors, when given), aggregated in the database: a query, not a walk over every event."""
    rows = con.execute(_PAIRS_SQL, {"f": list(factualities), "a": list(actors)}).fetchall()
    return _pair_totals(rows)


def top_pairs(
    con: duckdb.DuckDBPyConnection, limit: int, *, factualities: Sequence[str] = ()
) -> list[PairTotal]:
    """The ``limit`` unordered pairs of actors with the most events, as :class:`PairTotal` with
    ``a < b`` and ``mutual`` false (the totals of both directions and of mutual events)."""
    rows = con.execute(_TOP_PAIRS_SQL, {"f": list(factualities), "a": [], "limit": limit}).fetchall()
    return _pair_totals(rows)


def _pair_totals(rows: Sequence[Sequence[Any]]) -> list[PairTotal]:
    return [PairTotal(r[0], r[1], r[2], r[3], r[4], float(r[5] or 0.0), tuple(r[6])) for r in rows]


def actor_event_totals(
    con: duckdb.DuckDBPyConnection, *, factualities: Sequence[str] = ()
) -> dict[str, tuple[int, int]]:
    """``{actor: (events, reports)}``: in how many events (clusters) and reports each actor acts."""
    rows = con.execute(_NODES_SQL, {"f": list(factualities)}).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}
