"""Reports of the same event become one event: the cure for counting articles as events.

Two event rows report the same event when they have the same PLOVER type, the same actors and
recipients, dates within :data:`WINDOW_DAYS` of each other, compatible places, compatible
factuality and a similar trigger (:func:`same_event`). Clustering is complete-link: a row joins
a cluster only if it matches every row already in it, so a chain of near neighbours never grows
into one big cluster. Rows are taken in date order, so the result does not depend on the order
the documents were ingested in; a cluster is named after its earliest row (``doc_id:idx``).

Vague dates do not cluster: an event dated only to a year (or anything longer than
:data:`MAX_SPAN_DAYS`) stays alone, since "in 2025" cannot tell two meetings apart. An event with
no date of its own uses its document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dragoman.store import Store
from dragoman.store.corpus import EventFact, group_key

#: Most days between two reports' dates for them to be one event.
WINDOW_DAYS = 3
#: Longest date (in days) that can take part in clustering; a month's 31 days still can.
MAX_SPAN_DAYS = 31

_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """How many event rows (reports) the store holds, and how many events they make."""

    reports: int
    events: int

    @property
    def merged(self) -> int:
        """Reports that joined an earlier report of the same event."""
        return self.reports - self.events


def recluster(store: Store, *, full: bool = True) -> ClusterSummary:
    """Cluster the event rows in ``store`` and store the result (one transaction).

    ``full`` clusters every row afresh; otherwise only the groups (type and actor sets) that hold
    rows with no cluster yet, which gives the same clusters for those rows at a fraction of the
    cost once the corpus is large. The summary counts the rows (re)clustered.
    """
    if full:
        facts = store.event_facts()
    else:
        groups = sorted({group_key(f.type, f.source, f.target) for f in store.event_facts(unclustered=True)})
        facts = store.event_facts(groups=groups) if groups else []
    clusters = cluster_events(facts)
    store.replace_event_clusters([(f.doc_id, f.idx, clusters[f.key]) for f in facts], everything=full)
    return ClusterSummary(reports=len(facts), events=len(set(clusters.values())))


def cluster_events(facts: Sequence[EventFact]) -> dict[str, str]:
    """``{row key: cluster id}`` for ``facts``; the cluster id is its earliest row's key."""
    groups: dict[tuple[str, frozenset[str], frozenset[str]], list[EventFact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.type, frozenset(fact.source), frozenset(fact.target))].append(fact)
    assigned: dict[str, str] = {}
    for members in groups.values():
        clusters: list[list[EventFact]] = []
        for fact in sorted(members, key=_order):
            home = next((c for c in clusters if all(same_event(fact, other) for other in c)), None)
            if home is None:
                clusters.append([fact])
            else:
                home.append(fact)
        for cluster in clusters:
            for fact in cluster:
                assigned[fact.key] = cluster[0].key
    return assigned


def same_event(a: EventFact, b: EventFact) -> bool:
    """Whether ``a`` and ``b`` (same type and actors) can be reports of one event."""
    if a.type != b.type or set(a.source) != set(b.source) or set(a.target) != set(b.target):
        return False
    if (a.factuality == "negated") != (b.factuality == "negated"):
        return False
    when_a, when_b = _clusterable_when(a), _clusterable_when(b)
    if when_a is None or when_b is None:
        return False
    gap = max(0, (when_b[0] - when_a[1]).days, (when_a[0] - when_b[1]).days)
    if gap > WINDOW_DAYS:
        return False
    return _same_place(a, b) and _similar_trigger(a, b)


def _clusterable_when(fact: EventFact) -> tuple[dt.date, dt.date] | None:
    when = fact.when
    if when is None or (when[1] - when[0]).days >= MAX_SPAN_DAYS:
        return None
    return when


def _same_place(a: EventFact, b: EventFact) -> bool:
    """Unknown places fit anything; a city fits its own country; two different cities do not."""
    if a.location is None or b.location is None or a.location == b.location:
        return True
    if a.location_country is None or a.location_country != b.location_country:
        return False
    return a.location == a.location_country or b.location == b.location_country


def _similar_trigger(a: EventFact, b: EventFact) -> bool:
    """Same CAMEO root, or a word stem in common ("visited"/"visit", "talks"/"talked")."""
    if a.cameo and b.cameo and a.cameo[:2] == b.cameo[:2]:
        return True
    return bool(_stems(a.trigger_text) & _stems(b.trigger_text))


def _stems(text: str) -> set[str]:
    return {w[:4] for w in _WORD.findall(text.lower())}


def _order(fact: EventFact) -> tuple[dt.date, str, int]:
    when = fact.when
    return (when[0] if when else dt.date.max, fact.doc_id, fact.idx)
