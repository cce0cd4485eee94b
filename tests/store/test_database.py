"""The DuckDB store: migrations, idempotent saves, atomic documents, reads."""

from __future__ import annotations

import duckdb
import pytest

from dragoman.errors import StoreError
from dragoman.record import Entity, Event, FramingSpan, Mention, Record, Timex
from dragoman.store import Store


def _record(
    doc_id: str = "d1", text: str = "Baku welcomed the decision on Monday.", digest: str = "a" * 64
) -> Record:
    return Record(
        id=doc_id,
        text=text,
        date="2026-01-20",
        language="en",
        content_hash=digest,
        entities=[Entity(0, 4, "Baku", "GPE")],
        timexes=[Timex(30, 36, "Monday", "DATE", "2026-01-19")],
    )


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def test_store_migrations_recorded_once(tmp_path):
    path = tmp_path / "x.duckdb"
    names = ["0001_foundation", "0002_actor_mentions", "0003_events", "0004_corpus", "0005_framing_sentence"]
    with Store(path) as s:
        assert s.migrations() == names
    with Store(path) as s:
        assert s.migrate() == []
        assert s.migrations() == names


def test_store_save_is_idempotent_by_content_hash(store):
    assert store.save(_record()) == "ingested"
    assert store.save(_record()) == "unchanged"
    assert store.counts()["documents"] == 1
    assert store.counts()["entities"] == 1


def test_store_save_replaces_changed_document(store):
    store.save(_record())
    changed = _record(text="Baku welcomed it.", digest="b" * 64)
    changed.timexes = []
    assert store.save(changed) == "updated"
    counts = store.counts()
    assert (counts["documents"], counts["entities"], counts["timexes"]) == (1, 1, 0)
    assert store.record("d1").text == "Baku welcomed it."


def test_store_record_round_trips(store):
    record = _record()
    record.actors = {
        "AZE": {
            "name": "Azerbaijan",
            "kind": "country",
            "country": "AZE",
            "sector": "GOV",
            "kb_id": "AZE",
            "office": None,
        },
        "ilham-aliyev": {
            "name": "Ilham Aliyev",
            "kind": "person",
            "country": "AZE",
            "sector": "GOV",
            "kb_id": "ilham-aliyev",
            "office": {"role": "president", "of": "AZE", "start": "2003-10-31", "end": None},
        },
    }
    record.mentions = [
        Mention(0, 4, "Baku", "AZE", "capital", 0.85, (), sector="GOV"),
        Mention(5, 13, "welcomed", None, "surname", 0.3, ("a", "b"), role="president"),
    ]
    record.events = [
        Event(
            type="SUPPORT",
            source=("AZE",),
            target=(),
            sentence=(0, 37),
            trigger=(5, 13),
            trigger_text="welcomed",
            factuality="attributed",
            confidence=0.8,
            mode="policy",
            context=("diplomatic", "economic"),
            cameo="051",
            intensity=3.0,
            date="2026-01-19",
            date_precision="day",
            date_span=(30, 36),
            location="baku",
            attributed_to="Aliyev",
            attributed_actor="ilham-aliyev",
            quote=(5, 21),
        ),
        Event("REJECT", ("ilham-aliyev",), ("AZE", "ARM"), (0, 37), (0, 4), "Baku"),  # defaults only
    ]
    record.framing = [
        FramingSpan(5, 13, "welcomed", "Loaded_Language", 0.6, target="AZE", polarity="positive"),
        FramingSpan(18, 26, "decision", "Doubt", 0.4),
    ]
    store.save(record)
    stored = store.record("d1")
    assert stored == record
    assert stored.to_dict() == record.to_dict()
    assert store.counts()["events"] == 2 and store.counts()["framing"] == 2


