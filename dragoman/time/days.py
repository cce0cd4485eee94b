"""Values of day-level and clock expressions: weekdays, ``today``, parts of the day, times, holidays.

A weekday name without ``last``/``next`` resolves to the nearest such day before or after the
document creation time, the direction given by the tense of the clause (:func:`anchor.tense_near`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dragoman.time import anchor
from dragoman.time.context import Context, Groups, offset_of, pos_mod, weekday_number
from dragoman.time.durations import Value, norm_words, prefix_mod
from dragoman.time.patterns import DAY_OFFSETS, FLOATING_HOLIDAYS, HOLIDAYS, PARTS_OF_DAY, WEEKDAYS

if TYPE_CHECKING:
    from dragoman.time.recognize import Candidate


def weekday_date(ctx: Context, cand: Candidate, g: Groups, word: str | None) -> str:
    """The date of a weekday name: after ``last``/``next`` that week's, else by the clause's tense."""
    if ctx.dct is None:
        return f"XXXX-WXX-{weekday_number(word)}"
    rel = norm_words(g.get("rel") or "")
    weekday = weekday_number(word)
    if rel in ("last", "past", "this past", "previous"):
        date = anchor.weekday_date(ctx.dct - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming", "this coming", "following"):
        date = anchor.weekday_date(ctx.dct + dt.timedelta(days=1), weekday, "future")
    else:
        date = anchor.weekday_date(ctx.dct, weekday, ctx.tense(cand))
    return date.isoformat()


def relative_weekday(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``last Tuesday``, ``next Friday morning``."""
    value = weekday_date(ctx, cand, g, g["wd"])
    if g.get("pod"):
        return "TIME", f"{value}T{PARTS_OF_DAY[norm_words(g['pod'] or '')]}", None
    return "DATE", value, pos_mod(g)


def weekday(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``Tuesday`` (a date), ``Tuesdays`` (a SET)."""
    word = g["wd"] or ""
    if word.lower().endswith("s") and word.lower().rstrip(".") not in WEEKDAYS:
        return "SET", f"XXXX-WXX-{weekday_number(word)}", None
    return "DATE", weekday_date(ctx, cand, g, word), pos_mod(g)


def weekend(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``the weekend``, ``last weekend``: an ISO week's ``-WE``."""
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    words = norm_words(cand.match.group(0)).split()
    offset = 0
    if "last" in words:
        offset = -1
    elif "next" in words:
        offset = 1
    elif ctx.dct.isoweekday() < 6 and ctx.tense(cand) == "past":
        offset = -1
    return "DATE", anchor.week_value(ctx.dct, offset) + "-WE", None


def _anchor_day(ctx: Context, cand: Candidate, word: str | None) -> str:
    if not word:
        return ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    key = word.lower()
    if key in DAY_OFFSETS:
        return (ctx.dct + dt.timedelta(days=DAY_OFFSETS[key])).isoformat() if ctx.dct else "XXXX-XX-XX"
    return weekday_date(ctx, cand, {}, word)


def dayword(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``today``, ``yesterday``, ``the day after tomorrow``, ``tonight`` (a TIME)."""
    word = norm_words(g["dayword"] or "")
    value = (ctx.dct + dt.timedelta(days=DAY_OFFSETS[word])).isoformat() if ctx.dct else "XXXX-XX-XX"
    if word == "tonight":
        return "TIME", value + "TNI", pos_mod(g)
    return "DATE", value, pos_mod(g)


def part_of_day(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``Friday night``, ``yesterday morning``, ``the morning of Friday``."""
    day = _anchor_day(ctx, cand, g.get("anchor"))
    return "TIME", f"{day}T{PARTS_OF_DAY[norm_words(g['pod'] or '')]}", pos_mod(g)


def this_part_of_day(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``this morning``, ``last night``."""
    rel = (g["rel"] or "").lower()
    pod = PARTS_OF_DAY[norm_words(g["pod"] or "")]
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    if rel == "last" and pod != "NI":
        return None
    day = (ctx.dct + dt.timedelta(days=offset)).isoformat() if ctx.dct else "XXXX-XX-XX"
    return "TIME", f"{day}T{pod}", pos_mod(g)


def _approx(mod: str | None) -> str | None:
    if not mod:
        return None
    word = norm_words(mod)
    return "AFTER" if word.endswith("after") else "BEFORE" if word.endswith("before") else "APPROX"


def clock(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``10:35 a.m.``, ``5 p.m. EST Friday``, ``at 22:30``."""
    hour = int(g["hour"] or 0)
    minute = int(g.get("minute") or 0)
    ampm = (g.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24:
        return None
    day = _anchor_day(ctx, cand, g.get("anchor"))
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", prefix_mod(g.get("mod")) or _approx(g.get("mod"))


def noon(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``noon``, ``midnight Friday``."""
    day = _anchor_day(ctx, cand, g.get("anchor"))
    hhmm = "24:00" if (g["noon"] or "").lower() == "midnight" else "12:00"
    return "TIME", f"{day}T{hhmm}", _approx(g.get("mod"))


def holiday(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``Christmas``, ``last Thanksgiving``, ``Labor Day 1998``; without a year, the nearest one."""
    name = re.sub(r"\s+", " ", norm_words(g["holiday"] or "").replace("’", "'"))

    def on(year: int) -> dt.date:
        if name in HOLIDAYS:
            return dt.date(year, *HOLIDAYS[name])
        month, iso_weekday, nth = FLOATING_HOLIDAYS[name]
        return anchor.nth_weekday(year, month, iso_weekday, nth)

    if g.get("year"):
        return "DATE", on(int(g["year"] or 0)).isoformat(), None
    if ctx.dct is None:
        month_day = HOLIDAYS.get(name)
        return "DATE", f"XXXX-{month_day[0]:02d}-{month_day[1]:02d}" if month_day else "XXXX-XX-XX", None
    offset = offset_of(g.get("rel"))
    if offset < 0:
        year = max(y for y in (ctx.dct.year - 1, ctx.dct.year) if on(y) < ctx.dct)
    elif offset > 0:
        year = min(y for y in (ctx.dct.year, ctx.dct.year + 1) if on(y) > ctx.dct)
    else:
        year = anchor.nearest_year(ctx.dct, on, ctx.tense(cand))
    return "DATE", on(year).isoformat(), None
