"""Values of hand-written temporal expressions against a publication date of 2026-01-20 (a Tuesday)."""

from __future__ import annotations

import datetime as dt

import pytest

from dragoman.time import tag_timexes

DCT = dt.date(2026, 1, 20)


def _one(text: str, dct: dt.date | None = DCT) -> tuple[str, str, str, str | None]:
    found = tag_timexes(text, dct)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value, t.mod


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks began on January 15 in Geneva.", ("January 15", "DATE", "2026-01-15", None)),
        ("The summit was held in October 2025.", ("October 2025", "DATE", "2025-10", None)),
        ("The envoy arrived last week.", ("last week", "DATE", "2026-W03", None)),
        ("The dispute lasted three years.", ("three years", "DURATION", "P3Y", None)),
        ("The two sides are now talking.", ("now", "DATE", "PRESENT_REF", None)),
        ("Prices fell today.", ("today", "DATE", "2026-01-20", None)),
        ("The minister resigned yesterday.", ("yesterday", "DATE", "2026-01-19", None)),
        ("Voting ends tomorrow.", ("tomorrow", "DATE", "2026-01-21", None)),
        ("Exports rose last year.", ("last year", "DATE", "2025", None)),
        ("Imports will fall next year.", ("next year", "DATE", "2027", None)),
        ("Sales rose this month.", ("this month", "DATE", "2026-01", None)),
        ("The board meets next week.", ("next week", "DATE", "2026-W05", None)),
        ("The treaty was signed two years ago.", ("two years ago", "DATE", "2024", None)),
        ("Unrest spread in the 1990s.", ("the 1990s", "DATE", "199", None)),
        ("The plan dates from the mid-1990s.", ("the mid-1990s", "DATE", "199", "MID")),
        ("Profit rose in the third quarter of 2025.", ("the third quarter of 2025", "DATE", "2025-Q3", None)),
        ("The ceasefire held for two weeks.", ("two weeks", "DURATION", "P2W", None)),
        ("Nobody slept for 24 hours.", ("24 hours", "DURATION", "PT24H", None)),
        ("The siege went on for several months.", ("several months", "DURATION", "PXM", None)),
        ("The reform took a decade.", ("a decade", "DURATION", "P10Y", None)),
        ("The war lasted a year and a half.", ("a year and a half", "DURATION", "P1Y6M", None)),
        ("The talks resumed at 10 a.m.", ("10 a.m.", "TIME", "2026-01-20T10:00", None)),
        ("The vote is tonight.", ("tonight", "TIME", "2026-01-20TNI", None)),
        ("Shelling resumed this morning.", ("this morning", "TIME", "2026-01-20TMO", None)),
        ("Inspectors visit every week.", ("every week", "SET", "P1W", None)),
        ("The council meets every Monday.", ("every Monday", "SET", "XXXX-WXX-1", None)),
        ("The report is published annually.", ("annually", "SET", "P1Y", None)),
        ("Fighting flared again last summer.", ("last summer", "DATE", "2025-SU", None)),
        ("The war ended in 1995.", ("1995", "DATE", "1995", None)),
        ("The quarrel began in the 20th century.", ("the 20th century", "DATE", "19", None)),
        ("The price rose recently.", ("recently", "DATE", "PAST_REF", None)),
        ("Much will change in the future.", ("the future", "DATE", "FUTURE_REF", None)),
        ("The budget for fiscal 2025 was cut.", ("fiscal 2025", "DATE", "2025", None)),
        ("Growth slowed earlier this year.", ("earlier this year", "DATE", "2026", "START")),
        ("The lull lasted more than four hours.", ("more than four hours", "DURATION", "PT4H", "MORE_THAN")),
    ],
)
def test_tag_timexes_values_against_dct(sentence: str, expected: tuple[str, str, str, str | None]) -> None:
    assert _one(sentence) == expected


def test_weekday_past_tense_resolves_backwards() -> None:
    assert _one("The envoy said on Friday that talks had failed.")[2] == "2026-01-16"


def test_weekday_future_tense_resolves_forwards() -> None:
    assert _one("The envoy will meet them on Friday.")[2] == "2026-01-23"


def test_weekday_plural_is_a_set() -> None:
    assert _one("Markets close early on Fridays.")[1:3] == ("SET", "XXXX-WXX-5")


def test_month_without_year_takes_the_nearest_year() -> None:
    assert _one("The accord was signed on December 12.")[2] == "2025-12-12"


def test_full_date_with_weekday_is_one_span() -> None:
    assert _one("Tuesday, March 3, 2026 was cold.")[:3] == ("Tuesday, March 3, 2026", "DATE", "2026-03-03")


def test_absolute_date_resolves_without_dct() -> None:
    assert _one("It happened on January 15, 2026.", None)[2] == "2026-01-15"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Prices rose last week.", "XXXX-WXX"),
        ("Prices rose yesterday.", "XXXX-XX-XX"),
        ("Exports fell last year.", "XXXX"),
    ],
)
def test_relative_expression_without_dct_is_underspecified(sentence: str, value: str) -> None:
    assert _one(sentence, None)[2] == value


def test_datetime_dct_is_accepted() -> None:
    assert _one("Prices fell today.", dt.datetime(2026, 1, 20, 9, 30))[2] == "2026-01-20"


def test_year_ago_after_a_quarter_means_that_quarter_a_year_before() -> None:
    found = tag_timexes("Profit rose in the third quarter from a year earlier.", dt.date(1998, 11, 2))
    assert [t.value for t in found] == ["1998-Q3", "1997-Q3"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The pilot flew for 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M", None)),
        ("The visit lasted 5 1/2 hours.", ("5 1/2 hours", "DURATION", "PT5H30M", None)),
        ("Nobody may rest for one minute.", ("one minute", "DURATION", "PT1M", None)),
        ("The wall fell a decade ago.", ("a decade ago", "DATE", "2016", None)),
        ("The site went down 48 hours ago.", ("48 hours ago", "DATE", "2026-01-18", None)),
        ("The doctor was shot last Oct. 23 at home.", ("last Oct. 23", "DATE", "2025-10-23", None)),
        ("Crime rose over the past year.", ("the past year", "DATE", "2025", None)),
        ("Wages fell in the last decade.", ("the last decade", "DATE", "201", None)),
    ],
)
def test_tag_timexes_values_of_counted_and_relative_phrases(
    sentence: str, expected: tuple[str, str, str, str | None]
) -> None:
    assert _one(sentence) == expected


def test_year_range_is_two_dates() -> None:
    found = tag_timexes("Taxes were owed for 2004 to 2009.", DCT)
    assert [(t.text, t.type, t.value) for t in found] == [("2004", "DATE", "2004"), ("2009", "DATE", "2009")]


def test_year_before_a_plural_noun_is_a_year_after_the() -> None:
    assert _one("The 2014 protests closed roads.")[2] == "2014"
    assert tag_timexes("A survey of 1709 schoolchildren was run.", DCT) == []
    assert _one("It was unveiled in 1999 as a database.")[2] == "1999"
