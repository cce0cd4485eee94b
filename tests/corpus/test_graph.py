"""The actor network: edges weighed by events (clusters), not reports; partners; strongest dyads."""

from __future__ import annotations

import pytest

from dragoman.corpus.clusters import recluster
from dragoman.corpus.graph import actor_graph, partners, strongest_dyads
from dragoman.store import Store
from tests.corpus.records import event, record


@pytest.fixture
def store():
    with Store(":memory:") as s:
        sanction = event("SANCTION", ("USA",), ("ARM",), "2025-10-05", cameo="163", intensity=-8.0)
        for doc_id in ("d1", "d2", "d3"):  # three reports of one sanction
            s.save(record(doc_id, "2025-10-05", [sanction]))
        s.save(
            record(
                "d4",
                "2026-01-20",
                [
                    event("CONSULT", ("USA", "AZE"), (), "2026-01-21", cameo="040"),
                    event("SUPPORT", ("AZE",), ("USA",), "2026-01-20", cameo="051", intensity=5.0),
                    event("ACCUSE", ("ARM",), ("AZE",), "2026-01-20", cameo="112", factuality="attributed",
                          intensity=-3.0),
                ],
            )
        )  # fmt: skip
        recluster(s)
        yield s


def test_edges_count_events_and_reports(store):
    graph = actor_graph(store)
    sanction = graph.edges["USA", "ARM"]
    assert (sanction["events"], sanction["reports"], sanction["material_conflict"]) == (1, 3, 1)
    assert sanction["score"] == pytest.approx(-8.0)
    # the meeting counts both ways; AZE's support adds to AZE → USA only
    assert graph.edges["USA", "AZE"]["events"] == 1
    assert graph.edges["AZE", "USA"]["events"] == 2
    assert graph.edges["AZE", "USA"]["verbal_cooperation"] == 2
    assert not graph.has_edge("ARM", "AZE")  # attributed only
    assert graph.nodes["USA"]["name"] == "United States" and graph.nodes["USA"]["kind"] == "country"
    assert graph.nodes["USA"]["events"] == 3 and graph.nodes["USA"]["reports"] == 5


def test_no_attribute_is_none_and_include_widens(store):
    graph = actor_graph(store, include=())
    assert graph.has_edge("ARM", "AZE")
    for _, attrs in graph.nodes(data=True):
        assert None not in attrs.values()
    for _, _, attrs in graph.edges(data=True):
        assert None not in attrs.values()


def test_strongest_dyads_and_partners(store):
    dyads = strongest_dyads(store)
    assert [(d.a, d.b, d.events, d.reports) for d in dyads] == [("AZE", "USA", 2, 2), ("ARM", "USA", 1, 3)]
    assert dyads[0].cooperation == 2 and dyads[1].conflict == 1
    assert strongest_dyads(store, 1) == dyads[:1]
    found = partners(store, "USA")
    assert [(p.a, p.b, p.events) for p in found] == [("USA", "AZE", 2), ("USA", "ARM", 1)]
    assert found[0].b_name == "Azerbaijan"
