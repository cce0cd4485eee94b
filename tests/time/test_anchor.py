"""Calendar arithmetic behind relative expressions."""

from __future__ import annotations

import datetime as dt

from dragoman.time import anchor


def test_week_value_uses_iso_weeks() -> None:
    assert anchor.week_value(dt.date(2026, 1, 20), -1) == "2026-W03"
    assert anchor.week_value(dt.date(2021, 1, 2)) == "2020-W53"


def test_month_value_crosses_year_boundary() -> None:
    assert anchor.month_value(dt.date(2026, 1, 20), -1) == "2025-12"


def test_quarter_value_shifts_across_years() -> None:
    assert anchor.quarter_value(2026, 1, -1) == "2025-Q4"


def test_weekday_date_past_and_future() -> None:
    tuesday = dt.date(2026, 1, 20)
    assert anchor.weekday_date(tuesday, 5, "past") == dt.date(2026, 1, 16)
    assert anchor.weekday_date(tuesday, 5, "future") == dt.date(2026, 1, 23)
    assert anchor.weekday_date(tuesday, 2, "past") == tuesday


def test_season_value_last_summer_in_winter_is_previous_year() -> None:
    assert anchor.season_value(dt.date(2026, 1, 20), "SU", "last") == "2025-SU"


def test_nth_weekday_finds_thanksgiving_and_memorial_day() -> None:
    assert anchor.nth_weekday(2025, 11, 4, 4) == dt.date(2025, 11, 27)
    assert anchor.nth_weekday(2025, 5, 1, -1) == dt.date(2025, 5, 26)


def test_safe_date_rejects_impossible_days() -> None:
    assert anchor.safe_date(2025, 2, 30) is None


def test_tense_near_prefers_the_closest_cue() -> None:
    text = "The minister said Friday that the talks will resume."
    assert anchor.tense_near(text, 18, 24) == "past"
    text = "The envoys will meet Friday."
    assert anchor.tense_near(text, 21, 27) == "future"


def test_tense_near_as_soon_as_points_forward() -> None:
    text = "The envoy said he could arrive as soon as Tuesday."
    start = text.index("Tuesday")
    assert anchor.tense_near(text, start, start + 7) == "future"


def test_nearest_year_of_a_holiday_prefers_the_recent_past() -> None:
    def christmas(year: int) -> dt.date:
        return dt.date(year, 12, 25)

    assert anchor.nearest_year(dt.date(2026, 1, 20), christmas) == 2025
    assert anchor.nearest_year(dt.date(2026, 7, 15), christmas) == 2025
    assert anchor.nearest_year(dt.date(2026, 7, 15), christmas, "future") == 2026
