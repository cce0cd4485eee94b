"""Weekdays, holidays and day-level anaphora against a publication date of 2026-01-20 (a Tuesday)."""

from __future__ import annotations

import datetime as dt

from dragoman.time import tag_timexes

DCT = dt.date(2026, 1, 20)


def _values(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_timexes(text, dct)]


def test_holiday_without_year_takes_the_nearest_past_one() -> None:
    # Thanksgiving 2025 is two months back; Thanksgiving 2026 ten months ahead
    assert _values("The boat sank on Thanksgiving Day.") == [("Thanksgiving Day", "DATE", "2025-11-27")]


def test_holiday_with_last_and_next_counts_from_the_dct() -> None:
    dct = dt.date(2026, 12, 28)
    assert _values("They met last Christmas.", dct) == [("last Christmas", "DATE", "2026-12-25")]
    assert _values("They meet next Christmas.", dct) == [("next Christmas", "DATE", "2027-12-25")]


def test_that_day_takes_the_last_mentioned_date() -> None:
    found = _values("The mayor resigned on March 3, 2024. Later that day the council met.")
    assert found[1] == ("Later that day", "DATE", "2024-03-03")


def test_the_next_morning_is_a_time_on_the_following_day() -> None:
    found = _values("The ship docked on May 9, 2025, and sailed the next morning.")
    assert found[1] == ("the next morning", "TIME", "2025-05-10TMO")


def test_that_year_without_a_mentioned_year_is_not_a_timex() -> None:
    assert _values("Shares fell sharply that day, traders said.") == []


def test_the_following_year_counts_from_the_mentioned_year() -> None:
    found = _values("She joined the army in 2011, and the following year she left it.")
    assert found == [("2011", "DATE", "2011"), ("the following year", "DATE", "2012")]


def test_second_day_of_a_pair_is_its_own_date() -> None:
    found = _values("The summit meets on April 24 and 25 in Vienna.")
    assert found == [("April 24", "DATE", "2026-04-24"), ("25", "DATE", "2026-04-25")]


def test_number_after_a_date_and_and_is_not_a_day_when_a_noun_follows() -> None:
    assert [text for text, _, _ in _values("On May 5 and 6 people died.")] == ["May 5"]
