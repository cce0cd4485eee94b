"""The record contract: shape, JSON Schema, round trip."""

import jsonschema
import pytest

from dragoman.record import Entity, Record, Timex, is_coded, parse_date
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
