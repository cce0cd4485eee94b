"""Calendar arithmetic and tense cues for anchoring relative expressions to the publication date.

Values are TIMEX3 strings: ``2026-01-15`` (day), ``2026-W03`` (ISO week), ``2026-01`` (month),
``2026-Q1`` (quarter), ``2026-SU`` (season), ``2026`` (year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

Tense = Literal["past", "future"] | None

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned\s+for|scheduled|expected\s+to|due\s+to|"
    r"set\s+to|is\s+to|are\s+to|next|upcoming|would|intends?\s+to|to\s+be\s+held|hopes?\s+to)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:said|says|told|was|were|had|did|met|went|came|took|gave|made|held|began|left|won|lost|fell|rose|"
    r"sent|saw|spoke|wrote|became|got|hit|brought|bought|thought|sought|fought|struck|ran|sold|paid|led|"
    r"found|kept|felt|heard|stood|last|ago|earlier|[a-z]{2,}ed)\b"
)
_NOT_PAST = frozenset({"need", "indeed", "proceed", "exceed", "succeed", "speed", "feed", "seed", "bleed",
                       "breed", "greed", "weed", "planned", "scheduled", "expected", "united"})  # fmt: skip
#: How much farther a future date seems than a past one when a month has no year (news reports the past).
FUTURE_DISTANCE_WEIGHT = 1.5
#: Characters by which a future cue (``will``) counts as closer than it is.
FUTURE_CUE_BONUS = 5
_CLAUSE_BREAK = re.compile(r"[.;!?\n]")
#: "as soon as Tuesday", "as early as next month": a bound on something still to come.
#: Verbs whose ``to``-infinitive names an event still ahead (``plans to meet``, ``expected to vote``).
_PROSPECTIVE_VERBS = frozenset(
    {"plan", "expect", "schedule", "intend", "hope", "aim", "prepare", "set", "due"}
)
#: Verbs whose date argument is the time something is set for, not when the setting happened.
_SCHEDULING_VERBS = frozenset({"schedule", "postpone", "reschedule", "slate", "adjourn", "delay"})
_EARLIEST_BEFORE = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.IGNORECASE)


def tense_near(text: str, start: int, end: int, doc: Doc | None = None) -> Tense:
    """Guess whether an expression at ``text[start:end]`` refers to the past or the future.

    With a spaCy ``doc`` the governing verb's auxiliaries and tag decide; otherwise the closest
    tense cue in the same sentence does (``said Friday`` past, ``will meet on Friday`` future).

    Args:
        text: the document text.
        start: start offset of the expression.
        end: end offset of the expression.
        doc: optional spaCy Doc of ``text``.

    Returns:
        ``"past"``, ``"future"`` or ``None`` when no cue is found.
    """
    if _EARLIEST_BEFORE.search(text, max(0, start - 20), start):
        return "future"
    if doc is not None:
        tense = _tense_from_doc(doc, start)
        if tense is not None:
            return tense
    left = start
    while left > 0 and not _CLAUSE_BREAK.match(text[left - 1]) and start - left < 200:
        left -= 1
    right = end
    while right < len(text) and not _CLAUSE_BREAK.match(text[right]) and right - end < 200:
        right += 1
    best: tuple[int, Tense] | None = None
    for regex, tense in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
        for m in regex.finditer(text, left, right):
            if tense == "past" and m.group(0).lower() in _NOT_PAST:
                continue
            if m.start() < end and m.end() > start:
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            if tense == "future":
                distance -= FUTURE_CUE_BONUS  # a modal governs its clause: prefer it to a nearby participle
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else None


def _tense_from_doc(doc: Doc, start: int) -> Tense:
    token = None
    for tok in doc:
        if tok.idx <= start < tok.idx + len(tok.text):
            token = tok
            break
    if token is None:
        return None
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    for child in head.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in ("will", "shall", "'ll", "wo", "going"):
            return "future"
    if (
        head.tag_ == "VB"
        and head.dep_ == "xcomp"
        and head.head.lemma_.lower() in _PROSPECTIVE_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    ):
        # "planned to leave on Thursday", "is expected to vote Tuesday": an event still to come
        return "future"
    if head.lemma_.lower() in _SCHEDULING_VERBS:
        # "scheduled a news conference Thursday", "postponed until Tuesday": the date is ahead
        return "future"
    if head.tag_ == "VBD":
        return "past"
    if head.tag_ == "VBN":
        # "was held", "has met": past; "is to be held", "is expected": left to the word cues
        auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        if any(c.tag_ == "VBD" or c.lower_ in ("has", "have", "'ve") for c in auxes):
            return "past"
    return None


def day_value(day: dt.date) -> str:
    """``2026-01-15``."""
    return day.isoformat()


def week_value(day: dt.date, offset: int = 0) -> str:
    """The ISO week of ``day`` shifted by ``offset`` weeks, e.g. ``2026-W03``."""
    year, week, _ = (day + dt.timedelta(weeks=offset)).isocalendar()
    return f"{year}-W{week:02d}"


def month_value(day: dt.date, offset: int = 0) -> str:
    """The month of ``day`` shifted by ``offset`` months, e.g. ``2025-12``."""
    index = day.year * 12 + day.month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def quarter_of(day: dt.date) -> int:
    """The calendar quarter (1–4) ``day`` falls in."""
    return (day.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int, offset: int = 0) -> str:
    """``1998-Q3`` for quarter ``quarter`` of ``year`` shifted by ``offset`` quarters."""
    index = year * 4 + quarter - 1 + offset
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def season_of(day: dt.date) -> tuple[int, str]:
    """The meteorological season of ``day`` as (year, code); December counts as next year's winter."""
    if day.month == 12:
        return day.year + 1, "WI"
    return day.year, ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[day.month - 1]


