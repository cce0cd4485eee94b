"""The record contract: shape, JSON Schema, round trip."""

import jsonschema
import pytest

from dragoman.record import (
    EVENT_TYPES,
    FACTUALITIES,
    FRAMING_TECHNIQUES,
    Entity,
    Event,
    FramingSpan,
    Record,
    Timex,
    is_coded,
    parse_date,
)
from dragoman.schema import record_schema


def _record() -> Record:
    return Record(
        id="doc-1",
        text="Trump spoke on January 15.",
        date="2026-01-20",
        content_hash="0" * 64,
        language="en",
        entities=[Entity(0, 5, "Trump", "PERSON")],
        timexes=[Timex(15, 25, "January 15", "DATE", "2026-01-15")],
    )


def test_record_to_dict_validates_against_schema():
    jsonschema.validate(_record().to_dict(), record_schema())


def test_record_to_dict_has_version_first_and_empty_later_stages():
    data = _record().to_dict()
    assert next(iter(data)) == "version" and data["version"] == 1
    assert data["actors"] == {} and data["events"] == [] and data["framing"] == []
    assert data["entities"][0]["actor"] is None


def test_record_round_trips_through_dict():
    record = _record()
    assert Record.from_dict(record.to_dict()) == record


def _record_with_events() -> Record:
    record = _record()
    record.actors = {
        "donald-trump": {"name": "Donald Trump", "kind": "person", "country": "USA", "sector": "GOV"},
        "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None},
    }
    record.events = [
        Event(
            type="CONSULT",
            source=("donald-trump",),
            target=("AZE",),
            sentence=(0, 26),
            trigger=(6, 11),
            trigger_text="spoke",
            factuality="attributed",
            confidence=0.8,
            mode="visit",
            context=("diplomatic",),
            cameo="040",
            intensity=1.0,
            date="2026-01-15",
            date_precision="day",
            date_span=(15, 25),
            location="AZE",
            attributed_to="analysts",
            attributed_actor=None,
            quote=(0, 11),
        ),
        Event("ACCUSE", ("AZE",), (), (0, 26), (6, 11), "spoke"),  # every optional field at its default
    ]
    record.framing = [
        FramingSpan(
            0,
            5,
            "Trump",
            "Name_Calling,Labeling",
            0.6,
            target="donald-trump",
            polarity="negative",
            sentence=(0, 26),
        ),
        FramingSpan(6, 11, "spoke", "Loaded_Language", 0.3),  # a record written before sentences were kept
    ]
    return record


def test_record_with_events_and_framing_validates_against_schema():
    import json

    # the schema describes the JSON form, where offset pairs are arrays (to_dict keeps tuples)
    data = json.loads(json.dumps(_record_with_events().to_dict()))
    jsonschema.validate(data, record_schema())
    assert data["events"][0]["date_span"] == [15, 25] and data["events"][1]["quote"] is None


def test_record_with_events_round_trips_through_dict_and_json():
    import json

    record = _record_with_events()
    assert Record.from_dict(record.to_dict()) == record
    # through JSON offsets become lists; from_dict turns them back into tuples
    again = Record.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record and again.events[0].sentence == (0, 26) == again.framing[0].sentence
    assert again.to_dict() == record.to_dict()


def test_schema_enums_are_the_record_constants():
    props = record_schema()["properties"]
    assert props["events"]["items"]["properties"]["type"]["enum"] == list(EVENT_TYPES)
    assert props["events"]["items"]["properties"]["factuality"]["enum"] == list(FACTUALITIES)
    assert props["framing"]["items"]["properties"]["technique"]["enum"] == list(FRAMING_TECHNIQUES)


def test_schema_describes_every_event_and_framing_field():
    props = record_schema()["properties"]
    assert set(props["events"]["items"]["properties"]) == set(Event.__dataclass_fields__)
    assert set(props["framing"]["items"]["properties"]) == set(FramingSpan.__dataclass_fields__)


@pytest.mark.parametrize(
    ("where", "key", "value"),
    [
        ("events", "type", "CONSULTATION"),
        ("events", "factuality", "likely"),
        ("events", "sentence", [0]),
        ("events", "trigger", [0, "11"]),
        ("events", "date_span", [1, 2, 3]),
        ("events", "confidence", 1.5),
        ("framing", "technique", "Loaded Language"),
        ("framing", "polarity", "neutral"),
        ("framing", "sentence", [3]),
    ],
)
def test_schema_rejects_bad_event_and_framing_values(where, key, value):
    import json

    data = json.loads(json.dumps(_record_with_events().to_dict()))
    data[where][0][key] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, record_schema())


def test_schema_rejects_a_bad_timex_type():
    data = _record().to_dict()
    data["timexes"][0]["type"] = "WEEKDAY"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, record_schema())


def test_is_coded_english_or_unknown_only():
    assert is_coded("en") and is_coded(None)
    assert not is_coded("fr")


def test_parse_date_accepts_iso_and_rejects_garbage():
    assert parse_date("2026-01-20").isoformat() == "2026-01-20"
    assert parse_date("2026-01-20T10:00:00Z").isoformat() == "2026-01-20"
    assert parse_date("20/01/2026") is None
    assert parse_date(None) is None
