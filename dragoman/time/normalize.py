"""TIMEX3 type and value of a recognised span, resolved against the document creation time (DCT).

:func:`normalize` dispatches on the rule that found the span. Relative expressions are anchored to
the DCT (``last week``), or, for ``a year earlier``-style expressions, to the last date the text
mentioned (TimeML's reference time). Without a DCT relative values stay underspecified
(``XXXX-WXX``), absolute dates still resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from dragoman.time import anchor, days
from dragoman.time.context import Context, Groups, month_number, offset_of, pos_mod, year_number
from dragoman.time.durations import (
    Value,
    norm_words,
    normalize_duration,
    normalize_set_adverb,
    normalize_set_every,
    normalize_vague_duration,
    parse_number,
    prefix_mod,
)
from dragoman.time.patterns import DECADE_WORDS, ORDINALS, PARTS_OF_DAY, REFERENCE_WORDS, SEASONS
from dragoman.time.rules import SECOND_DAY_BEFORE

if TYPE_CHECKING:
    from dragoman.time.recognize import Candidate

#: How far back (characters) a quarter mention colours ``a year earlier`` as a quarter.
QUARTER_CONTEXT_CHARS = 400


def _date(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    month = month_number(g["month"])
    day = int(g["day"] or 0)
    rel = offset_of(g.get("rel"))
    if g.get("year"):
        year = year_number(g["year"] or "")
    elif ctx.dct is not None and rel:
        # "last Oct. 23": the latest before the DCT; "next March 1": the first after it
        before = (month, day) < (ctx.dct.month, ctx.dct.day)
        year = ctx.dct.year - (not before) if rel < 0 else ctx.dct.year + before
    elif ctx.dct is not None:
        year = anchor.month_date_year(ctx.dct, month, day, ctx.tense(cand))
    else:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}", pos_mod(g)) if 1 <= day <= 31 else None
    date = anchor.safe_date(year, month, day)
    return ("DATE", date.isoformat(), pos_mod(g)) if date else None


def _second_day(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``25`` in ``April 24 and 25``: the month (and year) of the date before it."""
    before = SECOND_DAY_BEFORE.search(ctx.text, max(0, cand.start - 30), cand.start)
    if before is None:
        return None
    if "day" in ctx.mentions:
        first = ctx.mentions["day"]
        date = anchor.safe_date(first.year, month_number(before.group("month")), int(g["day"] or 0))
        return ("DATE", date.isoformat(), None) if date else None
    return _date(ctx, cand, {"month": before.group("month"), "day": g["day"]})


