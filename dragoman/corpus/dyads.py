"""Two actors over time: their events per period by PLOVER quad class, with a score and evidence.

``dyad_series(store, "USA", "AZE", by="month")`` answers "did US–Azerbaijani relations move
toward cooperation?" with data a reader can check: each period counts the *events* (clusters of
reports, :mod:`dragoman.corpus.clusters`) in each direction by quad class, sums their PLOVER
intensities (cooperation positive, conflict negative) into a cooperation–conflict score, and
lists every event with each report's document, sentence and factuality.

A country stands for itself and every actor the store places in it (its leaders, ministries,
groups), as event data users read a country dyad; ``exact=True`` keeps to the two ids. Only
asserted events count by default; ``include`` widens that (``("asserted", "attributed")``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from dragoman.corpus.quads import QUAD_NAMES, directed_pairs, quad_name
from dragoman.store import Store
from dragoman.store.corpus import EventFact
from dragoman.store.events import EventRow

Period = Literal["week", "month", "year"]
PERIODS: tuple[str, ...] = ("week", "month", "year")
DEFAULT_INCLUDE = ("asserted",)
#: Directions of an event within a dyad ``a``–``b``.
DIRECTIONS = ("a->b", "b->a", "mutual")


@dataclass(frozen=True, slots=True)
class DyadEvent:
    """One event between the two sides, with every report of it.

    Attributes:
        cluster_id: the event's id (its earliest report's ``doc_id:idx``).
        direction: ``a->b``, ``b->a`` or ``mutual`` (a meeting of both, or acts both ways).
        day: the first day of its earliest report's date (``None`` when the event is unplaced).
        intensity: the mean PLOVER score of its reports (they share a type; modes may differ).
        reports: the stored event rows that report it, earliest first, each with its sentence.
    """

    cluster_id: str
    direction: str
    type: str
    quad: str
    intensity: float
    day: dt.date | None
    reports: tuple[EventRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, each report as ``dragoman events --format json`` writes it."""
        return {
            "cluster_id": self.cluster_id,
            "direction": self.direction,
            "type": self.type,
            "quad": self.quad,
            "intensity": self.intensity,
            "day": self.day.isoformat() if self.day else None,
            "reports": [r.to_dict() for r in self.reports],
        }


