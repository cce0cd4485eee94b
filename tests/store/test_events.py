"""Stored events: the query's filters and order, the day ranges of event dates, hostile input."""

from __future__ import annotations

import datetime as dt

import pytest

from dragoman.errors import StoreError
from dragoman.record import Event, Record
from dragoman.store import EventRow, Store
from dragoman.store.events import event_period, timex_days

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": None},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None},
    "ARM": {"name": "Armenia", "kind": "country", "country": "ARM", "sector": None},
    "RUS": {"name": "Russia", "kind": "country", "country": "RUS", "sector": None},
    "baku": {"name": "Baku", "kind": "location", "country": "AZE", "sector": None},
}


def _event(type_: str, source: str, target: str, date: str | None, factuality: str = "asserted") -> Event:
    return Event(
        type=type_,
        source=(source,),
        target=(target,),
        sentence=(0, 30),
        trigger=(4, 8),
        trigger_text="said",
        factuality=factuality,
        confidence=0.7,
        date=date,
        location="baku",
    )


def _record(doc_id: str, date: str, events: list[Event]) -> Record:
    text = f"They said it in {doc_id}; a sentence of thirty chars or more."
    return Record(
        id=doc_id,
        text=text,
        title=f"Title {doc_id}",
        date=date,
        language="en",
        content_hash=doc_id.ljust(64, "0")[:64],
        actors={k: v for k, v in ACTORS.items()},
        events=events,
    )


@pytest.fixture
def store():
    with Store(":memory:") as s:
        s.save(
            _record(
                "doc-b",
                "2026-01-20",
                [
                    _event("ASSAULT", "RUS", "AZE", "2026-01-15", "negated"),
                    _event("ACCUSE", "AZE", "ARM", "2026-W03", "attributed"),
                    _event("THREATEN", "ARM", "RUS", None, "hypothetical"),
                ],
            )
        )
        s.save(_record("doc-a", "2025-10-30", [_event("CONSULT", "USA", "AZE", "2025-10")]))
        s.save(_record("doc-c", "2026-01-20", [_event("AGREE", "AZE", "USA", "2026-01-15", "future")]))
        yield s


def _keys(rows: list[EventRow]) -> list[tuple[str, int]]:
    return [(r.doc_id, r.idx) for r in rows]


def test_events_ordered_by_date_then_document_then_index(store):
    assert _keys(store.events()) == [
        ("doc-a", 0),  # 2025-10
        ("doc-b", 1),  # 2026-W03 starts on 12 January
        ("doc-b", 0),  # 2026-01-15
        ("doc-c", 0),  # 2026-01-15, later document id
        ("doc-b", 2),  # undated: last
    ]


def test_events_rows_carry_sentence_document_and_names(store):
    (row,) = store.events(type="CONSULT")
    assert row.event.source == ("USA",) and row.source_names == ("United States",)
    assert row.target_names == ("Azerbaijan",) and row.location_name == "Baku"
    assert row.sentence_text == "They said it in doc-a; a sentence of thirty chars or more."[:30]
    assert (row.doc_title, row.doc_date) == ("Title doc-a", "2025-10-30")
    data = row.to_dict()
    assert data["doc_id"] == "doc-a" and data["type"] == "CONSULT" and data["sentence"] == (0, 30)
    assert data["sentence_text"] == row.sentence_text and data["source_names"] == ["United States"]


def test_events_filter_by_actor_in_source_or_target(store):
    assert _keys(store.events(actor="USA")) == [("doc-a", 0), ("doc-c", 0)]
    assert _keys(store.events(actor="RUS")) == [("doc-b", 0), ("doc-b", 2)]
    assert _keys(store.events(actor=["USA", "RUS"])) == [
        ("doc-a", 0),
        ("doc-b", 0),
        ("doc-c", 0),
        ("doc-b", 2),
    ]


def test_events_actor_accepts_the_forms_resolve_actor_does(store):
    assert store.resolve_actor("usa") == "USA"
    assert store.resolve_actor("united states") == "USA"
    assert store.resolve_actor("nobody") is None
    assert _keys(store.events(actor="azerbaijan")) == _keys(store.events(actor="AZE"))
    assert store.events(actor="nobody") == []


def test_events_filter_by_type_any_case(store):
    assert _keys(store.events(type="consult")) == [("doc-a", 0)]
    assert _keys(store.events(type=["Assault", "AGREE"])) == [("doc-b", 0), ("doc-c", 0)]


def test_events_filter_by_factuality(store):
    assert _keys(store.events(factuality="negated")) == [("doc-b", 0)]
    assert _keys(store.events(factuality=["future", "ATTRIBUTED"])) == [("doc-b", 1), ("doc-c", 0)]