_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def season_value(dct: dt.date, code: str, relation: str | None) -> str:
    """``2025-SU`` for ``last summer``/``this summer``/``next summer`` relative to ``dct``."""
    year, current = season_of(dct)
    here = _SEASON_ORDER[current]
    there = _SEASON_ORDER[code]
    if relation == "last":
        year = year if there < here else year - 1
    elif relation == "next":
        year = year if there > here else year + 1
    return f"{year}-{code}"


def weekday_date(dct: dt.date, weekday: int, direction: Tense) -> dt.date:
    """The date of ISO ``weekday`` nearest ``dct``: before it for the past, after it for the future.

    The publication day itself counts for either direction (news says "on Friday" on a Friday).
    """
    delta = weekday - dct.isoweekday()
    if direction == "future":
        return dct + dt.timedelta(days=delta % 7)
    return dct - dt.timedelta(days=(-delta) % 7)


def month_date_year(dct: dt.date, month: int, day: int | None, direction: Tense = None) -> int:
    """The year of a month (and day) given without one: the one nearest the DCT.

    News mostly reports the recent past, so a future date counts as 1.5 times as far as a past
    one; a tense cue against a candidate multiplies its distance by 1.5 again.
    """

    def on(year: int) -> dt.date:
        return dt.date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))

    return nearest_year(dct, on, direction)


def nearest_year(dct: dt.date, on: Callable[[int], dt.date], direction: Tense = None) -> int:
    """Of the years around the DCT, the one whose ``on(year)`` is nearest (see :func:`month_date_year`)."""
    best: tuple[float, int] | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        gap = (on(year) - dct).days
        cost = abs(gap) * (FUTURE_DISTANCE_WEIGHT if gap > 0 else 1.0)
        if (direction == "past" and gap > 0) or (direction == "future" and gap < 0):
            cost *= FUTURE_DISTANCE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best else dct.year


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month (``n == -1``: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` or ``None`` when that day does not exist."""
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)
