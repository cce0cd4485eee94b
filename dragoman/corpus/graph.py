"""The actor network: nodes are actors, edges are dyads weighted by the events between them.

Weights count *events* (clusters of reports, :mod:`dragoman.corpus.clusters`), not reports: a
meeting told by five articles is one event with five reports. Both numbers are on every edge.
An edge ``a → b`` holds the events ``a`` did to ``b``; a meeting of several parties (coded with
all of them as the actor) counts on the edges both ways between every two of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from dragoman.corpus.quads import QUAD_NAMES, quad_name
from dragoman.store import Store
from dragoman.store.corpus import PairTotal

#: What enters the network by default: what the text asserts happened.
DEFAULT_INCLUDE = ("asserted",)


@dataclass(frozen=True, slots=True)
class DyadTotal:
    """Two actors and all the events between them (either direction)."""

    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    reports: int
    cooperation: int
    conflict: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def actor_graph(store: Store, *, include: Sequence[str] = DEFAULT_INCLUDE) -> nx.DiGraph:
    """The network of the events of these factualities (all when ``include`` is empty).

    Node attributes: ``name``, ``kind``, ``country`` (omitted when unknown), ``events``,
    ``reports``. Edge attributes: ``events``, ``reports``, one count per quad class
    (``verbal_cooperation`` … ``material_conflict``) and ``score``, the sum of the events' PLOVER
    intensities (cooperation positive, conflict negative; an event's intensity is the mean of its
    reports'). No attribute is ever ``None``, so the
    graph writes to GraphML and GEXF as it is. The sums are made in the database.
    """
    totals = store.pair_totals(factuality=list(include))
    nodes = store.actor_event_totals(factuality=list(include))
    return build_graph(totals, nodes, store.actor_facts(sorted({x for t in totals for x in (t.a, t.b)})))


def build_graph(
    totals: Sequence[PairTotal],
    nodes: dict[str, tuple[int, int]],
    actors: dict[str, tuple[str, str | None, str | None]],
) -> nx.DiGraph:
    """The network of ``totals``; nodes counted by ``nodes`` and described by ``actors``."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for t in totals:
        for edge in ((t.a, t.b), (t.b, t.a)) if t.mutual else ((t.a, t.b),):
            weights = edges.setdefault(
                edge, {"events": 0, "reports": 0, "score": 0.0, **dict.fromkeys(QUAD_NAMES.values(), 0)}
            )
            weights["events"] += t.events
            weights["reports"] += t.reports
            weights["score"] += t.score
            for event_type in t.types:
                weights[quad_name(event_type)] += 1
    graph = nx.DiGraph()
    for actor in sorted({n for edge in edges for n in edge}):
        name, kind, country = actors.get(actor, (actor, None, None))
        events, reports = nodes.get(actor, (0, 0))
        attrs: dict[str, Any] = {"name": name, "events": events, "reports": reports}
        if kind:
            attrs["kind"] = kind
        if country:
            attrs["country"] = country
        graph.add_node(actor, **attrs)
    for (a, b), weights in sorted(edges.items()):
        graph.add_edge(a, b, **weights)
    return graph


def strongest_dyads(
    store: Store, limit: int = 10, *, include: Sequence[str] = DEFAULT_INCLUDE
) -> list[DyadTotal]:
    """The ``limit`` pairs of actors with the most events between them (either direction)."""
    return _dyad_totals(store, store.top_pairs(limit, factuality=list(include)))


def partners(
    store: Store, actor_id: str, limit: int = 10, *, include: Sequence[str] = DEFAULT_INCLUDE
) -> list[DyadTotal]:
    """The ``limit`` actors with the most events with ``actor_id``; ``a`` is always ``actor_id``."""
    found = []
    for total in _dyad_totals(store, store.pair_totals(factuality=list(include), actor=[actor_id])):
        if total.b == actor_id:
            total = DyadTotal(total.b, total.a, total.b_name, total.a_name, *_counts(total))
        if total.a == actor_id:
            found.append(total)
    return found[:limit]


def _counts(t: DyadTotal) -> tuple[int, int, int, int, float]:
    return t.events, t.reports, t.cooperation, t.conflict, t.score


def _dyad_totals(store: Store, totals: Sequence[PairTotal]) -> list[DyadTotal]:
    """Every unordered pair of actors in ``totals``, most events first.

    An event relates a pair one way, the other way or mutually, never two of these, so the three
    ordered totals of a pair add up.
    """
    pairs: dict[tuple[str, str], list[PairTotal]] = defaultdict(list)
    for t in totals:
        pairs[(min(t.a, t.b), max(t.a, t.b))].append(t)
    names = store.actor_facts(sorted({a for pair in pairs for a in pair}))
    found = []
    for (a, b), parts in pairs.items():
        types = [event_type for t in parts for event_type in t.types]
        cooperation = sum(1 for event_type in types if quad_name(event_type).endswith("cooperation"))
        found.append(
            DyadTotal(
                a=a,
                b=b,
                a_name=names.get(a, (a,))[0],
                b_name=names.get(b, (b,))[0],
                events=len(types),
                reports=sum(t.reports for t in parts),
                cooperation=cooperation,
                conflict=len(types) - cooperation,
                score=sum(t.score for t in parts),
            )
        )
    found.sort(key=lambda t: (-t.events, -t.reports, t.a, t.b))
    return found
