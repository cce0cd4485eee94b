# ruff: noqa: E501  (the rule table reads best one regex per line)
"""Finding candidate temporal expressions: regex rules over the raw text.

Each :class:`Rule` names a kind of expression (``month_day``, ``duration``...) that
:mod:`dragoman.time.normalize` knows how to value. All rules run over the text; overlapping
matches are resolved longest-first so that ``Friday, July 21, 2017`` wins over ``Friday`` and
``2017``. Span extents follow the TimeML guidelines as the TempEval-3 corpora apply them:
determiners and quantity modifiers (``the past two months``, ``more than four hours``) are inside,
prepositions (``in``, ``on``, ``since``) are outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.time.patterns import (
    AMBIGUOUS_MONTHS,
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


@dataclass(frozen=True, slots=True)
class Rule:
    """A named recognition pattern; ``name`` tells the normaliser how to value its match."""

    name: str
    regex: re.Pattern[str]
    priority: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched span, the rule that found it and the match (for its named groups)."""

    start: int
    end: int
    rule: str
    match: re.Match[str]
    priority: int = 0


def _rule(name: str, pattern: str, priority: int = 0) -> Rule:
    # Anchoring every rule at a word start lets the engine skip most positions cheaply.
    return Rule(name, re.compile(r"(?<![\w'’])(?=[\w'])" + pattern, re.IGNORECASE), priority)


_HOLIDAY_NAMES = alternation(list(HOLIDAYS) + list(FLOATING_HOLIDAYS))
_REF_WORDS = alternation(REFERENCE_WORDS)

