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


def test_event_listings_say_which_event_each_report_is_and_can_list_events_once():
    with Store(":memory:") as s:
        same = event("CONSULT", ("USA",), ("AZE",), "2025-10-05", cameo="040")
        s.save(record("d1", "2025-10-05", [same]))  # source "Outlet 1"
        s.save(record("d2", "2025-10-06", [same]))  # source "Outlet 2"
        s.save(record("d3", "2025-10-07", [event("AGREE", ("USA",), ("ARM",), "2025-10-07", cameo="057")]))
        recluster(s)
        rows = s.events()
        assert [(r.doc_id, r.reports) for r in rows] == [("d1", 2), ("d2", 2), ("d3", 1)]
        assert rows[0].cluster_id == rows[1].cluster_id == "d1:0" != rows[2].cluster_id
        assert rows[0].sources == ("Outlet 1", "Outlet 2")
        events = s.events(by_event=True)
        assert [(r.doc_id, r.reports) for r in events] == [("d1", 2), ("d3", 1)]
        assert [r.doc_id for r in s.events(by_event=True, limit=1, offset=1)] == ["d3"]
        # counts follow the filters: in d2 alone the meeting has one report
        (only,) = s.events(doc_id="d2", by_event=True)
        assert (only.doc_id, only.reports, only.cluster_id) == ("d2", 1, "d1:0")
        assert s.events()[0].to_dict()["cluster_id"] == "d1:0"