def _iso(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    year = year_number(g["year"] or "")
    date = anchor.safe_date(year, int(g["month"] or 0), int(g["day"] or 0))
    if date is None:
        return None
    if g.get("hour"):
        return "TIME", f"{date.isoformat()}T{g['hour']}:{g['minute']}", None
    return "DATE", date.isoformat(), None


def _month_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", f"{year_number(g['year'] or '')}-{month_number(g['month']):02d}", pos_mod(g)


def _bare_month(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    month = month_number(g["month"])
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", pos_mod(g)
    rel = norm_words(g.get("rel") or "")
    if rel in ("last", "past", "this past", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel in ("this", "current"):
        year = ctx.dct.year
    else:
        year = anchor.month_date_year(ctx.dct, month, None, ctx.tense(cand))
    return "DATE", f"{year}-{month:02d}", pos_mod(g)


def _decade(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    digits = g["decade"] or ""
    value = (("19" if int(digits[1]) >= 2 else "20") + digits[1]) if digits.startswith("'") else digits[:3]
    return "DATE", value, pos_mod(g)


def _month_rel_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if ctx.dct is None:
        return _bare_month(ctx, cand, {"month": g["month"]})
    year = ctx.dct.year + offset_of(g["rel"])
    month = month_number(g["month"])
    if g.get("day"):
        date = anchor.safe_date(year, month, int(g["day"] or 0))
        return ("DATE", date.isoformat(), None) if date else None
    return "DATE", f"{year}-{month:02d}", None


def _decade_word(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", f"19{DECADE_WORDS[(g['decword'] or '').lower()]}", pos_mod(g)


def _spoken_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if g.get("century"):
        base = 1900 if (g["century"] or "").lower() == "nineteen" else 1800
        year = base + int(parse_number(g["tens"] or "") or 0) + int(parse_number(g.get("ones") or "") or 0)
    else:
        year = 2000 + int(parse_number(g.get("ones2") or "") or 0)
    return "DATE", str(year), None


def _unit_end(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if g.get("yearend"):
        return "DATE", str(ctx.dct.year) if ctx.dct else "XXXX", "END"
    return "DATE", _relative_value(ctx.dct, (g["unit"] or "").lower(), 0), pos_mod(g)


def _the_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if g.get("ended"):
        return "DURATION", "P1Y", None
    which = norm_words(g.get("which") or "")
    if ctx.dct is None:
        return "DATE", "XXXX", None
    return "DATE", str(ctx.dct.year - (1 if which.startswith("latest") else 0)), None


def _century(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    number = ORDINALS.get(norm_words(g["ord"] or ""), 0)
    return ("DATE", f"{number - 1:02d}", pos_mod(g)) if number else None


def _year_value(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    value = str(year_number(g["year"] or ""))
    season = re.search(r"summer|spring|fall|autumn|winter", cand.match.group(0), re.IGNORECASE)
    if season:
        value += "-" + SEASONS[season.group(0).lower()]
    return "DATE", value, pos_mod(g)


def _year_range(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    first = year_number(g["year"] or "")
    last_text = g["year2"] or ""
    last = int(str(first)[:2] + last_text) if len(last_text) == 2 else int(last_text)
    return ("DURATION", f"P{last - first}Y", None) if last > first else None


def _season(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    code = SEASONS[(g["season"] or "").lower()]
    if g.get("year"):
        return "DATE", f"{g['year']}-{code}", pos_mod(g)
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", pos_mod(g)
    rel = norm_words(g.get("rel") or "")
    if rel not in ("last", "next", "past", "coming", "this past", "this coming"):
        tense = ctx.tense(cand)
        rel = {"past": "last", "future": "next"}.get(tense or "", "this") if rel != "this" else "this"
        if rel != "this" and anchor.season_value(ctx.dct, code, None) == anchor.season_value(
            ctx.dct, code, rel
        ):
            rel = "this"
    rel = {"past": "last", "this past": "last", "coming": "next", "this coming": "next"}.get(rel, rel)
    return "DATE", anchor.season_value(ctx.dct, code, rel if rel != "this" else None), pos_mod(g)


def _completed_quarter(ctx: Context) -> tuple[int, int] | None:
    if ctx.dct is None:
        return None
    year, quarter = ctx.dct.year, anchor.quarter_of(ctx.dct)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _quarter_str(yq: tuple[int, int] | None, offset: int = 0) -> str:
    return "XXXX-QX" if yq is None else anchor.quarter_value(yq[0], yq[1], offset)


def _quarter(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    year_text = g.get("year") or g.get("year0")
    if not year_text and g.get("yrel") and ctx.dct is not None:
        year_text = str(ctx.dct.year + offset_of(g["yrel"]))
    if year_text and not g.get("ord"):
        # "the 1988 quarter": the quarter under discussion, in that year
        reference = ctx.last_quarter or _completed_quarter(ctx)
        return "DATE", f"{year_text}-Q{reference[1] if reference else 'X'}", None
    if g.get("ord"):
        number = min(ORDINALS.get(norm_words(g["ord"] or ""), 4), 4)
        if year_text:
            return "DATE", f"{year_text}-Q{number}", None
        if ctx.dct is None:
            return "DATE", f"XXXX-Q{number}", None
        year = ctx.dct.year
        if number > anchor.quarter_of(ctx.dct) and ctx.tense(cand) != "future":
            year -= 1
        return "DATE", f"{year}-Q{number}", None
    rel = norm_words(g.get("qrel") or "")
    if ctx.dct is None:
        return "DATE", "XXXX-QX", None
    current = (ctx.dct.year, anchor.quarter_of(ctx.dct))
    if rel in ("current", "this"):
        return "DATE", _quarter_str(current), None
    if rel == "next":
        return "DATE", _quarter_str(current, 1), None
    if rel in ("last", "previous", "prior"):
        return "DATE", _quarter_str(current, -1), None
    reference = ctx.last_quarter if ctx.last_quarter else _completed_quarter(ctx)
    if rel in ("year ago", "year earlier", "year-ago", "year-earlier", "same", "comparable"):
        # norm_words turns "year-ago" into "year ago"; both spellings name last year's quarter
        return "DATE", _quarter_str(reference, -4), None
    return "DATE", _quarter_str(reference), None


def _quarter_code(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    year = g.get("year") or (str(ctx.dct.year) if ctx.dct else "XXXX")
    return "DATE", f"{year}-Q{g['qnum']}", None


def _half(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    number = 1 if norm_words(g["ord"] or "") == "first" else 2
    if g.get("unit") and (g["unit"] or "").lower() != "year":
        return None
    year = g.get("year") or (str(ctx.dct.year) if ctx.dct else "XXXX")
    return "DATE", f"{year}-H{number}", None


def _the_quarter(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", _quarter_str(ctx.last_quarter or _completed_quarter(ctx)), None


def _relative_value(dct: dt.date | None, unit: str, offset: int) -> str:
    """``last week`` -> ``2026-W03`` etc.; underspecified without a DCT."""
    if dct is None:
        return {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE",
                "decade": "XXX", "century": "XX"}.get(unit, "XXXX")  # fmt: skip
    if unit == "week":
        return anchor.week_value(dct, offset)
    if unit == "weekend":
        return anchor.week_value(dct, offset) + "-WE"
    if unit == "month":
        return anchor.month_value(dct, offset)
    if unit == "quarter":
        return anchor.quarter_value(dct.year, anchor.quarter_of(dct), offset)
    if unit == "decade":
        return str(dct.year // 10 + offset)
    if unit == "century":
        return f"{dct.year // 100 + offset:02d}"
    return str(dct.year + offset)


def _relative_unit(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    unit = (g["unit"] or "").lower()
    rel = norm_words(g.get("rel") or "")
    if rel in ("following", "previous", "preceding") and unit in ("year", "month", "week"):
        # "the following year": the year after the one the text last mentioned
        base = ctx.reference("day" if unit == "week" else unit)
        return "DATE", _relative_value(base, unit, offset_of(rel)), pos_mod(g)
    the = cand.match.group(0).lower().startswith("the ")
    if the and rel in ("past", "last", "next", "coming") and unit in ("weekend", "quarter", "century"):
        return "DURATION", {"century": "P100Y", "weekend": "P2D"}.get(unit, "P1Q"), None
    return "DATE", _relative_value(ctx.dct, unit, offset_of(rel)), pos_mod(g)


def _anaphoric(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    """``that year``, ``later that day``, ``the same day``, ``the next morning``: from the reference time."""
    unit = (g.get("unit") or g.get("unit2") or "").lower()
    offset = offset_of(g.get("rel"))
    grain = unit if unit in ("year", "month") else "day"
    if not offset and grain not in ctx.mentions:
        return None  # "that day" with no date before it is generic ("strong sales that day")
    base = ctx.reference(grain)
    if base is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"), None
    if unit in PARTS_OF_DAY:
        day = base + dt.timedelta(days=offset)
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", pos_mod(g)
    if unit == "day":
        return "DATE", (base + dt.timedelta(days=offset)).isoformat(), pos_mod(g)
    return "DATE", _relative_value(base, unit, 0), pos_mod(g)


def _this_unit_pos(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    unit = (g["unit"] or "").lower()
    return "DATE", _relative_value(ctx.dct, unit, offset_of(g.get("rel"))), pos_mod(g)


def _reference(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", REFERENCE_WORDS[norm_words(g["ref"] or "")], None


def _shift(unit: str, base: dt.date, n: int) -> str:
    if unit in ("day", "night"):
        return (base + dt.timedelta(days=n)).isoformat()
    if unit in ("week", "weekend", "fortnight"):
        return anchor.week_value(base, n * (2 if unit == "fortnight" else 1))
    if unit == "month":
        return anchor.month_value(base, n)
    if unit == "quarter":
        return anchor.quarter_value(base.year, anchor.quarter_of(base), n)
    if unit == "decade":
        # "a decade ago" names a year, not a decade (1999 -> 1989, not the 1980s)
        return str(base.year + 10 * n)
    if unit in ("century", "centurie"):
        return f"{(base.year + 100 * n) // 100:02d}"
    if unit == "hour":
        return (base + dt.timedelta(days=int(n / 24))).isoformat()
    if unit in ("minute", "second"):
        return base.isoformat()
    return str(base.year + n)


def _offset(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    number = parse_number(g["num"] or "")
    direction = norm_words(g["dir"] or "")
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    unit = norm_words(g["unit"] or "").removesuffix("s") or "year"
    mod = prefix_mod(g.get("mod"))
    if number is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    n = round(number) * sign
    if "or so" in norm_words(cand.match.group(0)):
        mod = "APPROX"
    near_quarter = ctx.last_quarter is not None and cand.start - ctx.last_quarter_at < QUARTER_CONTEXT_CHARS
    if unit == "year" and near_quarter and ctx.last_quarter and direction in ("ago", "earlier", "before"):
        return "DATE", _quarter_str(ctx.last_quarter, 4 * n), mod
    base = ctx.dct
    if direction in ("earlier", "later", "before", "after"):
        base = ctx.reference("day")
    if base is None:
        return "DATE", "XXXX-XX-XX" if unit in ("day", "hour") else "XXXX", mod
    return "DATE", _shift(unit, base, n), mod


def _year_ago_adj(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    near_quarter = ctx.last_quarter is not None and cand.start - ctx.last_quarter_at < QUARTER_CONTEXT_CHARS
    if near_quarter:
        return "DATE", _quarter_str(ctx.last_quarter, -4), None
    return "DATE", str(ctx.dct.year - 1) if ctx.dct else "XXXX", None


def _earlier_in(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    unit = (g["unit"] or "").lower()
    if unit == "day":
        value = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    else:
        value = _relative_value(ctx.dct, unit, 0)
    return "DATE", value, pos_mod(g)


def _groups_only(
    func: Callable[[Groups], Value | None],
) -> Callable[[Context, Candidate, Groups], Value | None]:
    return lambda ctx, cand, g: func(g)


NORMALIZERS: dict[str, Callable[[Context, Candidate, Groups], Value | None]] = {
    "iso_date": _iso, "second_day": _second_day, "slash_date": _iso, "month_day": _date, "day_month": _date,
    "month_year": _month_year, "month": _bare_month, "decade": _decade, "century": _century,
    "month_rel_year": _month_rel_year,
    "decade_word": _decade_word, "spoken_year": _spoken_year, "unit_end": _unit_end, "the_year": _the_year,
    "fiscal_year": _year_value, "year": _year_value, "year_range": _year_range, "season": _season,
    "quarter": _quarter, "quarter_code": _quarter_code, "half": _half, "the_quarter": _the_quarter,
    "relative_unit": _relative_unit, "anaphoric": _anaphoric, "relative_weekday": days.relative_weekday,
    "weekend": days.weekend,
    "offset": _offset, "year_ago_adj": _year_ago_adj, "this_unit_pos": _this_unit_pos,
    "earlier_in": _earlier_in, "duration": _groups_only(normalize_duration),
    "vague_duration": _groups_only(normalize_vague_duration),
    "set_every": _groups_only(normalize_set_every), "set_adverb": _groups_only(normalize_set_adverb),
    "holiday": days.holiday, "clock": days.clock, "clock24": days.clock, "noon": days.noon,
    "day_pod": days.part_of_day, "pod_of_day": days.part_of_day, "this_pod": days.this_part_of_day,
    "dayword": days.dayword, "weekday": days.weekday, "reference": _reference,
}  # fmt: skip


#: Rules whose values do not depend on the DCT: they move the reference time.
_EXPLICIT_RULES = frozenset(
    {"month_day", "day_month", "iso_date", "slash_date", "month_year", "year", "spoken_year"}
)


def normalize(cand: Candidate, ctx: Context) -> Value | None:
    """Type, value and mod of a candidate span, updating the context's reference time.

    Args:
        cand: a selected candidate from :mod:`dragoman.time.recognize`.
        ctx: the document context; its reference time moves to each explicit date found.

    Returns:
        ``(type, value, mod)``, or ``None`` when the span turns out not to be a timex.
    """
    result = NORMALIZERS[cand.rule](ctx, cand, cand.match.groupdict())
    if result is None:
        return None
    kind, value, _ = result
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    explicit = cand.rule in ("quarter", "quarter_code") and not re.search(
        r"year-|same|comparable", cand.match.group(0), re.I
    )
    if quarter and explicit:
        ctx.last_quarter = (int(quarter.group(1)), int(quarter.group(2)))
        ctx.last_quarter_at = cand.end
    if kind == "DATE" and cand.rule in _EXPLICIT_RULES:
        ctx.mention(value)
    return result
