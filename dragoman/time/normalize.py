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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman.time import anchor
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
from dragoman.time.patterns import (
    DAY_OFFSETS,
    DECADE_WORDS,
    FLOATING_HOLIDAYS,
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    POSITION_MODS,
    REFERENCE_WORDS,
    SEASONS,
    WEEKDAYS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dragoman.time.recognize import Candidate

Groups = dict[str, str | None]

#: How far back (characters) a quarter mention colours ``a year earlier`` as a quarter.
QUARTER_CONTEXT_CHARS = 400


@dataclass(slots=True)
class Context:
    """What normalisation knows about the document: its text, DCT, parse and reference time."""

    text: str
    dct: dt.date | None
    doc: Doc | None = None
    last_value: str | None = None
    last_quarter: tuple[int, int] | None = None
    last_quarter_at: int = -10_000

    def tense(self, cand: Candidate) -> anchor.Tense:
        """The tense cue nearest the candidate (see :func:`anchor.tense_near`)."""
        return anchor.tense_near(self.text, cand.start, cand.end, self.doc)


def _pos_mod(groups: Groups) -> str | None:
    pos = groups.get("pos")
    if not pos:
        return None
    word = norm_words(pos)
    return POSITION_MODS.get(word) or POSITION_MODS.get(word.rstrip(" -")) or POSITION_MODS.get("mid")


def _month(word: str | None) -> int:
    return MONTHS[(word or "").rstrip(".").lower()]


def _weekday(word: str | None) -> int:
    return WEEKDAYS[(word or "").rstrip(".").lower().removesuffix("s") or "monday"]


def _year(text: str) -> int:
    year = int(text.lstrip("'"))
    if year < 100:
        year += 1900 if year >= 30 else 2000
    return year


def _offset_of(rel: str | None) -> int:
    word = norm_words(rel or "")
    if word in ("last", "past", "previous", "prior", "this past"):
        return -1
    if word in ("next", "coming", "following", "this coming"):
        return 1
    return 0


def _date(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    month = _month(g["month"])
    day = int(g["day"] or 0)
    if g.get("year"):
        year = _year(g["year"] or "")
    elif ctx.dct is not None:
        year = anchor.month_date_year(ctx.dct, month, day, ctx.tense(cand))
    else:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}", _pos_mod(g)) if 1 <= day <= 31 else None
    date = anchor.safe_date(year, month, day)
    return ("DATE", date.isoformat(), _pos_mod(g)) if date else None


def _iso(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    year = _year(g["year"] or "")
    date = anchor.safe_date(year, int(g["month"] or 0), int(g["day"] or 0))
    if date is None:
        return None
    if g.get("hour"):
        return "TIME", f"{date.isoformat()}T{g['hour']}:{g['minute']}", None
    return "DATE", date.isoformat(), None


def _month_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", f"{_year(g['year'] or '')}-{_month(g['month']):02d}", _pos_mod(g)


def _bare_month(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    month = _month(g["month"])
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", _pos_mod(g)
    rel = norm_words(g.get("rel") or "")
    if rel in ("last", "past", "this past", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel in ("this", "current"):
        year = ctx.dct.year
    else:
        year = anchor.month_date_year(ctx.dct, month, None, ctx.tense(cand))
    return "DATE", f"{year}-{month:02d}", _pos_mod(g)


def _decade(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    digits = g["decade"] or ""
    value = (("19" if int(digits[1]) >= 2 else "20") + digits[1]) if digits.startswith("'") else digits[:3]
    return "DATE", value, _pos_mod(g)


def _month_rel_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if ctx.dct is None:
        return _bare_month(ctx, cand, {"month": g["month"]})
    year = ctx.dct.year + _offset_of(g["rel"])
    month = _month(g["month"])
    if g.get("day"):
        date = anchor.safe_date(year, month, int(g["day"] or 0))
        return ("DATE", date.isoformat(), None) if date else None
    return "DATE", f"{year}-{month:02d}", None


def _decade_word(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", f"19{DECADE_WORDS[(g['decword'] or '').lower()]}", _pos_mod(g)


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
    return "DATE", _relative_value(ctx.dct, (g["unit"] or "").lower(), 0), _pos_mod(g)


def _the_year(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if g.get("ended"):
        return "DURATION", "P1Y", None
    which = norm_words(g.get("which") or "")
    if ctx.dct is None:
        return "DATE", "XXXX", None
    return "DATE", str(ctx.dct.year - (1 if which.startswith("latest") else 0)), None


def _century(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    number = ORDINALS.get(norm_words(g["ord"] or ""), 0)
    return ("DATE", f"{number - 1:02d}", _pos_mod(g)) if number else None


def _year_value(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    value = str(_year(g["year"] or ""))
    season = re.search(r"summer|spring|fall|autumn|winter", cand.match.group(0), re.IGNORECASE)
    if season:
        value += "-" + SEASONS[season.group(0).lower()]
    return "DATE", value, _pos_mod(g)


def _year_range(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    first = _year(g["year"] or "")
    last_text = g["year2"] or ""
    last = int(str(first)[:2] + last_text) if len(last_text) == 2 else int(last_text)
    return ("DURATION", f"P{last - first}Y", None) if last > first else None


def _season(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    code = SEASONS[(g["season"] or "").lower()]
    if g.get("year"):
        return "DATE", f"{g['year']}-{code}", _pos_mod(g)
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", _pos_mod(g)
    rel = norm_words(g.get("rel") or "")
    if rel not in ("last", "next", "past", "coming", "this past", "this coming"):
        tense = ctx.tense(cand)
        rel = {"past": "last", "future": "next"}.get(tense or "", "this") if rel != "this" else "this"
        if rel != "this" and anchor.season_value(ctx.dct, code, None) == anchor.season_value(
            ctx.dct, code, rel
        ):
            rel = "this"
    rel = {"past": "last", "this past": "last", "coming": "next", "this coming": "next"}.get(rel, rel)
    return "DATE", anchor.season_value(ctx.dct, code, rel if rel != "this" else None), _pos_mod(g)


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
        year_text = str(ctx.dct.year + _offset_of(g["yrel"]))
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
    if rel in ("year-ago", "year-earlier", "same", "comparable"):
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
    if cand.match.group(0).lower().startswith("the ") and rel in (
        "past",
        "last",
        "next",
        "coming",
        "following",
    ):
        return (
            "DURATION",
            {"decade": "P10Y", "century": "P100Y", "weekend": "P2D"}.get(unit, f"P1{unit[0].upper()}"),
            None,
        )
    return "DATE", _relative_value(ctx.dct, unit, _offset_of(rel)), _pos_mod(g)


def _this_unit_pos(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    unit = (g["unit"] or "").lower()
    return "DATE", _relative_value(ctx.dct, unit, _offset_of(g.get("rel"))), _pos_mod(g)


def _weekday_date(ctx: Context, cand: Candidate, g: Groups, word: str | None) -> str:
    if ctx.dct is None:
        return f"XXXX-WXX-{_weekday(word)}"
    rel = norm_words(g.get("rel") or "")
    weekday = _weekday(word)
    if rel in ("last", "past", "this past", "previous"):
        date = anchor.weekday_date(ctx.dct - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming", "this coming", "following"):
        date = anchor.weekday_date(ctx.dct + dt.timedelta(days=1), weekday, "future")
    else:
        date = anchor.weekday_date(ctx.dct, weekday, ctx.tense(cand))
    return date.isoformat()


def _relative_weekday(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    value = _weekday_date(ctx, cand, g, g["wd"])
    if g.get("pod"):
        return "TIME", f"{value}T{PARTS_OF_DAY[norm_words(g['pod'] or '')]}", None
    return "DATE", value, _pos_mod(g)


def _weekday_rule(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    word = g["wd"] or ""
    if word.lower().endswith("s") and word.lower().rstrip(".") not in WEEKDAYS:
        return "SET", f"XXXX-WXX-{_weekday(word)}", None
    return "DATE", _weekday_date(ctx, cand, g, word), _pos_mod(g)


def _weekend(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    words = norm_words(cand.match.group(0))
    offset = 0
    if "last" in words.split():
        offset = -1
    elif "next" in words.split():
        offset = 1
    elif ctx.dct.isoweekday() < 6 and ctx.tense(cand) == "past":
        offset = -1
    return "DATE", anchor.week_value(ctx.dct, offset) + "-WE", None


def _anchor_day(ctx: Context, cand: Candidate, g: Groups, word: str | None) -> str:
    if not word:
        return ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    key = word.lower()
    if key in DAY_OFFSETS:
        return (ctx.dct + dt.timedelta(days=DAY_OFFSETS[key])).isoformat() if ctx.dct else "XXXX-XX-XX"
    return _weekday_date(ctx, cand, {}, word)


def _dayword(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    word = norm_words(g["dayword"] or "")
    value = (ctx.dct + dt.timedelta(days=DAY_OFFSETS[word])).isoformat() if ctx.dct else "XXXX-XX-XX"
    if word == "tonight":
        return "TIME", value + "TNI", _pos_mod(g)
    return "DATE", value, _pos_mod(g)


def _pod(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    day = _anchor_day(ctx, cand, g, g.get("anchor"))
    return "TIME", f"{day}T{PARTS_OF_DAY[norm_words(g['pod'] or '')]}", _pos_mod(g)


def _this_pod(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    rel = (g["rel"] or "").lower()
    pod = PARTS_OF_DAY[norm_words(g["pod"] or "")]
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    if rel == "last" and pod != "NI":
        return None
    day = (ctx.dct + dt.timedelta(days=offset)).isoformat() if ctx.dct else "XXXX-XX-XX"
    return "TIME", f"{day}T{pod}", _pos_mod(g)


def _clock(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    hour = int(g["hour"] or 0)
    minute = int(g.get("minute") or 0)
    ampm = (g.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24:
        return None
    if g.get("amonth"):
        day = _date(ctx, cand, {"month": g["amonth"], "day": g["aday"]})
        if day is None:
            return None
        day = day[1]
    else:
        day = _anchor_day(ctx, cand, g, g.get("anchor"))
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", prefix_mod(g.get("mod")) or _approx(g.get("mod"))


def _approx(mod: str | None) -> str | None:
    if not mod:
        return None
    word = norm_words(mod)
    return "AFTER" if word.endswith("after") else "BEFORE" if word.endswith("before") else "APPROX"


def _noon(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    day = _anchor_day(ctx, cand, g, g.get("anchor"))
    clock = "24:00" if (g["noon"] or "").lower() == "midnight" else "12:00"
    return "TIME", f"{day}T{clock}", _approx(g.get("mod"))


def _holiday(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    name = norm_words(g["holiday"] or "").replace("’", "'")
    name = re.sub(r"\s+", " ", name)
    year = int(g["year"]) if g.get("year") else (ctx.dct.year if ctx.dct else None)
    if year is None:
        month_day = HOLIDAYS.get(name)
        return (
            ("DATE", f"XXXX-{month_day[0]:02d}-{month_day[1]:02d}", None)
            if month_day
            else ("DATE", "XXXX-XX-XX", None)
        )
    year += _offset_of(g.get("rel"))
    if name in HOLIDAYS:
        month, day = HOLIDAYS[name]
        return "DATE", dt.date(year, month, day).isoformat(), None
    month, weekday, nth = FLOATING_HOLIDAYS[name]
    return "DATE", anchor.nth_weekday(year, month, weekday, nth).isoformat(), None


def _reference(ctx: Context, cand: Candidate, g: Groups) -> Value | None:
    return "DATE", REFERENCE_WORDS[norm_words(g["ref"] or "")], None


def _reference_date(ctx: Context, cand: Candidate) -> tuple[str, dt.date | None]:
    """The granularity and date that ``earlier``/``later`` offsets count from."""
    value = ctx.last_value or ""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day", dt.date.fromisoformat(value)
    return "dct", ctx.dct


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
        return str((base.year + 10 * n) // 10)
    if unit in ("century", "centurie"):
        return f"{(base.year + 100 * n) // 100:02d}"
    if unit in ("hour", "minute", "second"):
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
        _, base = _reference_date(ctx, cand)
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
    return "DATE", value, _pos_mod(g)


def _groups_only(
    func: Callable[[Groups], Value | None],
) -> Callable[[Context, Candidate, Groups], Value | None]:
    return lambda ctx, cand, g: func(g)


NORMALIZERS: dict[str, Callable[[Context, Candidate, Groups], Value | None]] = {
    "iso_date": _iso, "slash_date": _iso, "month_day": _date, "day_month": _date,
    "month_year": _month_year, "month": _bare_month, "decade": _decade, "century": _century,
    "month_rel_year": _month_rel_year,
    "decade_word": _decade_word, "spoken_year": _spoken_year, "unit_end": _unit_end, "the_year": _the_year,
    "fiscal_year": _year_value, "year": _year_value, "year_range": _year_range, "season": _season,
    "quarter": _quarter, "quarter_code": _quarter_code, "half": _half, "the_quarter": _the_quarter,
    "relative_unit": _relative_unit, "relative_weekday": _relative_weekday, "weekend": _weekend,
    "offset": _offset, "year_ago_adj": _year_ago_adj, "this_unit_pos": _this_unit_pos,
    "earlier_in": _earlier_in, "duration": _groups_only(normalize_duration),
    "vague_duration": _groups_only(normalize_vague_duration),
    "set_every": _groups_only(normalize_set_every), "set_adverb": _groups_only(normalize_set_adverb),
    "holiday": _holiday, "clock": _clock,
    "clock24": _clock, "noon": _noon, "day_pod": _pod, "pod_of_day": _pod, "this_pod": _this_pod,
    "dayword": _dayword, "weekday": _weekday_rule, "reference": _reference,
}  # fmt: skip


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
    if (
        kind == "DATE"
        and re.fullmatch(r"\d{4}-\d\d-\d\d", value)
        and cand.rule in ("month_day", "day_month", "iso_date", "slash_date")
    ):
        ctx.last_value = value
    return result
