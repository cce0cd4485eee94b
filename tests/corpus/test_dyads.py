"""Dyads over time: events (not reports) per period, direction and quad class, with evidence."""

from __future__ import annotations

import json

import pytest

from dragoman.corpus.clusters import recluster
from dragoman.corpus.dyads import dyad_series, period_of
from dragoman.store import Store
from tests.corpus.records import event, record


@pytest.fixture
def store():
    with Store(":memory:") as s:
        s.save(record("d1", "2025-10-05", [event("CONSULT", ("donald-trump",), ("AZE",), "2025-10-05")]))
        s.save(
            record(
                "d2",
                "2025-10-06",
                [event("CONSULT", ("USA",), ("AZE",), "2025-10-05", trigger="talks", cameo="040")],
            )
        )
        s.save(record("d3", "2025-10-06", [event("CONSULT", ("USA",), ("AZE",), "2025-10-06", cameo="043")]))
        s.save(
            record(
                "d4",
                "2026-01-20",
                [
                    event("SUPPORT", ("AZE",), ("USA",), "2026-01-20", intensity=5.0, trigger="thanked"),
                    event("ACCUSE", ("ilham-aliyev",), ("USA",), "2026-01-19", factuality="attributed",
                          intensity=-3.0, trigger="accused"),
                    event("CONSULT", ("USA", "AZE"), (), "2026-01-21"),
                    event("CONSULT", ("USA",), ("ARM",), "2026-01-21"),
                    event("AGREE", ("USA",), ("AZE",), "2025", intensity=2.5, trigger="agreed"),
                ],
            )
        )  # fmt: skip
        recluster(s)
        yield s


def test_a_month_counts_events_not_reports(store):
    series = dyad_series(store, "USA", "AZE")
    october = series.periods[0]
    assert october.period == "2025-10"
    # d2 and d3 report one US-Azerbaijani meeting (same actors, type and CAMEO root, a day apart);
    # d1's has Trump (standing for the USA in the dyad) as its actor: clusters keep actors exact
    assert october.counts["a->b"]["verbal_cooperation"] == 2
    trump, meeting = october.events
    assert [r.doc_id for r in trump.reports] == ["d1"]
    assert [r.doc_id for r in meeting.reports] == ["d2", "d3"]
    assert october.score == pytest.approx(5.0)
    assert all(r.sentence_text.startswith("Officials said") for r in meeting.reports)


def test_directions_mutual_meetings_and_factuality(store):
    series = dyad_series(store, "USA", "AZE")
    january = series.periods[1]
    assert january.period == "2026-01"
    assert january.counts["b->a"]["verbal_cooperation"] == 1  # AZE thanked the USA
    assert january.counts["mutual"]["verbal_cooperation"] == 1  # the two met
    assert sum(n for d in january.counts.values() for n in d.values()) == 2  # the ACCUSE is only attributed
    assert january.score == pytest.approx(7.5)
    wider = dyad_series(store, "USA", "AZE", include=("asserted", "attributed")).periods[1]
    assert wider.counts["b->a"]["verbal_conflict"] == 1
    assert wider.score == pytest.approx(4.5)


def test_a_year_date_is_no_month_and_the_series_totals(store):
    series = dyad_series(store, "USA", "AZE")
    assert [e.type for e in series.unplaced.events] == ["AGREE"]
    assert series.unplaced.events[0].day is None
    assert (series.events, series.reports) == (5, 6)
    yearly = dyad_series(store, "USA", "AZE", by="year")
    assert [p.period for p in yearly.periods] == ["2025", "2026"]
    assert yearly.periods[0].counts["a->b"]["verbal_cooperation"] == 3  # two meetings and the AGREE
    assert yearly.unplaced.events == []


def test_exact_keeps_to_the_two_ids(store):
    rolled = dyad_series(store, "USA", "AZE")
    assert "donald-trump" in rolled.a_members and "ilham-aliyev" in rolled.b_members
    exact = dyad_series(store, "USA", "AZE", exact=True)
    assert exact.a_members == ("USA",)
    assert [r.doc_id for r in exact.periods[0].events[0].reports] == ["d2", "d3"]


def test_other_dyads_stay_out_and_bad_arguments_fail(store):
    assert dyad_series(store, "USA", "ARM").events == 1
    assert dyad_series(store, "AZE", "ARM").events == 0
    with pytest.raises(ValueError, match="two actors"):
        dyad_series(store, "USA", "USA")
    with pytest.raises(ValueError, match="week, month, year"):
        dyad_series(store, "USA", "AZE", by="day")


def test_the_series_is_json_ready(store):
    data = json.loads(json.dumps(dyad_series(store, "USA", "AZE", by="week").to_dict()))
    assert data["a"]["id"] == "USA" and data["events_count"] == 5
    assert [p["period"] for p in data["periods"]] == [
        "2025-W40",
        "2026-W04",
    ]  # the d2/d3 meeting is dated by its first report, a Sunday
    assert data["periods"][0]["events"][0]["reports"][0]["doc_id"] == "d1"


def test_period_labels():
    import datetime as dt

    day = dt.date(2025, 12, 29)
    assert (period_of(day, "month"), period_of(day, "week"), period_of(day, "year")) == (
        "2025-12",
        "2026-W01",
        "2025",
    )
