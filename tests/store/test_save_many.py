"""Batched saves: several documents per transaction, with the result of saving them one by one."""

from __future__ import annotations

import pytest

from dragoman.batch import BatchWriter, Outcome
from dragoman.errors import StoreError
from dragoman.ingest import content_hash
from dragoman.record import Entity, Mention, Record


def _record(doc_id: str, text: str, sector: str | None = None, name: str = "Azerbaijan") -> Record:
    return Record(
        id=doc_id,
        text=text,
        date="2026-01-20",
        language="en",
        content_hash=content_hash(text),
        entities=[Entity(0, 4, text[:4], "GPE", "AZE")] * 40,
        mentions=[Mention(0, 4, text[:4], "AZE", "kb", 1.0)] * 40,  # enough rows for the Arrow path
        actors={"AZE": {"name": name, "kind": "country", "country": "AZE", "sector": sector}},
    )


def _dump(store) -> dict:
    tables = ("entities", "mentions", "actors", "document_actors", "timexes", "events", "framing")
    dump = {t: sorted(store._con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    dump["documents"] = store._con.execute(
        "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id"
    ).fetchall()
    return dump


def _entries(records):
    return [(r, "in.jsonl", "jsonl") for r in records]


def test_save_many_equals_saves_one_by_one():
    from dragoman.store import Store

    records = [
        _record("a", "Baku said so.", sector="GOV", name="Azerbaijan"),
        _record("b", "Baku said no.", sector="MIL", name="Azerbaijan Republic"),
        _record("a", "Baku said so."),  # same text again: unchanged
        _record(
            "b", "Baku said yes.", name="Republic of Azerbaijan"
        ),  # new text: replaces the earlier b in the same batch
    ]
    with Store(":memory:") as one, Store(":memory:") as many:
        statuses = [one.save(r, origin="in.jsonl", format="jsonl") for r in records]
        assert (
            many.save_many(_entries(records)) == statuses == ["ingested", "ingested", "unchanged", "updated"]
        )
        assert _dump(many) == _dump(one)
        # the actor's sector is the one it was first stored with; its name the latest
        assert many._con.execute("SELECT name, sector FROM actors").fetchall() == [
            ("Republic of Azerbaijan", "GOV")
        ]


def test_save_many_is_one_transaction():
    from dragoman.store import Store

    good = _record("good", "Baku said so.")
    bad = _record("bad", "Baku said no.")
    bad.entities = [Entity(0, 4, None, "GPE")]  # type: ignore[arg-type]  # NOT NULL column
    with Store(":memory:") as store:
        with pytest.raises(StoreError, match="could not store document good, bad"):
            store.save_many(_entries([good, bad]))
        assert store.counts()["documents"] == 0


def test_batch_writer_isolates_a_bad_record_and_keeps_order():
    from dragoman.store import Store

    bad = _record("bad", "Baku said no.")
    bad.entities = [Entity(0, 4, None, "GPE")]  # type: ignore[arg-type]
    skipped = Outcome("failed", "x.jsonl", 3, reason="not JSON")
    with Store(":memory:") as store:
        writer = BatchWriter(store, size=10, interval=3600)
        out = writer.save(_record("a", "Baku said so."), "in.jsonl", 1, "jsonl")
        out += writer.report(skipped)
        out += writer.save(bad, "in.jsonl", 2, "jsonl")
        out += writer.save(_record("c", "Baku said yes."), "in.jsonl", 4, "jsonl")
        assert out == []  # nothing is reported before it is written
        out = writer.flush()
        assert sorted(store.iter_ids()) == ["a", "c"]
    assert [(o.status, o.where) for o in out] == [
        ("ingested", "in.jsonl:1"),
        ("failed", "x.jsonl:3"),
        ("failed", "in.jsonl:2"),
        ("ingested", "in.jsonl:4"),
    ]
    assert "bad" in (out[2].reason or "")


def test_batch_writer_writes_when_the_batch_is_full():
    from dragoman.store import Store

    with Store(":memory:") as store:
        writer = BatchWriter(store, size=2, interval=3600)
        assert writer.save(_record("a", "Baku said so."), "f", None, "text") == []
        closed = writer.save(_record("b", "Baku said no."), "f", None, "text")
        assert [o.doc_id for o in closed] == ["a", "b"]
        assert store.counts()["documents"] == 2
        assert writer.report(Outcome("unchanged", "f", doc_id="a")) != []  # nothing queued: reported now
