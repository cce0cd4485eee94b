"""Event data records: a PLOVER record per event row and GDELT-like rows per event, for the exports.

Both read the stored event rows with their documents and clusters (:mod:`dragoman.store.corpus`
names an unclustered row ``doc_id:idx``, as here); :mod:`dragoman.corpus.export` writes them.

**PLOVER JSON lines** (:func:`plover_records`, schema ``dragoman/schema/plover.schema.json``): one
object per stored event row (a *report*: one sentence of one document), with the field names of
the PLOVER manual's chapter 6 (table 6.1 and its information objects):

- ``id`` (``doc_id:idx``), ``has_event`` (always true), ``date``/``enddate``: the first and last
  calendar day the event's TIMEX3 date covers (``2025-10`` → 2025-10-01 … 2025-10-31; ``enddate``
  is null for a single day); an event without a calendar date takes its document's publication
  date, and both are null when neither is known;
- ``actor``/``recipient``: lists of entity objects (table 6.2): ``code`` (the ISO 3166-1 alpha-3
  country, null when the actor has none), ``sector`` (PLOVER sector as of the document's date),
  ``identifier_id`` (Dragoman's actor id: a KB id such as ``AZE`` or ``donald-trump``, or a
  document-local id), ``identifier_text`` (its name), and ``kind`` (an addition);
- ``event`` (a one-element list), ``event_text`` (the trigger words), ``quad_code`` (1–4,
  :data:`dragoman.events.lexicon.QUAD`), ``event_scale`` (the PLOVER intensity, −10 … +10),
  ``mode`` and ``context`` (lists), ``event_loc`` (location object, table 6.6: ``resolved_place``,
  ``country_code``, ``lat``, ``lon``, ``geonameid`` (null where the gazetteer has none), plus
  ``identifier_id``, the place actor; null when no place), ``link`` (the event cluster the report
  belongs to: the manual's "common reference across multiple related events"; the report's own id
  when it is not clustered);
- ``text`` (the sentence), ``text_info`` (table 6.3 ``start``/``end`` of the sentence in the
  document, plus the document offsets of the trigger ``event_start``/``event_end``, of the time
  expression ``date_start``/``date_end`` and of a quotation ``quote_start``/``quote_end``, null
  when absent), ``cite_info`` (table 6.5: ``corpus``, ``citation`` = the document id, ``url``,
  ``title``, ``language``, ``publication``, ``coder``, ``codebook``, plus ``publication_date``),
  ``coder`` and ``coded_date`` (the day the document was ingested);
- additions, as the manual invites: ``cameo``, ``date_value`` (the TIMEX3 value as read),
  ``date_precision``, ``factuality``, ``attributed_to``, ``attributed_actor``, ``confidence``.

**CAMEO TSV** (:func:`cameo_rows`): GDELT-like, one row per *event* (cluster of reports) and
pair of actors, with a header line. Column names follow GDELT 1.0/2.0 (:data:`CAMEO_COLUMNS`);
where Dragoman's value differs from GDELT's the docstring of :data:`CAMEO_COLUMNS` says how.
GDELT's Goldstein scale is *not* given: no Goldstein table ships with Dragoman, so the event's PLOVER
intensity is in a column named for what it is, ``PloverIntensity``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import dragoman
from dragoman.errors import ExportError
from dragoman.events.lexicon import QUAD
from dragoman.record import FACTUALITIES
from dragoman.store import Store

#: The coding rules a PLOVER record names in ``cite_info.codebook``.
CODEBOOK = "PLOVER 0.8 (Dragoman rules)"

#: Columns of the CAMEO TSV, in order. GDELT's names with Dragoman's values:
#: ``GLOBALEVENTID`` a row number unique within one export (``ClusterID`` is the stable event id);
#: ``SQLDATE``/``MonthYear``/``Year`` the event's first day (else its document's date);
#: ``Actor?Code`` an actor id, ``Actor?CountryCode`` ISO 3166-1 alpha-3 (not FIPS),
#: ``Actor?Type1Code`` the PLOVER sector; ``IsRootEvent`` 1 when a report's sentence starts in its
#: document's first paragraph; ``EventCode``/``EventBaseCode``/``EventRootCode`` the CAMEO code
#: and its 3- and 2-digit prefixes (empty when the PLOVER type has no CAMEO code); ``QuadClass``
#: the PLOVER quad class (1 verbal cooperation … 4 material conflict, as GDELT's);
#: ``PloverIntensity`` in place of ``GoldsteinScale``; ``NumMentions`` the event's reports,
#: ``NumArticles`` its documents, ``NumSources`` its publications (a document without one counts
#: as its own); ``ActionGeo_*`` the event's place and its coordinates;
#: ``DATEADDED`` when its first report was ingested (YYYYMMDDHHMMSS, UTC); ``SOURCEURL`` the
#: representative report's document URL. Then Dragoman's: ``ClusterID``, ``PloverEvent``,
#: ``PloverMode``, ``Factuality``, ``DocID`` (of the representative report: the most confident).
CAMEO_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "PloverIntensity",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "ClusterID", "PloverEvent", "PloverMode", "Factuality", "DocID",
)  # fmt: skip


def plover_records(store: Store, *, include: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """One PLOVER record (a JSON-ready dict, fields as in this module's docstring) per event row."""
    actors, sectors = _actor_tables(store)
    coder = f"dragoman {dragoman.__version__}"
    for r in _reports(store, include):
        place = actors.get(r["location"]) if r["location"] else None
        first, last = _days(r)
        yield {
            "id": r["key"],
            "has_event": True,
            "date": _iso(first),
            "enddate": _iso(last) if last != first else None,
            "actor": [_entity(a, r["doc_id"], actors, sectors) for a in r["source"]],
            "recipient": [_entity(a, r["doc_id"], actors, sectors) for a in r["target"]],
            "event": [r["type"]],
            "event_text": [r["trigger_text"]],
            "quad_code": QUAD[r["type"]],
            "event_scale": r["intensity"],
            "mode": [r["mode"]] if r["mode"] else [],
            "context": list(r["context"]),
            "event_loc": (
                {
                    "identifier_id": r["location"],
                    "resolved_place": place[0],
                    "country_code": place[2],
                    "lat": place[4],
                    "lon": place[5],
                    "geonameid": place[6],
                }
                if place is not None
                else None
            ),
            "link": r["cluster_id"],
            "text": r["sentence"] or "",
            "text_info": {
                "start": r["sentence_start"],
                "end": r["sentence_end"],
                "event_start": r["trigger_start"],
                "event_end": r["trigger_end"],
                "date_start": r["date_start"],
                "date_end": r["date_end"],
                "quote_start": r["quote_start"],
                "quote_end": r["quote_end"],
            },
            "cite_info": {
                "corpus": "dragoman",
                "citation": r["doc_id"],
                "url": r["url"],
                "title": r["title"],
                "language": r["language"],
                "publication": r["publication"],
                "publication_date": _iso(r["doc_date"]),
                "coder": coder,
                "codebook": CODEBOOK,
            },
            "coder": coder,
            "coded_date": _iso(r["ingested_at"].date()),
            "cameo": r["cameo"],
            "date_value": r["date"],
            "date_precision": r["date_precision"],
            "factuality": r["factuality"],
            "attributed_to": r["attributed_to"],
            "attributed_actor": r["attributed_actor"],
            "confidence": r["confidence"],
        }


def cameo_rows(store: Store, *, include: Sequence[str] = ()) -> list[tuple[str, ...]]:
    """The CAMEO TSV's rows (:data:`CAMEO_COLUMNS`, every value a string, empty when unknown).

    One row per event cluster and (actor, recipient) pair of its representative report, the most
    confident one (ties: the first by document id and position); a report with no recipient, or
    no actor, gives rows with the missing side empty. Ordered by date (undated last), then cluster.
    """
    actors, sectors = _actor_tables(store)
    clusters: dict[str, list[dict[str, Any]]] = {}
    for r in _reports(store, include):
        clusters.setdefault(r["cluster_id"], []).append(r)
    events = []
    for cluster_id, reports in clusters.items():
        rep = min(reports, key=lambda r: (-r["confidence"], r["doc_id"], r["idx"]))
        events.append((_days(rep)[0], cluster_id, rep, reports))
    events.sort(key=lambda e: (e[0] is None, e[0] or dt.date.min, e[1]))
    rows: list[tuple[str, ...]] = []
    for day, cluster_id, rep, reports in events:
        place = actors.get(rep["location"]) if rep["location"] else None
        cameo = rep["cameo"] or ""
        shared = {
            "SQLDATE": day.strftime("%Y%m%d") if day else "",
            "MonthYear": day.strftime("%Y%m") if day else "",
            "Year": str(day.year) if day else "",
            "IsRootEvent": "1" if any(r["in_lead"] for r in reports) else "0",
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": str(QUAD[rep["type"]]),
            "PloverIntensity": _text(rep["intensity"]),
            "NumMentions": str(len(reports)),
            "NumSources": str(len({r["publication"] or r["doc_id"] for r in reports})),
            "NumArticles": str(len({r["doc_id"] for r in reports})),
            "ActionGeo_FullName": place[0] if place else "",
            "ActionGeo_CountryCode": (place[2] or "") if place else "",
            "ActionGeo_Lat": _text(place[4]) if place else "",
            "ActionGeo_Long": _text(place[5]) if place else "",
            "DATEADDED": min(r["ingested_at"] for r in reports).strftime("%Y%m%d%H%M%S"),
            "SOURCEURL": rep["url"] or "",
            "ClusterID": cluster_id,
            "PloverEvent": rep["type"],
            "PloverMode": rep["mode"] or "",
            "Factuality": rep["factuality"],
            "DocID": rep["doc_id"],
        }
        for a1, a2 in _pairs(rep["source"], rep["target"]):
            values = {
                "GLOBALEVENTID": str(len(rows) + 1),
                **_actor_columns("Actor1", a1, rep["doc_id"], actors, sectors),
                **_actor_columns("Actor2", a2, rep["doc_id"], actors, sectors),
                **shared,
            }
            rows.append(tuple(_clean(values[c]) for c in CAMEO_COLUMNS))
    return rows


def _reports(store: Store, include: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Every event row of these factualities with its document's facts and its cluster, by key."""
    factualities = check_factualities(include)
    cursor = store.connection.execute(
        r"""
        SELECT e.doc_id || ':' || e.idx::VARCHAR AS key, e.doc_id, e.idx, e.type, e.mode, e.context,
               e.cameo, e.intensity, e.source, e.target, e.sentence_start, e.sentence_end,
               e.trigger_start, e.trigger_end, e.trigger_text, e.factuality, e.confidence, e.date,
               e.date_precision, e.date_start, e.date_end, e.day_first, e.day_last, e.location,
               e.attributed_to, e.attributed_actor, e.quote_start, e.quote_end,
               substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
               e.sentence_start < length(regexp_extract(d.text, '^\s*[^\n]*')) AS in_lead,
               d.date AS doc_date, d.title, d.source AS publication, d.url, d.language, d.ingested_at,
               coalesce(c.cluster_id, e.doc_id || ':' || e.idx::VARCHAR) AS cluster_id
        FROM events e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN event_clusters c ON c.doc_id = e.doc_id AND c.idx = e.idx
        WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], e.factuality)
        ORDER BY e.doc_id, e.idx
        """,
        [factualities, factualities],
    )
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def _actor_tables(
    store: Store,
) -> tuple[dict[str, tuple[Any, ...]], dict[tuple[str, str], str]]:
    """``{id: (name, kind, country, sector, lat, lon, geonameid)}`` and ``{(doc_id, id): sector as of
    that document}``."""
    con = store.connection
    actors = {r[0]: tuple(r[1:]) for r in con.execute(
        "SELECT id, name, kind, country, sector, lat, lon, geonameid FROM actors"
    ).fetchall()}  # fmt: skip
    sectors = {
        (r[0], r[1]): r[2]
        for r in con.execute(
            "SELECT doc_id, actor_id, sector FROM document_actors WHERE sector IS NOT NULL"
        ).fetchall()
    }
    return actors, sectors


def _entity(
    actor_id: str,
    doc_id: str,
    actors: dict[str, tuple[Any, ...]],
    sectors: dict[tuple[str, str], str],
) -> dict[str, Any]:
    name, kind, country, sector = actors.get(actor_id, (actor_id, None, None, None))[:4]
    return {
        "code": country,
        "sector": sectors.get((doc_id, actor_id), sector),
        "identifier_id": actor_id,
        "identifier_text": name,
        "kind": kind,
    }


def _actor_columns(
    prefix: str,
    actor_id: str | None,
    doc_id: str,
    actors: dict[str, tuple[Any, ...]],
    sectors: dict[tuple[str, str], str],
) -> dict[str, str]:
    if actor_id is None:
        return {
            f"{prefix}Code": "",
            f"{prefix}Name": "",
            f"{prefix}CountryCode": "",
            f"{prefix}Type1Code": "",
        }
    entity = _entity(actor_id, doc_id, actors, sectors)
    return {
        f"{prefix}Code": actor_id,
        f"{prefix}Name": entity["identifier_text"],
        f"{prefix}CountryCode": entity["code"] or "",
        f"{prefix}Type1Code": entity["sector"] or "",
    }


def _pairs(source: Sequence[str], target: Sequence[str]) -> list[tuple[str | None, str | None]]:
    """Each (actor, recipient) pair; a missing side is ``None``, and there is always one pair."""
    actors: list[str | None] = [*source] or [None]
    recipients: list[str | None] = [*target] or [None]
    return [(a, r) for a in actors for r in recipients]


def _days(report: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """The event's first and last day, else its document's date (both), else ``None``."""
    if report["day_first"] is not None:
        return report["day_first"], report["day_last"]
    return report["doc_date"], report["doc_date"]


def check_factualities(include: Sequence[str]) -> list[str]:
    """``include`` checked against ``record.FACTUALITIES`` (lower-cased).

    Raises:
        ExportError: an unknown factuality.
    """
    chosen = [value.strip().lower() for value in include]
    unknown = [value for value in chosen if value not in FACTUALITIES]
    if unknown:
        raise ExportError(f"unknown factuality {unknown[0]!r}: expected one of {', '.join(FACTUALITIES)}")
    return chosen


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")
