"""The recognition rules: one named regular expression per kind of temporal expression.

Each :class:`Rule` names a kind of expression (``month_day``, ``duration``...) that
:mod:`dragoman.time.normalize` knows how to value; :mod:`dragoman.time.recognize` runs them and
resolves their overlaps. The fragments come from :mod:`dragoman.time.patterns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.time.patterns import (
    DAY_OFFSETS,
    DECADE_WORDS,
    FLOATING_HOLIDAYS,
    HOLIDAYS,
    MONTH,
    MONTHS,
    NUMBER,
    ORDINAL,
    PART_OF_DAY,
    PARTS_OF_DAY,
    PREFIX_MOD,
    REFERENCE_WORDS,
    SEASON,
    SEASONS,
    SPOKEN_YEAR,
    UNIT,
    UNITS,
    VAGUE,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    alternation,
)

MONTHS_AND_DAYS = list(MONTHS) + list(WEEKDAYS) + [w + "s" for w in WEEKDAYS]

_POS = (
    r"(?P<pos>early|earlier|late|later|mid-?|the\s+(?:beginning|start|middle|end|close)\s+of"
    r"|(?:beginning|start|middle|end)\s+of)"
)
_REL = r"(?P<rel>last|this|next|past|coming|previous|current|following|this\s+past|this\s+coming)"
_AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
_TZ = r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|local\s+time))?"
_DAYWORD = r"(?:today|yesterday|tomorrow|tonight)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_NOT_NUM_BEFORE = r"(?<![\w$£€#.,/-])"
_NOT_NUM_AFTER = r"(?![\d%]|,\d|\.\d|-\d|\s?(?:percent|per\s+cent)\b)"
#: After a year: no number continues it, except a second full year (``1991-1997``, ``2004 to 2009``
#: are two DATEs in TimeML; ``1991-97`` stays one span, see ``year_range``).
_YEAR_AFTER = (
    r"(?![\d%]|,\d|\.\d|\s?(?:percent|per\s+cent)\b|'?s\b|\s*(?:-|–|to)\s*(?!" + YEAR + r"(?!\d))\d)"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named recognition pattern; ``name`` tells the normaliser how to value its match."""

    name: str
    regex: re.Pattern[str]
    priority: int = 0


def _rule(name: str, pattern: str, priority: int = 0) -> Rule:
    # Anchoring every rule at a word start lets the engine skip most positions cheaply.
    return Rule(name, re.compile(r"(?<![\w'’])(?=[\w'])" + pattern, re.IGNORECASE), priority)


_HOLIDAY_NAMES = alternation(list(HOLIDAYS) + list(FLOATING_HOLIDAYS))
_REF_WORDS = alternation(REFERENCE_WORDS)