@dataclass(slots=True)
class DyadPeriod:
    """One period of a dyad: counts per direction and quad class, the score, the events."""

    period: str | None
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {d: dict.fromkeys(QUAD_NAMES.values(), 0) for d in DIRECTIONS}
    )
    score: float = 0.0
    events: list[DyadEvent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "period": self.period,
            "events_count": len(self.events),
            "reports_count": sum(len(e.reports) for e in self.events),
            "counts": self.counts,
            "score": self.score,
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class DyadSeries:
    """A dyad over time: the sides (with the actor ids each stands for) and the periods.

    ``unplaced`` holds the events whose date is unknown or wider than one period (an event
    dated only "2025" in a monthly series): they are listed, but in no period's counts or score.
    """

    a: str
    b: str
    a_name: str
    b_name: str
    a_members: tuple[str, ...]
    b_members: tuple[str, ...]
    by: str
    include: tuple[str, ...]
    periods: list[DyadPeriod]
    unplaced: DyadPeriod

    @property
    def events(self) -> int:
        """Events in every period, unplaced included."""
        return sum(len(p.events) for p in (*self.periods, self.unplaced))

    @property
    def reports(self) -> int:
        """Reports of those events."""
        return sum(len(e.reports) for p in (*self.periods, self.unplaced) for e in p.events)

    @property
    def score(self) -> float:
        """The cooperation–conflict score of the whole series (dated periods)."""
        return sum(p.score for p in self.periods)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "a": {"id": self.a, "name": self.a_name, "members": list(self.a_members)},
            "b": {"id": self.b, "name": self.b_name, "members": list(self.b_members)},
            "by": self.by,
            "include": list(self.include),
            "events_count": self.events,
            "reports_count": self.reports,
            "score": self.score,
            "periods": [p.to_dict() for p in self.periods],
            "unplaced": self.unplaced.to_dict(),
        }


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    include: Sequence[str] = DEFAULT_INCLUDE,
    exact: bool = False,
) -> DyadSeries:
    """The events between actors ``a`` and ``b`` (stored ids) per ``by`` period.

    Raises:
        ValueError: ``by`` is not week, month or year, or ``a`` and ``b`` are the same actor.
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    if a == b:
        raise ValueError(f"a dyad needs two actors, got {a!r} twice")
    actors = store.actor_facts()
    side_a, side_b = _members(a, actors, exact), _members(b, actors, exact)
    side_a -= side_b  # an actor on both sides (never for two countries) counts for b
    facts = store.event_facts(factuality=list(include), actor=sorted(side_a | side_b))
    clusters: dict[str, list[tuple[EventFact, str]]] = defaultdict(list)
    for fact in facts:
        direction = _direction(fact, side_a, side_b)
        if direction is not None:
            clusters[fact.cluster_id].append((fact, direction))
    rows = {(r.doc_id, r.idx): r for r in store.event_rows([f.key for c in clusters.values() for f, _ in c])}
    periods: dict[str, DyadPeriod] = {}
    unplaced = DyadPeriod(None)
    for cluster_id, reports in clusters.items():
        reports.sort(key=lambda fd: _first_day(fd[0]) or dt.date.max)
        first = reports[0][0]
        directions = {d for _, d in reports}
        direction = directions.pop() if len(directions) == 1 else "mutual"
        label = _period_label(first, by)
        day = _first_day(first) if label else None
        event = DyadEvent(
            cluster_id=cluster_id,
            direction=direction,
            type=first.type,
            quad=quad_name(first.type),
            intensity=sum(f.intensity or 0.0 for f, _ in reports) / len(reports),
            day=day,
            reports=tuple(rows[(f.doc_id, f.idx)] for f, _ in reports),
        )
        period = periods.setdefault(label, DyadPeriod(label)) if label else unplaced
        period.events.append(event)
        period.counts[direction][event.quad] += 1
        period.score += event.intensity
    for period in (*periods.values(), unplaced):
        period.events.sort(key=lambda e: (e.day or dt.date.max, e.cluster_id))
    return DyadSeries(
        a=a,
        b=b,
        a_name=actors.get(a, (a,))[0],
        b_name=actors.get(b, (b,))[0],
        a_members=tuple(sorted(side_a)),
        b_members=tuple(sorted(side_b)),
        by=by,
        include=tuple(include),
        periods=[periods[k] for k in sorted(periods)],
        unplaced=unplaced,
    )


def period_of(day: dt.date, by: str) -> str:
    """The label of the period holding ``day``: ``2025-10`` (month), ``2025-W42`` (ISO week), ``2025``."""
    if by == "year":
        return f"{day.year:04d}"
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{day.year:04d}-{day.month:02d}"


def _members(actor: str, actors: dict[str, tuple[str, str | None, str | None]], exact: bool) -> set[str]:
    """``actor`` and, for a country unless ``exact``, every stored actor placed in it."""
    members = {actor}
    if not exact and actors.get(actor, ("", None, None))[1] == "country":
        members |= {i for i, (_, kind, country) in actors.items() if country == actor and kind != "location"}
    return members


def _direction(fact: EventFact, side_a: set[str], side_b: set[str]) -> str | None:
    """How ``fact`` relates the two sides, or ``None`` if it does not relate them."""
    found = set()
    for s, t, mutual in directed_pairs(fact):
        if (s in side_a and t in side_b) or (s in side_b and t in side_a):
            found.add("mutual" if mutual else ("a->b" if s in side_a else "b->a"))
    if not found:
        return None
    return found.pop() if len(found) == 1 else "mutual"


def _period_label(fact: EventFact, by: str) -> str | None:
    """The period ``fact``'s date lies in, or ``None`` if it is undated or spans more than one."""
    when = fact.when
    if when is None:
        return None
    first, last = period_of(when[0], by), period_of(when[1], by)
    return first if first == last else None


def _first_day(fact: EventFact) -> dt.date | None:
    when = fact.when
    return when[0] if when else None