RULES: tuple[Rule, ...] = (
    _rule("iso_date", _NOT_NUM_BEFORE + r"(?P<year>" + YEAR + r")-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?(?![\d:])", 5),
    _rule("slash_date", _NOT_NUM_BEFORE + r"(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])", 5),
    _rule("month_day", r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:" + _POS + r"\s+)?(?P<month>" + MONTH + r")\s+" + _DAY + r"(?:,?\s+(?P<year>" + YEAR + r")(?!\d))?", 4),
    _rule("day_month", r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?(?P<month>" + MONTH + r")(?:,?\s+(?P<year>" + YEAR + r")(?!\d))?", 4),
    _rule("month_year", r"(?:" + _POS + r"\s*)?(?P<month>" + MONTH + r"),?\s+(?:of\s+)?(?P<year>" + YEAR + r")(?!\d)", 3),
    _rule("month_rel_year", r"(?P<month>" + MONTH + r")\s+(?:" + _DAY + r"\s+)?(?P<rel>last|this|next)\s+year(?!\w)", 4),
    _rule("month", r"(?:(?:" + _REL + r"|" + _POS + r")[\s-]*)?(?P<month>" + MONTH + r")", 1),
    _rule("decade", r"(?:the\s+)?(?:" + _POS + r"[\s-]*)?(?P<decade>1[0-9]\d0|20\d0|'\d0)'?s(?!\w)", 3),
    _rule("decade_word", r"(?:the\s+)(?:" + _POS + r"[\s-]*)?(?P<decword>" + alternation(DECADE_WORDS) + r")(?!\w)", 3),
    _rule("spoken_year", r"(?:the\s+year\s+)?" + SPOKEN_YEAR, 2),
    _rule("unit_end", r"(?:(?P<pos>the\s+(?:end|beginning|start|middle|close)\s+of)\s+(?:the|this)\s+(?P<unit>year|month|week|quarter|decade)|(?P<yearend>year[\s-]end|year'?s\s+end))(?![\w-])", 3),
    _rule("the_year", r"the\s+(?P<which>full\s+|fiscal\s+|latest\s+fiscal\s+|current\s+fiscal\s+)?year(?P<ended>\s+(?:ended|ending|to\s+date|through))?(?![\w'’-])(?!\s+(?:of|before|after|earlier|later|ago|in\s+which|when|that|and\s+a\s+half)\b)", 0),
    _rule("century", r"(?:the\s+)?(?:" + _POS + r"[\s-]+)?(?P<ord>" + ORDINAL + r")[\s-]+century", 3),
    _rule("fiscal_year", r"(?:" + _POS + r"\s+)?(?:fiscal(?:\s+year)?|FY)\s*'?(?P<year>" + YEAR + r"|\d\d)(?!\d)", 3),
    _rule("year", r"(?:(?:the\s+)?(?:(?:" + _POS + r"[\s-]*)|(?:the\s+)?(?:year|summer|spring|fall|autumn|winter)\s+(?:of\s+)?))?(?<![\w$£€#.,/])(?<![\d,]-)(?P<year>" + YEAR + r")" + _NOT_NUM_AFTER + r"(?!'?s\b|\s*(?:-|to)\s*\d)", 2),
    _rule("year_range", _NOT_NUM_BEFORE + r"(?P<year>" + YEAR + r")\s*(?:-|–|to)\s*(?P<year2>" + YEAR + r"|\d\d)" + _NOT_NUM_AFTER, 2),
    _rule("season", r"(?:(?:" + _REL + r"|the|" + _POS + r")\s+)?(?P<season>" + SEASON + r")(?:\s+(?:of\s+)?(?P<year>" + YEAR + r"))?(?!\w)", 1),
    _rule("quarter", r"(?:the\s+)?(?:(?P<year0>" + YEAR + r")\s+|(?P<yrel>last|next|this|current)\s+year'?s\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)|(?P<qrel>latest|current|year-ago|year-earlier|previous|prior|recent|this|next|last|same|comparable|fiscal))?(?:[\s-]+fiscal)?[\s-]*(?:quarters?|period)(?![\w-])(?:\s+of\s+(?:fiscal\s+)?(?P<year>" + YEAR + r"))?", 2),
    _rule("quarter_code", r"(?<!\w)Q(?P<qnum>[1-4])(?:\s+|-|/)?(?P<year>" + YEAR + r")?(?!\w)", 2),
    _rule("half", r"(?:the\s+)?(?P<ord>first|second|latter|last)[\s-]+half(?:\s+of\s+(?:the\s+)?(?:(?P<year>" + YEAR + r")|(?P<unit>year|decade|century|month)))?", 2),
    _rule("the_quarter", r"the\s+quarter(?![\w-]|\s+(?:of|point|century|mile))", 0),
    _rule("relative_unit", r"(?:" + _POS + r"\s+)?(?:the\s+)?" + _REL + r"\s+(?P<unit>week|month|year|quarter|weekend|decade|century)(?!\w|-)", 3),
    _rule("relative_weekday", r"(?:" + _POS + r"\s+)?" + _REL + r"\s+(?P<wd>" + WEEKDAY + r")(?:\s+(?P<pod>" + PART_OF_DAY + r"))?", 3),
    _rule("weekend", r"(?:the|this|last|next|that|over\s+the)\s+weekend(?!\w)", 2),
    _rule("offset", r"(?:(?P<mod>" + PREFIX_MOD + r")\s+)?(?P<num>" + NUMBER + r"|" + VAGUE + r")(?:\s+or\s+so)?[\s-]+(?P<unit>" + UNIT + r")(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|hence|from\s+now|previously|back|(?:before|after)(?=\s*(?:[.,;:)!?\"'\n]|$|and\b|but\b|when\b)))(?!\w)", 4),
    _rule("year_ago_adj", r"(?:the\s+)?(?P<dir>year-ago|year-earlier|year-before)(?!\w)(?!\s+quarter)", 1),
    _rule("this_unit_pos", _POS + r"\s+(?P<rel>this|last|next)\s+(?P<unit>week|month|year)", 4),
    _rule("earlier_in", r"(?P<pos>earlier|later|early|late)\s+in\s+the\s+(?P<unit>week|month|year|day)", 3),
    _rule("duration", r"(?:(?:the|these|those)\s+(?:(?P<rel>past|last|next|first|coming|previous|latest|final|following|initial|remaining|ensuing|preceding)\s+)?)?(?:(?P<mod>" + PREFIX_MOD + r")\s+)?(?P<num>" + NUMBER + r"|" + VAGUE + r")(?P<half1>\s+and\s+a\s+half)?(?:\s+(?:more|additional|straight|consecutive|full|long|trading|business|working|calendar))?[\s-]+(?P<unit>" + UNIT + r")(?P<half2>\s+and\s+a\s+half)?(?!-old|\s+old\b)", 2),
    _rule("vague_duration", r"(?:(?:the\s+)?(?P<rel>past|last|next|coming|recent|previous|following|ensuing)\s+|(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bfor\s\s))(?:few\s+|several\s+|many\s+)?(?P<unit>years|months|weeks|days|decades|hours|centuries|minutes)(?!\w)", 1),
    _rule("set_every", r"(?:every|each|per)\s+(?:other\s+)?(?P<num>" + NUMBER + r"\s+)?(?P<target>" + UNIT + r"|" + WEEKDAY + r"|" + MONTH + r"|" + SEASON + r"|morning|afternoon|evening|night)", 3),
    _rule("set_adverb", r"(?<![\w-])(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+(?:a|per)\s+(?:day|week|month|year)|once\s+(?:a|per)\s+(?:day|week|month|year))(?!\w)", 2),
    _rule("holiday", r"(?:(?P<rel>last|this|next)\s+)?(?P<holiday>" + _HOLIDAY_NAMES + r")(?:\s+(?P<year>" + YEAR + r"))?(?!\w)", 2),
    _rule("clock", r"(?:(?P<mod>about|around|approximately|roughly|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*" + _AMPM + _TZ + r"(?:,?\s+(?:on\s+)?(?P<anchor>" + _DAYWORD + r"|" + WEEKDAY + r"))?", 4),
    _rule("clock24", r"(?<=\bat\s)(?P<hour>[0-2]?\d)[:](?P<minute>[0-5]\d)(?:\s*(?:GMT|UTC|local\s+time|hours|hrs))?(?![\d:])", 3),
    _rule("noon", r"(?:(?P<mod>about|around|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?(?P<noon>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<anchor>" + _DAYWORD + r"|" + WEEKDAY + r"))?", 3),
    _rule("day_pod", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<anchor>" + _DAYWORD + r"|" + WEEKDAY + r")\s+(?P<pod>" + PART_OF_DAY + r")", 3),
    _rule("pod_of_day", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?:on\s+)?(?P<pod>" + PART_OF_DAY + r")\s+(?:of\s+)?(?P<anchor>" + _DAYWORD + r"|" + WEEKDAY + r")", 3),
    _rule("this_pod", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>" + PART_OF_DAY + r")", 3),
    _rule("dayword", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<dayword>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|" + _DAYWORD + r")(?!\w)", 2),
    _rule("weekday", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<wd>" + WEEKDAY + r")", 1),
    _rule("reference", r"(?<![\w-])(?P<ref>" + _REF_WORDS + r")(?![\w-])", 0),
)  # fmt: skip

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

_CAPITALISED = {"month", "weekday", "holiday", "relative_weekday", "day_pod", "pod_of_day"}
_TEMPORAL_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|through|from|before|after|last|next|this|early|late|"
    r"mid|of|since|between|and|or|to|on|throughout)\s*|-)$",
    re.IGNORECASE,
)
#: What precedes ``a year`` in a rate (``$5 million a year``, ``four flights a week``): not a timex.
_RATE_BEFORE = re.compile(
    r"(?:\d|million|billion|trillion|thousand|hundred|percent|%|cents?|dollars?|times|twice|once|"
    r"\b(?!(?:wa|ha|i|a|thi|it|hi|our|your|their|plu|thu|versu|les|acros|perhap|hour|day|minute|year|week|month)s\b)[a-z]+s)\s+$",
    re.IGNORECASE,
)
_COUNTED_NOUN_AFTER = re.compile(
    r"\s+(?!(?:was|has|is|saw|brings|marks|elections|levels|figures|results|budget)\b)[a-z]+s\b"
)
_MONTH_VERB_AFTER = re.compile(r"^\s+(?:be|have|not|also|well|never|still|the|a|an|on)\b", re.IGNORECASE)


