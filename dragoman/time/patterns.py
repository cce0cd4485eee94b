"""Vocabulary of English temporal expressions, kept as data, and the regex fragments built from it.

Everything the recogniser needs to know about words (month and weekday names, number words, units,
seasons, parts of the day, holidays, modifiers) lives here; :mod:`dragoman.time.recognize` only
assembles these fragments into rules and :mod:`dragoman.time.normalize` maps matched words back to
values through the same tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

#: Month names that are also common English words; alone they need a temporal cue to count.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jun", "jan", "dec", "sep", "oct"})

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "thousand": 1000,
    "a thousand": 1000, "half a": 0.5, "half an": 0.5, "a couple of": 2, "couple of": 2,
    "a couple": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip

#: Quantifiers that make a duration's number unspecified (``PXY``).
VAGUE_QUANTITIES = frozenset(
    {"several", "a few", "few", "many", "some", "recent", "the past few", "numerous", "the coming"}
)

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "13th": 13, "fourteenth": 14, "14th": 14, "fifteenth": 15,
    "15th": 15, "sixteenth": 16, "16th": 16, "seventeenth": 17, "17th": 17, "eighteenth": 18,
    "18th": 18, "nineteenth": 19, "19th": 19, "twentieth": 20, "20th": 20,
    "twenty-first": 21, "21st": 21, "last": 4, "final": 4,
}  # fmt: skip

#: Duration units: word (singular) -> (ISO 8601 designator, needs the ``T`` time prefix, factor).
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "centurie": ("Y", False, 100), "millennium": ("Y", False, 1000),
    "millennia": ("Y", False, 1000), "weekend": ("D", False, 2),
}  # fmt: skip

#: TIMEX3 value letters for underspecified multiples of a unit (``PXY``, ``PTXH``...).
VAGUE_UNIT_LETTER: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
    "weekend": "WE", "fortnight": "W", "millennium": "ML", "millennia": "ML",
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "mid-afternoon": "AF", "mid afternoon": "AF", "midafternoon": "AF", "mid-morning": "MO",
    "mid morning": "MO", "midmorning": "MO",
}  # fmt: skip

#: Adverbs and adjectives with a fixed TIMEX3 reference value. ``soon`` is left out: the TempEval-3
#: corpora annotate it in under a third of its uses (it mostly orders events, ``soon became``).
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "right now": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "someday": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the coming years": "FUTURE_REF",
    "recent years": "PAST_REF", "the recent past": "PAST_REF",
}  # fmt: skip

#: Decades in words: ``the nineties`` -> ``199``.
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

#: Day-relative words: word -> day offset from the document creation time.
DAY_OFFSETS: dict[str, int] = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}

#: Fixed-date holidays: name -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "independence day": (7, 4), "halloween": (10, 31),
    "bastille day": (7, 14), "st. patrick's day": (3, 17), "new year": (1, 1),
}  # fmt: skip

#: Holidays on the n-th weekday of a month: name -> (month, ISO weekday, n; -1 for the last).
FLOATING_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3), "presidents' day": (2, 1, 3),
}  # fmt: skip

#: Modifier words before an expression -> TIMEX3 ``mod``.
PREFIX_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "approximately": "APPROX", "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "upwards of": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "just over": "MORE_THAN", "just under": "LESS_THAN",
}  # fmt: skip

#: Position words -> TIMEX3 ``mod`` (``early 1990`` -> START).
POSITION_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "start of": "START", "the early": "START", "mid": "MID",
    "mid-": "MID", "the middle of": "MID", "middle of": "MID", "the mid-": "MID",
    "late": "END", "later": "END", "the end of": "END", "end of": "END", "the late": "END",
    "the close of": "END",
}  # fmt: skip


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of ``words`` (longest first, dots and spaces escaped).

    Args:
        words: an iterable of literal strings.

    Returns:
        A non-capturing group such as ``(?:september|sept|sep)``.
    """
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_ABBR_MONTHS = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_FULL_MONTHS = [m for m in MONTHS if m not in _ABBR_MONTHS]
#: A month name, full or abbreviated (``Sept.``).
MONTH = r"(?:" + alternation(_FULL_MONTHS) + r"|" + alternation(_ABBR_MONTHS) + r"\.?)(?![\w])"
WEEKDAY = (
    r"(?:" + alternation([w for w in WEEKDAYS if len(w) > 4]) + r"s?(?!\w)"
    r"|" + alternation([w for w in WEEKDAYS if len(w) <= 4]) + r"\.(?!\w))"
)
_UNIT_WORDS = sorted(UNITS, key=len, reverse=True)
#: A unit word, singular or plural (``years``, ``centuries``).
UNIT = r"(?:centuries|millennia|" + "|".join(u + "s?" for u in _UNIT_WORDS) + r")(?![\w])"
_SMALL = alternation(
    [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an", "hundred", "thousand")]
)
#: A number in words or digits: ``twenty four``, ``twenty-four``, ``24``, ``a``, ``a couple of``.
NUMBER = (
    r"(?:\d+(?:[.,]\d+|\s+1/2|-1/2)?|"
    + _SMALL
    + r"(?:[\s-]+(?:"
    + _SMALL
    + r"))?(?:\s+(?:hundred|thousand))?"
    r"|a\s+hundred|a\s+thousand|a\s+couple\s+of|couple\s+of|a\s+couple|a\s+dozen|half\s+an?"
    r"|an?)(?![\w])"
)
VAGUE = alternation(["several", "a few", "few", "many", "some", "numerous"])
SEASON = alternation(SEASONS)
PART_OF_DAY = alternation(PARTS_OF_DAY)
ORDINAL = alternation(ORDINALS)
PREFIX_MOD = alternation(PREFIX_MODS)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_TENS = alternation(["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                     "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                     "eighty", "ninety"])  # fmt: skip
_UNITS_WORDS = alternation(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
#: A year said in words, as broadcast transcripts write it: ``nineteen ninety-six``, ``two thousand one``.
SPOKEN_YEAR = (
    r"(?:(?P<century>nineteen|eighteen)\s+(?P<tens>" + _TENS + r")(?:[\s-]+(?P<ones>" + _UNITS_WORDS + r"))?"
    r"|two\s+thousand(?:\s+(?:and\s+)?(?P<ones2>" + _UNITS_WORDS + r"|" + _TENS + r"))?)(?![\w-])"
)