RULES: tuple[Rule, ...] = (
    _rule(
        "iso_date",
        _NOT_NUM_BEFORE
        + r"(?P<year>"
        + YEAR
        + r")-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?(?![\d:])",
        5,
    ),
    _rule(
        "slash_date",
        _NOT_NUM_BEFORE + r"(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])",
        5,
    ),
    _rule(
        "month_day",
        r"(?:(?P<wd>"
        + WEEKDAY
        + r"),?\s+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?:"
        + _POS
        + r"\s+)?(?P<month>"
        + MONTH
        + r")\s+"
        + _DAY
        + r"(?:,?\s+(?P<year>"
        + YEAR
        + r")(?!\d))?",
        4,
    ),
    _rule(
        "second_day",
        r"(?:(?<=\band\s)|(?<=\bor\s)|(?<=\bto\s)|(?<=\d-)|(?<=\d–))(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on|and|to|of|the|when|as|before|after|with|for|respectively)\b)",
        1,
    ),
    _rule(
        "day_month",
        r"(?:(?P<wd>"
        + WEEKDAY
        + r"),?\s+)?(?:the\s+)?"
        + _DAY
        + r"\s+(?:of\s+)?(?P<month>"
        + MONTH
        + r")(?:,?\s+(?P<year>"
        + YEAR
        + r")(?!\d))?",
        4,
    ),
    _rule(
        "month_year",
        r"(?:" + _POS + r"\s*)?(?P<month>" + MONTH + r"),?\s+(?:of\s+)?(?P<year>" + YEAR + r")(?!\d)",
        3,
    ),
    _rule(
        "month_rel_year",
        r"(?P<month>" + MONTH + r")\s+(?:" + _DAY + r"\s+)?(?P<rel>last|this|next)\s+year(?!\w)",
        4,
    ),
    _rule("month", r"(?:(?:" + _REL + r"|" + _POS + r")[\s-]*)?(?P<month>" + MONTH + r")", 1),
    _rule("decade", r"(?:the\s+)?(?:" + _POS + r"[\s-]*)?(?P<decade>1[0-9]\d0|20\d0|'\d0)'?s(?!\w)", 3),
    _rule(
        "decade_word",
        r"(?:the\s+)(?:" + _POS + r"[\s-]*)?(?P<decword>" + alternation(DECADE_WORDS) + r")(?!\w)",
        3,
    ),
    _rule("spoken_year", r"(?:the\s+year\s+)?" + SPOKEN_YEAR, 2),
    _rule(
        "unit_end",
        r"(?:(?P<pos>the\s+(?:end|beginning|start|middle|close)\s+of)\s+(?:the|this)\s+(?P<unit>year|month|week|quarter|decade)|(?P<yearend>year[\s-]end|year'?s\s+end))(?![\w-])",
        3,
    ),
    _rule(
        "the_year",
        r"the\s+(?P<which>full\s+|fiscal\s+|latest\s+fiscal\s+|current\s+fiscal\s+)?year(?P<ended>\s+(?:ended|ending|to\s+date|through))?(?![\w'’-])(?!\s+(?:of|before|after|earlier|later|ago|in\s+which|when|that|and\s+a\s+half)\b)",
        0,
    ),
    _rule("century", r"(?:the\s+)?(?:" + _POS + r"[\s-]+)?(?P<ord>" + ORDINAL + r")[\s-]+century", 3),
    _rule(
        "fiscal_year",
        r"(?:" + _POS + r"\s+)?(?:fiscal(?:\s+year)?|FY)\s*'?(?P<year>" + YEAR + r"|\d\d)(?!\d)",
        3,
    ),
    _rule(
        "year",
        r"(?:(?:the\s+)?(?:(?:"
        + _POS
        + r"[\s-]*)|(?:the\s+)?(?:year|summer|spring|fall|autumn|winter)\s+(?:of\s+)?))?(?<![\w$£€#.,/])"
        + r"(?:(?<![\d,]-)|(?<=\d\d\d\d-))(?P<year>"
        + YEAR
        + r")"
        + _YEAR_AFTER,
        2,
    ),
    _rule(
        "year_range",
        _NOT_NUM_BEFORE + r"(?P<year>" + YEAR + r")\s*(?:-|–|to)\s*(?P<year2>\d\d)" + _NOT_NUM_AFTER,
        2,
    ),
    _rule(
        "season",
        r"(?:(?:"
        + _REL
        + r"|the|"
        + _POS
        + r")\s+)?(?P<season>"
        + SEASON
        + r")(?:\s+(?:of\s+)?(?P<year>"
        + YEAR
        + r"))?(?!\w)",
        1,
    ),
    _rule(
        "quarter",
        r"(?:the\s+)?(?:(?P<year0>"
        + YEAR
        + r")\s+|(?P<yrel>last|next|this|current)\s+year'?s\s+)?(?:(?P<ord>first|second|third|fourth|1st"
        + r"|2nd|3rd|4th|final|last)|(?P<qrel>latest|current|year-ago|year-earlier|previous|prior|recent"
        + r"|this|next|last|same|comparable|fiscal))?(?:[\s-]+fiscal)?[\s-]*(?:quarters?|period)(?![\w-])"
        + r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>"
        + YEAR
        + r"))?",
        2,
    ),
    _rule("quarter_code", r"(?<!\w)Q(?P<qnum>[1-4])(?:\s+|-|/)?(?P<year>" + YEAR + r")?(?!\w)", 2),
    _rule(
        "half",
        r"(?:the\s+)?(?P<ord>first|second|latter|last)[\s-]+half(?:\s+of\s+(?:the\s+)?(?:(?P<year>"
        + YEAR
        + r")|(?P<unit>year|decade|century|month)))?",
        2,
    ),
    _rule("the_quarter", r"the\s+quarter(?![\w-]|\s+(?:of|point|century|mile))", 0),
    _rule(
        "relative_unit",
        r"(?:"
        + _POS
        + r"\s+)?(?:the\s+)?"
        + _REL
        + r"\s+(?P<unit>week|month|year|quarter|weekend|decade|century)(?!\w|-)",
        3,
    ),
    _rule(
        "anaphoric",
        r"(?:(?P<pos>earlier|later|early|late)\s+)?(?:(?:that(?:\s+same)?|the\s+same)\s+(?P<unit>day|week|month|year"
        r"|morning|afternoon|evening|night)|the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit2>day"
        r"|morning|afternoon|evening|night))(?![\w-])(?!\s+(?:of|that|when|in\s+which)\b)",
        3,
    ),
    _rule(
        "relative_weekday",
        r"(?:" + _POS + r"\s+)?" + _REL + r"\s+(?P<wd>" + WEEKDAY + r")(?:\s+(?P<pod>" + PART_OF_DAY + r"))?",
        3,
    ),
    _rule("weekend", r"(?:the|this|last|next|that|over\s+the)\s+weekend(?!\w)", 2),
    _rule(
        "offset",
        r"(?:(?P<mod>"
        + PREFIX_MOD
        + r")\s+)?(?P<num>"
        + NUMBER
        + r"|"
        + VAGUE
        + r")(?:\s+or\s+so)?[\s-]+(?P<unit>"
        + UNIT
        + r")(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|hence|from\s+now|previously|back|(?:before"
        + r"|after)(?=\s*(?:[.,;:)!?\"'\n]|$|and\b|but\b|when\b)))(?!\w)",
        4,
    ),
    _rule("year_ago_adj", r"(?:the\s+)?(?P<dir>year-ago|year-earlier|year-before)(?!\w)(?!\s+quarter)", 1),
    _rule("this_unit_pos", _POS + r"\s+(?P<rel>this|last|next)\s+(?P<unit>week|month|year)", 4),
    _rule("earlier_in", r"(?P<pos>earlier|later|early|late)\s+in\s+the\s+(?P<unit>week|month|year|day)", 3),
    _rule(
        "duration",
        r"(?:(?:the|these|those)\s+(?:(?P<rel>past|last|next|first|coming|previous|latest|final|following|initial|remaining|ensuing|preceding)\s+)?)?(?:(?P<mod>"
        + PREFIX_MOD
        + r")\s+)?(?P<num>"
        + NUMBER
        + r"|"
        + VAGUE
        + r")(?P<half1>\s+and\s+a\s+half)?(?:\s+(?:more|additional|straight|consecutive|full|long|trading"
        + r"|business|working|calendar))?[\s-]+(?P<unit>"
        + UNIT
        + r")(?P<half2>\s+and\s+a\s+half)?(?!-old|\s+old\b)",
        2,
    ),
    _rule(
        "vague_duration",
        r"(?:(?:the\s+)?(?P<rel>past|last|next|coming|recent|previous|following|ensuing)\s+|(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bfor\s\s))(?:few\s+|several\s+|many\s+)?(?P<unit>years|months|weeks|days|decades|hours|centuries|minutes)(?!\w)",
        1,
    ),
    _rule(
        "set_every",
        r"(?:every|each|per)\s+(?:other\s+)?(?P<num>"
        + NUMBER
        + r"\s+)?(?P<target>"
        + UNIT
        + r"|"
        + WEEKDAY
        + r"|"
        + MONTH
        + r"|"
        + SEASON
        + r"|morning|afternoon|evening|night)",
        3,
    ),
    _rule(
        "set_adverb",
        r"(?<![\w-])(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+(?:a|per)\s+(?:day|week|month|year)|once\s+(?:a|per)\s+(?:day|week|month|year))(?!\w)",
        2,
    ),
    _rule(
        "holiday",
        r"(?:(?P<rel>last|this|next)\s+)?(?P<holiday>"
        + _HOLIDAY_NAMES
        + r")(?:\s+(?P<year>"
        + YEAR
        + r"))?(?!\w)",
        2,
    ),
    _rule(
        "clock",
        r"(?:(?P<mod>about|around|approximately|roughly|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*"
        + _AMPM
        + _TZ
        + r"(?:,?\s+(?:on\s+)?(?P<anchor>"
        + _DAYWORD
        + r"|"
        + WEEKDAY
        + r"))?",
        4,
    ),
    _rule(
        "clock24",
        r"(?<=\bat\s)(?P<hour>[0-2]?\d)[:](?P<minute>[0-5]\d)(?:\s*(?:GMT|UTC|local\s+time|hours|hrs))?(?![\d:])",
        3,
    ),
    _rule(
        "noon",
        r"(?:(?P<mod>about|around|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?(?P<noon>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<anchor>"
        + _DAYWORD
        + r"|"
        + WEEKDAY
        + r"))?",
        3,
    ),
    _rule(
        "day_pod",
        r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<anchor>"
        + _DAYWORD
        + r"|"
        + WEEKDAY
        + r")\s+(?P<pod>"
        + PART_OF_DAY
        + r")",
        3,
    ),
    _rule(
        "pod_of_day",
        r"(?:(?P<pos>early|late|earlier|later)\s+)?(?:on\s+)?(?P<pod>"
        + PART_OF_DAY
        + r")\s+(?:of\s+)?(?P<anchor>"
        + _DAYWORD
        + r"|"
        + WEEKDAY
        + r")",
        3,
    ),
    _rule(
        "this_pod",
        r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>"
        + PART_OF_DAY
        + r")",
        3,
    ),
    _rule(
        "dayword",
        r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<dayword>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        + _DAYWORD
        + r")(?!\w)",
        2,
    ),
    _rule("weekday", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<wd>" + WEEKDAY + r")", 1),
    _rule("reference", r"(?<![\w-])(?P<ref>" + _REF_WORDS + r")(?![\w-])", 0),
)

