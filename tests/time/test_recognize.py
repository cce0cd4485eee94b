"""Spans the recogniser must find, and the look-alikes it must leave alone."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from dragoman.time import tag_timexes

DCT = dt.date(2026, 1, 20)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister may visit the region.",
        "Thousands march on the capital.",
        "Veterans joined the March for Peace.",
        "The Sun reported the story first.",
        "About 1,000 troops crossed the border.",
        "He spoke at the 80th UN General Assembly.",
        "Leaders met at the Davos Forum.",
        "The long-standing dispute remains.",
        "The bill cost $2000 to print.",
        "Turnout was 2010 voters in the district.",
        "He called it a second chance.",
        "Soon after, reports emerged of a deal.",
        "The current account deficit widened.",
    ],
)
def test_tag_timexes_ignores_lookalikes(sentence: str) -> None:
    assert tag_timexes(sentence, DCT) == []


def test_tag_timexes_offsets_index_the_text_exactly() -> None:
    text = "On January 15 the envoys met.\nIn October 2025 they had disagreed; three years ago too."
    for t in tag_timexes(text, DCT):
        assert text[t.start : t.end] == t.text


def test_tag_timexes_spans_are_sorted_and_disjoint() -> None:
    text = "Friday, July 21, 2017 — the team arrived last week, two days after the visa was denied."
    found = tag_timexes(text, dt.date(2017, 7, 21))
    assert [t.text for t in found] == ["Friday, July 21, 2017", "last week", "two days"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_modifier_stays_inside_the_span_and_sets_mod() -> None:
    (t,) = tag_timexes("The siege lasted nearly two years.", DCT)
    assert (t.text, t.value, t.mod) == ("nearly two years", "P2Y", "APPROX")


def test_month_name_after_temporal_preposition_is_a_date() -> None:
    (t,) = tag_timexes("Elections are due in May.", DCT)
    assert (t.text, t.value) == ("May", "2026-05")


def test_seed_article_timexes(seed_text: str) -> None:
    found = {(t.text, t.type, t.value) for t in tag_timexes(seed_text, DCT)}
    assert ("January 15", "DATE", "2026-01-15") in found
    assert ("October 2025", "DATE", "2025-10") in found
    texts = {text for text, _, _ in found}
    assert not texts & {"80th", "Davos", "long-standing", "Soon"}


@pytest.fixture
def seed_text() -> str:
    from tests.conftest import SEED

    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")
