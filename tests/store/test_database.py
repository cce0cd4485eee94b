"""The DuckDB store: migrations, idempotent saves, atomic documents, reads."""

from __future__ import annotations

import duckdb
import pytest

from dragoman.errors import StoreError
from dragoman.record import Entity, Mention, Record, Timex
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
    with Store(path) as s:
        assert s.migrations() == ["0001_foundation", "0002_actor_mentions"]
    with Store(path) as s:
        assert s.migrate() == []
        assert s.migrations() == ["0001_foundation", "0002_actor_mentions"]


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
        {
            "type": "SUPPORT",
            "mode": None,
            "cameo": "051",
            "intensity": 3.0,
            "source": ["AZE"],
            "target": [],
            "sentence": [0, 37],
            "trigger": [5, 13],
            "date": "2026-01-19",
            "location": None,
            "factuality": "asserted",
            "attributed_to": None,
            "confidence": 0.8,
        }
    ]
    record.framing = [
        {"start": 5, "end": 13, "technique": "Loaded_Language", "target": "AZE", "confidence": 0.6}
    ]
    store.save(record)
    assert store.record("d1") == record


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
        assert s.migrations()[-1] == "0002_actor_mentions"
        assert s.save(_record()) == "ingested"
