"""One actor across documents: local actors merged by name, kind and country; splits undo merges."""

from __future__ import annotations

import pytest

from dragoman.corpus.actors import plan_merges, remap_actors
from dragoman.errors import StoreError
from dragoman.record import Entity, Mention
from dragoman.store import Store
from tests.corpus.records import ACTORS, event, record


def _smith(doc_id: str, country: str | None):
    actors = dict(ACTORS)
    actors["person:jane-smith"] = {"name": "Jane Smith", "kind": "person", "country": country, "kb_id": None}
    r = record(
        doc_id, "2025-10-05", [event("CONSULT", ("person:jane-smith",), ("AZE",), "2025-10-05")], actors
    )
    r.entities = [Entity(0, 9, "Officials", "PERSON", "person:jane-smith")]
    r.mentions = [Mention(0, 9, "Officials", "person:jane-smith", "local", 0.5, ("person:jane-smith",))]
    return r


def _actor_of(store: Store, doc_id: str) -> str:
    (e,) = store.record(doc_id).events
    return e.source[0]


def test_same_name_kind_and_country_merge_other_countries_stay_apart():
    with Store(":memory:") as s:
        s.save(_smith("d1", "USA"))
        s.save(_smith("d2", "USA"))
        s.save(_smith("d3", "GBR"))
        s.save(_smith("d4", None))  # unknown country, two candidates: the first, and said so
        assert [_actor_of(s, d) for d in ("d1", "d2", "d3")] == [
            "person:jane-smith",
            "person:jane-smith",
            "person:jane-smith~gbr",
        ]
        rules = {m.doc_id: m.rule for m in s.merges()}
        assert rules["d1"] == "new" and rules["d2"] == "name+kind+country"
        assert rules["d3"].startswith("new: same name and kind, another country")
        assert "several candidates" in rules["d4"]
        # every reference in the record moved with the actor
        r3 = s.record("d3")
        assert r3.entities[0].actor == r3.mentions[0].actor == "person:jane-smith~gbr"
        assert r3.mentions[0].alternatives == ("person:jane-smith~gbr",)
        assert s.actor("person:jane-smith~gbr").country == "GBR"
        assert s.actor("person:jane-smith").country == "USA"  # d4 did not erase it


def test_a_split_is_recorded_kept_on_reingest_and_undone():
    with Store(":memory:") as s:
        s.save(_smith("d1", "USA"))
        s.save(_smith("d2", "USA"))
        new_id = s.split_actor("d2", "person:jane-smith")
        assert new_id == "person:jane-smith~d2"
        assert _actor_of(s, "d2") == new_id and _actor_of(s, "d1") == "person:jane-smith"
        assert s.record("d2").mentions[0].actor == new_id
        # ingesting d2 again (new text) keeps the user's decision
        again = _smith("d2", "USA")
        again.text += " More."
        again.content_hash = "e" * 64
        assert s.save(again) == "updated"
        assert _actor_of(s, "d2") == new_id
        assert s.unsplit_actor("d2", new_id) == "person:jane-smith"
        assert _actor_of(s, "d2") == "person:jane-smith"
        assert {m.rule for m in s.merges("person:jane-smith")} == {"new", "name+kind+country"}
        with pytest.raises(StoreError, match="not split off"):
            s.unsplit_actor("d2", "person:jane-smith")
        with pytest.raises(StoreError, match="knowledge-base actors"):
            s.split_actor("d1", "AZE")


def test_plan_and_remap_are_pure():
    r = _smith("d9", "USA")
    plan = plan_merges(r, lambda _: {"person:jane-smith": "GBR"}, set())
    assert [(m.actor_id, m.merged) for m in plan] == [("person:jane-smith~usa", False)]
    moved = remap_actors(r, {m.local_id: m.actor_id for m in plan})
    assert "person:jane-smith~usa" in moved.actors and "person:jane-smith" in r.actors
    assert moved.events[0].source == ("person:jane-smith~usa",)
    assert remap_actors(r, {}) is r