def test_store_failed_write_leaves_nothing_half_written(store, monkeypatch):
    store.save(_record("keep", digest="c" * 64))
    original = store._insert_rows

    def fail_on_timexes(table, rows, **kwargs):
        if table == "timexes":
            raise duckdb.IOException("disk full (simulated)")
        original(table, rows, **kwargs)

    monkeypatch.setattr(store, "_insert_rows", fail_on_timexes)
    with pytest.raises(StoreError, match="disk full"):
        store.save(_record("lost"))
    monkeypatch.undo()
    assert list(store.iter_ids()) == ["keep"]
    assert store.counts()["entities"] == 1  # only the kept document's entity
    assert store.save(_record("lost")) == "ingested"  # and the store is still writable


def test_store_interrupt_rolls_back_the_document(store, monkeypatch):
    def interrupted(table, rows, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_insert_rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save(_record())
    monkeypatch.undo()
    assert store.counts()["documents"] == 0


def test_store_documents_lists_counts(store):
    store.save(_record())
    (row,) = store.documents()
    assert (row.id, row.date, row.entities, row.timexes, row.coded) == ("d1", "2026-01-20", 1, 1, True)


def test_store_resolve_id_by_unique_prefix(store):
    store.save(_record("abc123"))
    store.save(_record("abd456", digest="d" * 64))
    assert store.resolve_id("abc") == "abc123"
    assert store.resolve_id("ab") is None
    assert store.resolve_id("zzz") is None


def test_store_second_writer_gets_a_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="cannot open the store"):
            Store(path)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_store_upgrades_a_foundation_database(tmp_path):
    """A file made by the first schema gains the mentions table when opened again."""
    import duckdb

    from dragoman.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO _migrations VALUES (?, now())", [MIGRATIONS[0][0]])
    con.close()
    with Store(path) as s:
        assert "0002_actor_mentions" in s.migrations()
        assert s.save(_record()) == "ingested"


def _store_of_the_0002_era(path) -> None:
    """A file as Dragoman left it before typed events: migrations 0001 and 0002, one old event row."""
    from dragoman.store.schema import MIGRATIONS

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    for name, sql in MIGRATIONS[:2]:
        con.execute(sql)
        con.execute("INSERT INTO _migrations VALUES (?, now())", [name])
    con.execute(
        "INSERT INTO documents VALUES ('old', ?, NULL, DATE '2025-10-02', NULL, NULL, 'en', true, "
        "'Baku welcomed the decision on Monday.', NULL, NULL, 1, now())",
        ["e" * 64],
    )
    con.execute(
        "INSERT INTO events VALUES ('old', 0, 'SUPPORT', NULL, '051', 3.0, ['AZE'], [], 0, 37, 5, 13, "
        "'2025-10', '\"baku\"', 'asserted', NULL, 0.8)"
    )
    con.execute("INSERT INTO framing VALUES ('old', 0, 5, 13, 'Loaded_Language', 'AZE', 0.6)")
    con.close()


def test_store_upgrades_a_0002_era_database_to_typed_events(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_of_the_0002_era(path)
    with Store(path) as s:
        assert s.migrations()[-1] == "0005_framing_sentence"
        (event,) = s.record("old").events
        assert (event.type, event.source, event.target, event.trigger_text) == (
            "SUPPORT",
            ("AZE",),
            (),
            "welcomed",
        )
        assert (event.location, event.context, event.quote) == ("baku", (), None)
        (span,) = s.record("old").framing
        assert (span.text, span.polarity, span.sentence) == ("welcomed", None, None)
        # the carried-over date covers October 2025, so date filters see it
        assert [r.doc_id for r in s.events(since="2025-10-31")] == ["old"]
        assert s.events(until="2025-09-30") == []
        # and new typed events are written beside the old
        record = _record()
        record.events = [Event("AGREE", ("AZE",), ("ARM",), (0, 37), (5, 13), "welcomed")]
        assert s.save(record) == "ingested"
        assert s.record("d1").events == record.events


def test_store_read_only_open_upgrades_an_old_database(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_of_the_0002_era(path)
    with Store(path, read_only=True) as s:
        assert s.migrations()[-1] == "0005_framing_sentence"
        assert s.record("old").events[0].trigger_text == "welcomed"
