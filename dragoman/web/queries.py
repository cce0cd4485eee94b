"""Read-only queries the web pages need beside :class:`~dragoman.store.Store`'s own.

They read through the store's connection and never write; only parameters reach the SQL. They belong
with the store's other reads and can move there once it has room for them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from dragoman.store import EventRow, Store

#: Characters shown on each side of a search hit in a document.
SNIPPET_CHARS = 90


@dataclass(frozen=True, slots=True)
class TextHit:
    """A document whose text contains the query, with the first occurrence in context."""

    doc_id: str
    title: str | None
    date: str | None
    hits: int
    snippet: str
    at: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorHit:
    """An actor whose id or name contains the query (or whom the corpus names so)."""

    id: str
    name: str
    kind: str | None
    country: str | None
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _con(store: Store) -> duckdb.DuckDBPyConnection:
    return store.connection


def search_actors(store: Store, query: str, limit: int = 20) -> list[ActorHit]:
    """Actors whose id, name or a surface form in the corpus contains ``query`` (any case), most
    mentioned first."""
    con = _con(store)
    rows = con.execute(
        """
        SELECT a.id, a.name, a.kind, a.country, count(m.doc_id)
        FROM actors a LEFT JOIN mentions m ON m.actor = a.id
        WHERE contains(lower(a.id), lower(?)) OR contains(lower(a.name), lower(?))
           OR a.id IN (SELECT actor FROM mentions WHERE contains(lower(text), lower(?)))
        GROUP BY ALL ORDER BY count(m.doc_id) DESC, a.id LIMIT ?
        """,
        [query, query, query, limit],
    ).fetchall()
    return [ActorHit(*r) for r in rows]


def search_text(store: Store, query: str, limit: int = 20) -> list[TextHit]:
    """Documents whose text or title contains ``query`` (any case), most occurrences first."""
    con = _con(store)
    rows = con.execute(
        """
        SELECT id, title, date, (length(lower(text)) - length(replace(lower(text), lower(?), '')))
                   // greatest(length(?), 1) AS hits,
               text, strpos(lower(text), lower(?)) - 1 AS at
        FROM documents
        WHERE contains(lower(text), lower(?)) OR contains(lower(coalesce(title, '')), lower(?))
        ORDER BY hits DESC, date DESC NULLS LAST, id LIMIT ?
        """,
        [query, query, query, query, query, limit],
    ).fetchall()
    hits = []
    for doc_id, title, date, count, text, at in rows:
        left = max(0, at - SNIPPET_CHARS) if at >= 0 else 0
        right = min(len(text), (at if at >= 0 else 0) + len(query) + SNIPPET_CHARS)
        cut = ("…" if left else "", "…" if right < len(text) else "")
        snippet = cut[0] + " ".join(text[left:right].split()) + cut[1]
        hits.append(TextHit(doc_id, title, date.isoformat() if date else None, count, snippet, at))
    return hits


def recent_events(store: Store, limit: int = 10) -> list[EventRow]:
    """The ``limit`` latest dated events, newest first (the store lists events oldest first)."""
    row = _con(store).execute("SELECT count(*) FROM events WHERE day_first IS NOT NULL").fetchone()
    dated = int(row[0]) if row else 0
    rows = store.events(limit=limit, offset=max(0, dated - limit))
    return [r for r in reversed(rows) if r.event.date]
