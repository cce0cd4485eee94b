"""Clusters in the store: events versus reports, and incremental clustering equal to a full one."""

from __future__ import annotations

import random

from dragoman.corpus.clusters import recluster
from dragoman.store import Store
from tests.corpus.records import event, record


def _assignments(store: Store) -> dict[str, str]:
    return {f.key: f.cluster_id for f in store.event_facts()}


def _random_records(seed: int, n: int):
    rng = random.Random(seed)
    for i in range(n):
        day = f"2025-10-{rng.randint(1, 20):02d}"
        events = []
        for _ in range(3):
            source, target = rng.choice(["USA", "AZE"]), rng.choice(["ARM", "AZE"])
            place = rng.choice([None, "baku", "paris"])
            kind, cameo = rng.choice(["CONSULT", "SUPPORT"]), rng.choice(["040", "051"])
            events.append(event(kind, (source,), (target,), day, cameo=cameo, location=place))
        yield record(f"doc{i:03d}", day, events)


def test_incremental_clustering_equals_a_full_one():
    records = list(_random_records(3, 40))
    with Store(":memory:") as step, Store(":memory:") as whole:
        for at in range(0, 40, 10):  # four ingests, clustering the new rows' groups each time
            for r in records[at : at + 10]:
                step.save(r)
            assert step.clusters_stale()
            recluster(step, full=False)
            assert not step.clusters_stale()
        for r in records:
            whole.save(r)
        summary = recluster(whole)
        assert _assignments(step) == _assignments(whole)
        assert summary.reports == 120 and 0 < summary.events < 120
        counts = whole.counts()
        assert (counts["events"], counts["reports"]) == (summary.events, 120)


def test_an_unclustered_row_is_its_own_event_until_clustered():
    with Store(":memory:") as s:
        same = event("CONSULT", ("USA",), ("AZE",), "2025-10-05", cameo="040")
        s.save(record("d1", "2025-10-05", [same]))
        s.save(record("d2", "2025-10-05", [same]))
        assert (s.counts()["events"], s.counts()["reports"]) == (2, 2)
        assert recluster(s, full=False).merged == 1
        assert (s.counts()["events"], s.counts()["reports"]) == (1, 2)
        assert recluster(s, full=False).reports == 0  # nothing new: nothing to do