def _accept(rule: str, m: re.Match[str], text: str) -> bool:
    """Context filters that reject common false positives of an otherwise matching rule."""
    groups = m.groupdict()
    for key in ("month", "wd", "holiday"):
        word = groups.get(key)
        if word and not word[0].isupper() and not word.isdigit():
            return False
    if groups.get("anchor") and groups["anchor"][0].isalpha() and rule in _CAPITALISED:
        anchor = groups["anchor"]
        if anchor.lower() not in ("today", "yesterday", "tomorrow", "tonight") and not anchor[0].isupper():
            return False
    if rule == "month":
        word = groups["month"].rstrip(".").lower()
        if (word in AMBIGUOUS_MONTHS or groups["month"].isupper()) and not (
            groups.get("rel") or groups.get("pos")
        ):
            before = text[max(0, m.start() - 12) : m.start()]
            if not _TEMPORAL_CUE_BEFORE.search(before) or _MONTH_VERB_AFTER.match(text[m.end() :]):
                return False
            if word == "may" and re.search(
                r"\b(?:they|it|he|she|we|you|i|this|that|which|who)\s+$", before, re.I
            ):
                return False
        if len(word) <= 3 and word != "may" and not groups["month"].endswith("."):
            return False
    if rule == "quarter":
        if not (groups.get("year0") or groups.get("ord") or groups.get("qrel")):
            return False
        if m.group(0).lower().endswith("period") and not (
            groups.get("year0") or groups.get("qrel") in ("latest", "year-ago", "year-earlier", "comparable")
        ):
            return False
    if rule == "weekday":
        word = groups["wd"]
        if word.rstrip(".").lower() in ("sun", "sat", "wed", "mon", "fri", "thu", "tue"):
            return False
    if rule == "season" and not (groups.get("rel") or groups.get("pos") or groups.get("year")):
        before = text[max(0, m.start() - 10) : m.start()]
        if not re.search(
            r"\b(?:in|this|last|next|during|since|until|by|over|into|through|throughout)\s+(?:the\s+)?$",
            before,
            re.I,
        ):
            return False
    fall_alone = rule == "season" and groups.get("season", "").lower() == "fall" and not groups.get("year")
    if fall_alone and (not groups.get("rel") or groups["rel"].lower() == "the"):
        return False
    if rule == "reference":
        return _accept_reference(groups["ref"].lower(), m, text)
    if rule in ("duration", "offset"):
        num = groups["num"].lower()
        unit = groups["unit"].lower()
        if num in ("a", "an", "one") and unit.startswith(("second", "minute")) and not groups.get("mod"):
            return False
        if re.match(r"\d", num) and re.search(r"[$£€]\s*$", text[max(0, m.start() - 2) : m.start()]):
            return False
        if unit.startswith("quarter") and (
            num in ("a", "an", "one") or text[m.end() : m.end() + 4] in (" of ", " of\n")
        ):
            return False
        if (
            rule == "duration"
            and num in ("a", "an")
            and (groups["unit"][0].isupper() or _RATE_BEFORE.search(text[max(0, m.start() - 25) : m.start()]))
        ):
            return False
    # A bare number that is a year only by its digits: reject counts of things ("2010 voters").
    if rule == "year" and not groups.get("pos") and _COUNTED_NOUN_AFTER.match(text, m.end()):
        return False
    if rule == "vague_duration" and not groups.get("rel"):
        unit = groups["unit"].lower()
        if unit in ("hours", "minutes"):
            return False
    return True