def test_events_since_and_until_compare_the_days_a_date_covers(store):
    # 2025-10 is in October 2025: any October day (or the month itself) keeps it
    assert _keys(store.events(since="2025-10-31", until="2025-10-31")) == [("doc-a", 0)]
    assert _keys(store.events(since="2025-10", until="2025-10")) == [("doc-a", 0)]
    assert _keys(store.events(until="2025")) == [("doc-a", 0)]
    assert store.events(since="2025-11-01", until="2025-12-31") == []
    # the week 2026-W03 (12–18 January) meets 17 January; the 15th's events do not
    assert _keys(store.events(since="2026-01-16")) == [("doc-b", 1)]
    assert _keys(store.events(since=dt.date(2026, 1, 15), until="2026-01-15")) == [
        ("doc-b", 1),
        ("doc-b", 0),
        ("doc-c", 0),
    ]
    # an undated event is outside every period
    assert ("doc-b", 2) not in _keys(store.events(since="1900"))


def test_events_filter_by_document_limit_and_offset(store):
    assert _keys(store.events(doc_id="doc-b")) == [("doc-b", 1), ("doc-b", 0), ("doc-b", 2)]
    assert _keys(store.events(limit=2)) == [("doc-a", 0), ("doc-b", 1)]
    assert _keys(store.events(limit=2, offset=3)) == [("doc-c", 0), ("doc-b", 2)]


def test_events_filters_combine(store):
    rows = store.events(actor="AZE", type=["ASSAULT", "ACCUSE"], since="2026-01", factuality="negated")
    assert _keys(rows) == [("doc-b", 0)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "BOMB"}, "unknown event type 'BOMB'"),
        ({"factuality": "maybe"}, "unknown factuality 'maybe'"),
        ({"since": "last week"}, "since: 'last week' is not a date"),
        ({"until": "2025-13"}, "until: '2025-13' is not a date"),
        ({"limit": -1}, "must not be negative"),
    ],
)
def test_events_bad_filters_raise_store_error(store, kwargs, message):
    with pytest.raises(StoreError, match=message):
        store.events(**kwargs)


@pytest.mark.parametrize(
    "hostile",
    [
        "x' OR '1'='1",
        "USA'); DROP TABLE events; --",
        "%",
        'AZE" OR 1=1 --',
        "*",
    ],
)
def test_events_injection_looking_input_is_only_data(store, hostile):
    assert store.events(actor=hostile) == []
    assert store.events(doc_id=hostile) == []
    with pytest.raises(StoreError, match="unknown event type"):
        store.events(type=hostile)
    with pytest.raises(StoreError, match="unknown factuality"):
        store.events(factuality=hostile)
    with pytest.raises(StoreError, match="is not a date"):
        store.events(since=hostile)
    assert store.resolve_actor(hostile) is None
    assert store.counts()["events"] == 5


def test_events_empty_store_returns_nothing():
    with Store(":memory:") as s:
        assert s.events() == [] and s.events(actor="USA", since="2025") == []


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2026-01-15", "2026-01-15", "2026-01-15"),
        ("2026-01-15T10:30", "2026-01-15", "2026-01-15"),
        ("2025-10", "2025-10-01", "2025-10-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025", "2025-01-01", "2025-12-31"),
        ("2026-W03", "2026-01-12", "2026-01-18"),
        ("2026-W03-WE", "2026-01-17", "2026-01-18"),
        ("2026-W03-2", "2026-01-13", "2026-01-13"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2025-Q4", "2025-10-01", "2025-12-31"),
        ("2025-H1", "2025-01-01", "2025-06-30"),
        ("2025-SU", "2025-06-01", "2025-08-31"),
        ("2025-WI", "2024-12-01", "2025-02-28"),
        ("199", "1990-01-01", "1999-12-31"),
        ("199X", "1990-01-01", "1999-12-31"),
        ("19XX", "1900-01-01", "1999-12-31"),
    ],
)
def test_timex_days_of_date_values(value, first, last):
    assert timex_days(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize(
    "value",
    [None, "", "XXXX-10", "XXXX-WXX", "PRESENT_REF", "P3Y", "2025-13", "2025-02-30", "2021-W53", "0000"],
)
def test_timex_days_of_values_naming_no_days(value):
    assert timex_days(value) is None


def test_event_period_takes_dates_and_values():
    day = dt.date(2026, 1, 2)
    assert event_period(day) == (day, day)
    assert event_period(" 2026 ") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert event_period("yesterday") is None
