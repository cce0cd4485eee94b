"""Property tests for the record's invariants over random and mutated texts.

Whatever the text: every offset lies inside it and slices out the span's own text, every actor an event,
a mention or a framing span names is a key of ``actors``, and every time value is a TIMEX3 value. The
time tagger runs alone on many examples; the whole pipeline (spaCy) on a few, marked slow.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.ingest import InputDocument
from dragoman.record import EVENT_TYPES, FACTUALITIES, FRAMING_TECHNIQUES, TIMEX_TYPES, Record
from dragoman.schema import record_schema
from dragoman.time import tag_timexes

# fmt: off
_YEAR = r"(?:\d{4}|XXXX|\d{3}X?|\d{2}(?:XX)?|XXX|XX)"
_PART = (
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE|X))?"
    r"|-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
)
_CLOCK = r"(?:T(?:(?:\d{2}|XX)(?::(?:\d{2}|XX)){0,2}|MO|AF|EV|NI|DT|MI))?"
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:{_AMOUNT}(?:Y|M|W|D|DE|CE|ML|Q|H))*(?:T(?:{_AMOUNT}(?:H|M|S))+)?"
# fmt: on
#: The TIMEX3 value grammar: dates down to weeks, quarters, halves, seasons, decades and centuries,
#: optionally underspecified with X, with a time of day; durations; the three reference values.
TIMEX3_VALUE = re.compile(
    rf"{_YEAR}{_PART}{_CLOCK}|T\d{{2}}(?::\d{{2}}){{0,2}}|{_DURATION}|(?:PRESENT|PAST|FUTURE)_REF"
)
TIMEX3_MODS = {None, "APPROX", "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
               "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "EARLY", "LATE"}  # fmt: skip

NEWS = (
    "Ilham Aliyev met Donald Trump at the White House on Tuesday, three weeks after the talks in Baku.",
    "Azerbaijan accused Armenia of shelling its border villages last night, officials said on 2 March 2024.",
    "The United States imposed new sanctions on Iran in the first quarter of 2025; Tehran rejected them.",
    "NATO ministers will meet in Brussels next month. Every Monday since 1999 the council has met at 10:00.",
    "Russian troops withdrew from Kherson in November 2022, the Ukrainian president said in a speech.",
    "The EU promised €50 billion in aid to Ukraine over four years, Ursula von der Leyen announced today.",
)

#: Pieces a mutation may insert: dates, numbers, names, punctuation and odd characters.
PIECES = (
    "on Monday", "last week", "in 2019", "the 1990s", "12/31", "3 p.m.", "yesterday", "every year", "Q3",
    "the White House", "Kremlin", "Erdoğan", "U.S.", "Mr.", "(", ")", "\"", "'", "\n\n", "\r\n", "\t", "—",
    "\u200b", "\u00a0", "1,000", "-", "...", "!!", "Baku", "Yerevan", "President", "said", "not",
)  # fmt: skip


@st.composite
def mutated_news(draw: st.DrawFn) -> str:
    """A news sentence or two with words dropped, doubled, swapped, cased or interleaved with pieces."""
    words = " ".join(draw(st.lists(st.sampled_from(NEWS), min_size=1, max_size=2))).split(" ")
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, max(0, len(words) - 1)))
        edit = draw(st.sampled_from(("drop", "double", "swap", "upper", "lower", "piece", "noise")))
        if not words:
            words = ["x"]
        if edit == "drop" and len(words) > 1:
            del words[at]
        elif edit == "double":
            words.insert(at, words[at])
        elif edit == "swap" and at + 1 < len(words):
            words[at], words[at + 1] = words[at + 1], words[at]
        elif edit == "upper":
            words[at] = words[at].upper()
        elif edit == "lower":
            words[at] = words[at].lower()
        elif edit == "piece":
            words.insert(at, draw(st.sampled_from(PIECES)))
        else:
            words.insert(at, draw(st.text(min_size=1, max_size=6)))
    return " ".join(words)


TEXTS = st.one_of(
    mutated_news(),
    st.text(max_size=200),
    st.text(alphabet="0123456789 /-.:,adehiklmnoprstuwyADFJMNOS", max_size=80),
)
DCT = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


def _inside(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


def _check_timex_value(value: str) -> None:
    assert TIMEX3_VALUE.fullmatch(value), f"not a TIMEX3 value: {value!r}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, dct=DCT)
def test_timexes_lie_inside_the_text_with_valid_values(text, dct):
    timexes = tag_timexes(text, dct)
    previous_end = 0
    for timex in timexes:
        assert _inside(text, timex.start, timex.end) and timex.start < timex.end
        assert text[timex.start : timex.end] == timex.text
        assert timex.start >= previous_end, "overlapping or unsorted timexes"
        previous_end = timex.end
        assert timex.type in TIMEX_TYPES
        _check_timex_value(timex.value)
        assert timex.mod in TIMEX3_MODS, timex.mod


def check_record(record: Record) -> None:
    """Every invariant of a record, with a message naming the one broken."""
    text = record.text
    jsonschema.validate(json.loads(json.dumps(record.to_dict())), record_schema())  # as printed
    for span in (*record.entities, *record.mentions, *record.timexes, *record.framing):
        assert _inside(text, span.start, span.end), span
        assert text[span.start : span.end] == span.text, span
    for mention in record.mentions:
        assert mention.actor is None or mention.actor in record.actors, mention
        assert set(mention.alternatives) <= set(record.actors), mention
    for entity in record.entities:
        assert entity.actor is None or entity.actor in record.actors, entity
    for timex in record.timexes:
        _check_timex_value(timex.value)
    for event in record.events:
        assert event.type in EVENT_TYPES and event.factuality in FACTUALITIES, event
        assert set(event.source) | set(event.target) <= set(record.actors), event
        for actor in (event.location, event.attributed_actor):
            assert actor is None or actor in record.actors, event
        assert _inside(text, *event.sentence) and _inside(text, *event.trigger), event
        assert event.sentence[0] <= event.trigger[0] <= event.trigger[1] <= event.sentence[1], event
        assert text[event.trigger[0] : event.trigger[1]] == event.trigger_text, event
        for span in (event.date_span, event.quote):
            assert span is None or _inside(text, *span), event
        if event.date is not None:
            _check_timex_value(event.date)
    for framing in record.framing:
        assert framing.technique in FRAMING_TECHNIQUES, framing
        assert framing.target is None or framing.target in record.actors, framing


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_news(), date=st.sampled_from([None, "2026-01-20", "1999-12-31"]))
def test_record_invariants_hold_on_mutated_news(extractor, text, date):
    if not text.strip():
        return
    record = extractor.extract_one(InputDocument.from_text(text, date=date, language=None))
    assert record.text == text
    check_record(record)


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=300).filter(str.strip))
def test_record_invariants_hold_on_random_text(extractor, text):
    record = extractor.extract_one(InputDocument.from_text(text, language=None))
    assert record.text == text
    check_record(record)
