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

from dragoman.corpus.quads import QUAD_NAMES, directed_pairs, quad_name
from dragoman.store import Store
from dragoman.store.corpus import EventFact

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
    intensities (cooperation positive, conflict negative). No attribute is ever ``None``, so the
    graph writes to GraphML and GEXF as it is.
    """
    facts = store.event_facts(factuality=list(include))
    return build_graph(facts, store.actor_facts(sorted(_actors_of(facts))))


def build_graph(
    facts: Sequence[EventFact], actors: dict[str, tuple[str, str | None, str | None]]
) -> nx.DiGraph:
    """The network of ``facts``, nodes described by ``actors`` (``{id: (name, kind, country)}``)."""
    graph = nx.DiGraph()
    edge_events: dict[tuple[str, str], dict[str, EventFact]] = defaultdict(dict)
    edge_reports: dict[tuple[str, str], int] = defaultdict(int)
    node_events: dict[str, set[str]] = defaultdict(set)
    node_reports: dict[str, int] = defaultdict(int)
    for fact in facts:
        for a, b, mutual in directed_pairs(fact):
            for edge in ((a, b), (b, a)) if mutual else ((a, b),):
                edge_events[edge].setdefault(fact.cluster_id, fact)
                edge_reports[edge] += 1
        for actor in {*fact.source, *fact.target}:
            node_events[actor].add(fact.cluster_id)
            node_reports[actor] += 1
    for actor in sorted({n for edge in edge_events for n in edge}):
        name, kind, country = actors.get(actor, (actor, None, None))
        attrs: dict[str, Any] = {"name": name, "events": len(node_events[actor])}
        attrs["reports"] = node_reports[actor]
        if kind:
            attrs["kind"] = kind
        if country:
            attrs["country"] = country
        graph.add_node(actor, **attrs)
    for (a, b), events in sorted(edge_events.items()):
        quads = dict.fromkeys(QUAD_NAMES.values(), 0)
        for fact in events.values():
            quads[quad_name(fact.type)] += 1
        score = sum(f.intensity or 0.0 for f in events.values())
        graph.add_edge(a, b, events=len(events), reports=edge_reports[(a, b)], score=score, **quads)
    return graph


def strongest_dyads(
    store: Store, limit: int = 10, *, include: Sequence[str] = DEFAULT_INCLUDE
) -> list[DyadTotal]:
    """The ``limit`` pairs of actors with the most events between them (either direction)."""
    return _dyad_totals(store, store.event_facts(factuality=list(include)))[:limit]


def partners(
    store: Store, actor_id: str, limit: int = 10, *, include: Sequence[str] = DEFAULT_INCLUDE
) -> list[DyadTotal]:
    """The ``limit`` actors with the most events with ``actor_id``; ``a`` is always ``actor_id``."""
    facts = store.event_facts(factuality=list(include), actor=[actor_id])
    found = []
    for total in _dyad_totals(store, facts):
        if total.b == actor_id:
            total = DyadTotal(total.b, total.a, total.b_name, total.a_name, *_counts(total))
        if total.a == actor_id:
            found.append(total)
    return found[:limit]


def _counts(t: DyadTotal) -> tuple[int, int, int, int, float]:
    return t.events, t.reports, t.cooperation, t.conflict, t.score


def _dyad_totals(store: Store, facts: Sequence[EventFact]) -> list[DyadTotal]:
    """Every pair of actors in ``facts``, most events first."""
    pairs: dict[tuple[str, str], dict[str, EventFact]] = defaultdict(dict)
    reports: dict[tuple[str, str], int] = defaultdict(int)
    for fact in facts:
        for a, b, _ in directed_pairs(fact):
            pair = (min(a, b), max(a, b))
            pairs[pair].setdefault(fact.cluster_id, fact)
            reports[pair] += 1
    names = store.actor_facts(sorted({a for pair in pairs for a in pair}))
    totals = []
    for (a, b), events in pairs.items():
        cooperation = sum(1 for f in events.values() if quad_name(f.type).endswith("cooperation"))
        totals.append(
            DyadTotal(
                a=a,
                b=b,
                a_name=names.get(a, (a,))[0],
                b_name=names.get(b, (b,))[0],
                events=len(events),
                reports=reports[(a, b)],
                cooperation=cooperation,
                conflict=len(events) - cooperation,
                score=sum(f.intensity or 0.0 for f in events.values()),
            )
        )
    totals.sort(key=lambda t: (-t.events, -t.reports, t.a, t.b))
    return totals


def _actors_of(facts: Sequence[EventFact]) -> set[str]:
    return {a for f in facts for a in (*f.source, *f.target)}
