"""The event coder on small hand-written sentences, one rule each, and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.ingest import InputDocument
from dragoman.record import EVENT_TYPES, FACTUALITIES, Event, Record

pytestmark = pytest.mark.slow

DATE = "2026-01-20"
SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "000_dc98c8008addb32a.txt"


def _record(extractor, text: str, date: str = DATE) -> Record:
    return extractor.extract_one(InputDocument.from_text(text, date=date))


def _event(record: Record, trigger: str) -> Event:
    found = [e for e in record.events if e.trigger_text == trigger]
    assert found, f"no event on {trigger!r}: {[(e.trigger_text, e.type) for e in record.events]}"
    return found[0]


def _countries(record: Record, ids: tuple[str, ...]) -> set[str]:
    return {record.actors[i]["country"] for i in ids if record.actors[i].get("country")}


def test_events_subject_verb_object_coded_with_plover_type_and_score(extractor) -> None:
    record = _record(extractor, "Russia attacked Ukraine on Monday.")
    event = _event(record, "attacked")
    assert (event.type, event.cameo) == ("ASSAULT", "190")
    assert event.source == ("RUS",) and event.target == ("UKR",)
    assert event.intensity is not None and event.intensity < 0
    assert record.text[slice(*event.trigger)] == "attacked"
    assert event.type in EVENT_TYPES and event.factuality in FACTUALITIES


def test_events_passive_agent_is_source(extractor) -> None:
    record = _record(extractor, "Azerbaijan was invited by the United States to the talks.")
    event = _event(record, "invited")
    assert _countries(record, event.source) == {"USA"}
    assert _countries(record, event.target) == {"AZE"}


def test_events_compound_subject_gives_both_actors(extractor) -> None:
    record = _record(extractor, "Armenia and Azerbaijan signed a peace agreement in Washington.")
    event = _event(record, "signed")
    assert _countries(record, event.source) == {"ARM", "AZE"}


def test_events_meeting_parties_are_all_the_actor(extractor) -> None:
    record = _record(extractor, "The French president met the Chinese president in Beijing.")
    event = _event(record, "met")
    assert event.type == "CONSULT"
    assert _countries(record, event.source) == {"FRA", "CHN"} and event.target == ()


def test_events_negation_marks_negated(extractor) -> None:
    record = _record(extractor, "Turkey did not attack Syria.")
    assert _event(record, "attack").factuality == "negated"


def test_events_modal_marks_hypothetical(extractor) -> None:
    record = _record(extractor, "Iran may attack Israel.")
    assert _event(record, "attack").factuality == "hypothetical"


def test_events_future_cooperation_is_agree(extractor) -> None:
    record = _record(extractor, "Portugal will support Turkey.")
    event = _event(record, "support")
    assert (event.type, event.factuality) == ("AGREE", "future")


def test_events_plans_to_is_future_of_the_planned_event(extractor) -> None:
    record = _record(extractor, "Mexico plans to withdraw its ambassador from Ecuador.")
    event = _event(record, "withdraw")
    assert event.factuality == "future" and _countries(record, event.source) == {"MEX"}
    assert not [e for e in record.events if e.trigger_text == "plans"]


def test_events_reported_clause_is_attributed_to_the_speaker(extractor) -> None:
    record = _record(extractor, "Officials in Kyiv said Russian forces attacked Kharkiv.")
    event = _event(record, "attacked")
    assert event.factuality == "attributed"
    assert event.attributed_to is not None and "Officials" in event.attributed_to


def test_events_accused_of_keeps_both_events_and_the_accused_acts(extractor) -> None:
    record = _record(extractor, "Washington accused Pyongyang of supplying weapons to Russia.")
    assert _event(record, "accused").type == "ACCUSE"
    supplying = _event(record, "supplying")
    assert _countries(record, supplying.source) == {"PRK"}


def test_events_date_from_the_clause_timex_with_precision(extractor) -> None:
    record = _record(extractor, "In October 2025, Egypt hosted the Azerbaijani president.")
    event = _event(record, "hosted")
    assert (event.date, event.date_precision) == ("2025-10", "month")
    assert event.date_span is not None and record.text[slice(*event.date_span)] == "October 2025"


def test_events_without_timex_take_the_publication_date(extractor) -> None:
    record = _record(extractor, "Russia attacked Ukraine.")
    event = _event(record, "attacked")
    assert (event.date, event.date_precision, event.date_span) == (DATE, "day", None)


def test_events_place_is_geocoded_and_stands_in_for_a_missing_recipient(extractor) -> None:
    record = _record(extractor, "The Iraqi president arrived in Amman on Wednesday.")
    event = _event(record, "arrived")
    assert event.location is not None
    assert record.actors[event.location]["country"] == "JOR"
    assert record.actors[event.location].get("lat") is not None
    assert _countries(record, event.target) == {"JOR"}


def test_events_event_noun_with_possessive_source(extractor) -> None:
    record = _record(extractor, "Trump's invitation to Azerbaijan surprised observers.")
    event = _event(record, "invitation")
    assert _countries(record, event.source) == {"USA"} and _countries(record, event.target) == {"AZE"}


def test_events_sentence_without_actors_has_no_event(extractor) -> None:
    record = _record(extractor, "The weather attacked our plans for the weekend.")
    assert record.events == []


def test_events_offsets_survive_chunking(extractor, monkeypatch) -> None:
    import dragoman.extract as extract_module

    text = "Russia attacked Ukraine.\n\n" + "Filler sentence here. " * 20 + "\n\nIran threatened Israel."
    monkeypatch.setattr(extract_module, "MAX_CHUNK_CHARS", 200)
    record = _record(extractor, text)
    for event in record.events:
        assert record.text[slice(*event.trigger)] == event.trigger_text
        assert event.sentence[0] <= event.trigger[0] < event.trigger[1] <= event.sentence[1]


@pytest.mark.skipif(not SEED.exists(), reason="the seed article (../shared/corpus) is absent")
def test_events_seed_article_expected_events(extractor) -> None:
    record = _record(extractor, SEED.read_text(encoding="utf-8"))

    def find(trigger: str, types: set[str]) -> Event:
        found = [e for e in record.events if e.trigger_text == trigger and e.type in types]
        assert found, f"{trigger}: {[(e.trigger_text, e.type) for e in record.events]}"
        return found[0]

    invited = find("invited", {"CONSULT", "REQUEST"})
    assert _countries(record, invited.source) == {"USA"} and _countries(record, invited.target) == {"AZE"}
    gratitude = find("expressed", {"SUPPORT"})
    assert _countries(record, gratitude.source) == {"AZE"} and _countries(record, gratitude.target) == {"USA"}
    praise = find("described", {"SUPPORT"})
    assert _countries(record, praise.source) == {"USA"} and _countries(record, praise.target) == {"AZE"}
    suspend = find("suspend", {"CONCEDE", "RETREAT"})
    assert _countries(record, suspend.source) == {"USA"}
    summit = find("invitation", {"CONSULT", "REQUEST", "AGREE"})
    assert summit.date == "2025-10" and summit.location is not None
    assert record.actors[summit.location]["country"] == "EGY"
    framework = record.text.index("Trump may be aiming")
    sentence = [e for e in record.events if e.sentence[0] <= framework < e.sentence[1]]
    assert all(e.factuality in ("hypothetical", "attributed") for e in sentence)


def test_events_generic_agents_become_groups_of_the_place_country(extractor) -> None:
    record = _record(extractor, "Police arrested 12 protesters in Cairo on Monday.")
    event = _event(record, "arrested")
    assert event.type == "COERCE"
    (source,), (target,) = event.source, event.target
    assert record.actors[source]["kind"] == "group" and record.actors[source]["sector"] == "COP"
    assert record.actors[source]["country"] == "EGY" and record.actors[target]["country"] == "EGY"
    assert record.actors[target]["name"] == "protesters"