def _accept_reference(word: str, m: re.Match[str], text: str) -> bool:
    after = text[m.end() : m.end() + 20]
    before = text[max(0, m.start() - 20) : m.start()]
    if word == "current":
        # "current" is a timex when it means "now" (current account/current affairs excluded).
        return not re.match(r"\s+(?:account|affairs|events|affair|of|flow|flows)\b", after, re.I)
    if word == "soon":
        # "soon after X" / "as soon as" order events; they do not point at the future
        return not re.match(
            r"\s+(?:after|before|as|thereafter|afterwards?)\b", after, re.I
        ) and not re.search(r"\bas\s+$", before, re.I)
    if word == "now":
        # Discourse "Now, ..." is still PRESENT_REF in TimeML; the conjunction "now that" is not.
        return not re.match(r"\s+that\b", after, re.I)
    if word == "recent":
        return not re.match(r"\s+(?:years|months|weeks|days|decades)\b", after, re.I)
    return True


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged; every rule match lies inside one."""
    windows: list[tuple[int, int]] = []
    size = len(text)
    for m in TRIGGER.finditer(text):
        start = max(0, m.start() - WINDOW_BEFORE)
        end = min(size, m.end() + WINDOW_AFTER)
        while end < size and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's accepted matches in ``text``, overlapping.

    Rules only run in windows around trigger words (:data:`TRIGGER`), which keeps the tagger fast
    on long texts with few temporal expressions.

    Args:
        text: the document text.

    Returns:
        Candidates in no particular order; :func:`select` makes them a non-overlapping list.
    """
    found: list[Candidate] = []
    windows = _windows(text)
    for rule in RULES:
        for m in (m for start, end in windows for m in rule.regex.finditer(text, start, end)):
            if m.end() > m.start() and _accept(rule.name, m, text):
                start, end = m.start(), m.end()
                while end > start and text[end - 1] in " \t\n,":
                    end -= 1
                found.append(Candidate(start, end, rule.name, m, rule.priority))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Resolve overlaps: longest span first, then rule priority, then leftmost.

    Args:
        candidates: output of :func:`find_candidates`.

    Returns:
        Non-overlapping candidates sorted by start offset.
    """
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in ordered:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    return sorted(taken, key=lambda c: c.start)
