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


def test_bare_half_of_a_game_is_not_a_timex() -> None:
    dct = dt.date(2026, 1, 20)
    assert tag_timexes("Neither side scored in the first half.", dct) == []
    assert [t.value for t in tag_timexes("Profit rose in the first half of 2025.", dct)] == ["2025-H1"]


def test_capitalised_month_after_in_is_a_date_even_before_an_article() -> None:
    found = tag_timexes("The suit failed, but in March a judge ruled for them.", dt.date(2026, 6, 1))
    assert [(t.text, t.value) for t in found] == [("March", "2026-03")]


def test_now_that_is_present_ref() -> None:
    found = tag_timexes("Talks resume now that the truce holds.", dt.date(2026, 1, 20))
    assert [(t.text, t.value) for t in found] == [("now", "PRESENT_REF")]


def test_soon_is_not_a_timex() -> None:
    assert tag_timexes("The ship soon sank.", dt.date(2026, 1, 20)) == []
