"""What each page and API answer shows, gathered from the store as plain JSON-ready data.

The API returns these dictionaries as they are and the pages render them, so both always agree.
Each function reads through one open :class:`~dragoman.store.Store` and returns before it closes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from dragoman.dossier import actor_dossier
from dragoman.store import Store
from dragoman.web import queries

#: Events on an actor's timeline.
TIMELINE_EVENTS = 200


def _plain(value: Any) -> Any:
    """Dataclasses, tuples and dates as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def overview(store: Store, *, actors: int = 12, events: int = 10, dyads: int = 10) -> dict[str, Any]:
    """The corpus at a glance: totals, the most mentioned actors, the latest events, the strongest
    dyads and the actor network."""
    return {
        "counts": store.counts(),
        "top_actors": [_plain(a) for a in store.actors(limit=actors)],
        "recent_events": [r.to_dict() for r in queries.recent_events(store, events)],
        "dyads": strongest_dyads(store, limit=dyads),
        "network": network(store),
    }


def documents(store: Store, *, limit: int, offset: int) -> dict[str, Any]:
    """A page of the document list with the total."""
    return {
        "total": store.counts()["documents"],
        "limit": limit,
        "offset": offset,
        "documents": [_plain(d) for d in store.documents(limit=limit, offset=offset)],
    }


def actors(store: Store, *, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of the actor list, most mentioned first."""
    rows = store.actors(limit=limit, offset=offset, kind=kind)
    return {"limit": limit, "offset": offset, "kind": kind, "actors": [_plain(a) for a in rows]}


def actor(store: Store, actor_id: str, *, mentions: int = 20) -> dict[str, Any] | None:
    """An actor's dossier (names, offices, documents, mentions), its events oldest first, the actors
    it shares events with, and how the corpus's framing treats it; ``None`` for an unknown actor."""
    dossier = actor_dossier(store, actor_id, mention_limit=mentions)
    if dossier is None:
        return None
    summary = store.framing_summary(actor=actor_id, evidence=3)
    tone = next((a for a in summary.actors if a.actor == actor_id), None)
    return {
        **_plain(dossier),
        "events": [r.to_dict() for r in store.events(actor=actor_id, limit=TIMELINE_EVENTS)],
        # the dossier's partners, as the page lists them (asserted events, clusters not reports)
        "partners": [
            {
                "id": p.b,
                "name": p.b_name,
                "events": p.events,
                "reports": p.reports,
                "cooperation": p.cooperation,
                "conflict": p.conflict,
                "score": p.score,
            }
            for p in dossier.partners
        ],
        "framing": {
            "spans": summary.spans,
            "techniques": [t.to_dict() for t in summary.techniques],
            "tone": tone.to_dict() if tone else None,
        },
    }


def events(
    store: Store,
    *,
    actor: Sequence[str] = (),
    type: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    factuality: Sequence[str] = (),
    limit: int = 50,
    offset: int = 0,
    by_event: bool = False,
) -> dict[str, Any]:
    """Events as ``dragoman events`` lists them (filters combine with AND, values within one with OR);
    ``by_event``: one row per event, its earliest report, as ``--by-event``.

    Raises:
        LookupError: an actor reference names no stored actor (its text is the message).
        StoreError: an unknown type or factuality, an unreadable date.
    """
    ids = []
    for ref in actor:
        found = store.resolve_actor(ref)
        if found is None:
            raise LookupError(f"no actor {ref!r} in the store")
        ids.append(found)
    rows = store.events(
        actor=ids, type=list(type), since=since, until=until, factuality=list(factuality),
        limit=limit, offset=offset, by_event=by_event,
    )  # fmt: skip
    return {"limit": limit, "offset": offset, "by_event": by_event, "events": [r.to_dict() for r in rows]}


def search(store: Store, q: str, *, limit: int = 20) -> dict[str, Any]:
    """Actors and documents matching ``q``."""
    return {
        "q": q,
        "actors": [h.to_dict() for h in queries.search_actors(store, q, limit)],
        "documents": [h.to_dict() for h in queries.search_text(store, q, limit)],
    }


def strongest_dyads(store: Store, *, limit: int = 10) -> list[dict[str, Any]]:
    """The pairs of actors with most (asserted) events between them."""
    from dragoman.corpus.graph import strongest_dyads as strongest

    return [d.to_dict() for d in strongest(store, limit=limit)]


def network(store: Store, *, nodes: int = 30) -> dict[str, Any]:
    """The actor network's ``nodes`` busiest actors and their dyads, laid out for an SVG."""
    from dragoman.corpus.graph import actor_graph
    from dragoman.web.graphics import network_layout

    return network_layout(actor_graph(store), nodes=nodes)


def dyad(
    store: Store, a: str, b: str, *, by: str = "month", include: Sequence[str] = ("asserted",)
) -> dict[str, Any]:
    """Two actors' events per period (``dragoman.corpus.dyads.dyad_series``) as data.

    Raises:
        LookupError: ``a`` or ``b`` names no stored actor.
        ValueError: ``by`` is not week, month or year, or ``a`` and ``b`` are one actor.
    """
    from dragoman.corpus.dyads import dyad_series

    ids = []
    for ref in (a, b):
        found = store.resolve_actor(ref)
        if found is None:
            raise LookupError(f"no actor {ref!r} in the store")
        ids.append(found)
    return dyad_series(store, ids[0], ids[1], by=by, include=tuple(include)).to_dict()
