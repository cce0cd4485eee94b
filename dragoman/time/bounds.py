"""The calendar days a TIMEX3 date value covers: one reading for the store's period filters and
the evaluation's comparison of values with gold intervals."""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["timex_days"]

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def timex_days(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last calendar day a TIMEX3 date value covers, or ``None`` when it names none.

    ``2026-01-15`` (or ``2026-01-15T10:00``) → that day; ``2025-10`` → October; ``2025`` → the year;
    ``2026-W03`` → its Monday to Sunday (``-WE``: the weekend); ``2025-Q4``, ``2025-H2``; seasons
    ``2025-SU``; decades ``199``/``199X``; centuries ``19``/``19XX``. Underspecified values
    (``XXXX-10``, ``PRESENT_REF``, durations) name no days.
    """
    if not value:
        return None
    v = value.split("T", 1)[0]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if year >= 1 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return dt.date(year, month, day), dt.date(year, month, day)
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if m := re.fullmatch(r"\d{4}", v):
        return _months(int(v), 1, 12)
    if m := re.fullmatch(r"(\d{4})-W(\d{1,2})(?:-(WE|[1-7]))?", v):
        year, week = int(m[1]), int(m[2])
        if year < 1 or not 1 <= week <= dt.date(year, 12, 28).isocalendar()[1]:
            return None
        if m[3] is None:
            return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
        if m[3] == "WE":
            return dt.date.fromisocalendar(year, week, 6), dt.date.fromisocalendar(year, week, 7)
        weekday = dt.date.fromisocalendar(year, week, int(m[3]))
        return weekday, weekday
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        quarter = int(m[2])
        return _months(int(m[1]), 3 * quarter - 2, 3 * quarter)
    if m := re.fullmatch(r"(\d{4})-H([12])", v):
        half = int(m[2])
        return _months(int(m[1]), 6 * half - 5, 6 * half)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        year = int(m[1])
        first, last = _SEASONS[m[2]]
        if m[2] == "WI":
            return (
                (dt.date(year - 1, 12, 1), dt.date(year, 2, calendar.monthrange(year, 2)[1]))
                if year > 1
                else None
            )
        return _months(year, first, last)
    if m := re.fullmatch(r"(\d{3})X?", v):
        decade = int(m[1]) * 10
        return dt.date(max(decade, 1), 1, 1), dt.date(decade + 9, 12, 31)
    if m := re.fullmatch(r"(\d{2})(?:XX)?", v):
        century = int(m[1]) * 100
        return dt.date(max(century, 1), 1, 1), dt.date(century + 99, 12, 31)
    return None


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date] | None:
    if not (1 <= first <= 12 and 1 <= last <= 12) or year < 1:
        return None
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