#: What precedes the second day of ``April 24 and 25`` / ``Oct. 5-7``: a capitalised month and a day.
SECOND_DAY_BEFORE = re.compile(
    r"(?<![\w.])(?P<month>" + MONTH + r")\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:and|or|to|-|–)\s*$", re.IGNORECASE
)

#: Words and digit shapes at least one of which every rule's match contains.
TRIGGER = re.compile(
    r"(?<!\w)(?:"
    + alternation([w.capitalize() for w in MONTHS_AND_DAYS] + [w.upper() for w in MONTHS_AND_DAYS])
    + r"|(?i:"
    + alternation(
        [u for u in UNITS if u != "second"] + [u + "s" for u in UNITS] + ["centuries", "millennia"]
        + list(SEASONS) + list(PARTS_OF_DAY) + [w for w in REFERENCE_WORDS if " " not in w]
        + list(DAY_OFFSETS) + list(DECADE_WORDS)
        + ["now", "present", "past", "future", "term", "noon", "midnight", "midday", "daily", "weekly",
           "monthly", "annually", "yearly", "hourly", "nightly", "biweekly", "semiannually", "half", "period",
           "fiscal", "fy", "nineteen", "eighteen", "thousand", "christmas", "thanksgiving", "halloween",
           "year-ago", "year-earlier", "year-before"]
    )
    + r"|1[6-9]\d\d|20\d\d|\d{1,2}\s*[ap]\.?\s?m\b|\d+[/:]\d|q[1-4]|'\d0s|\d0s|\d{1,2}-\w+))",
)  # fmt: skip
#: Characters a match may extend before and after its trigger word.
WINDOW_BEFORE = 40
WINDOW_AFTER = 30
