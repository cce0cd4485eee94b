"""What normalisation knows about a document, and the small word-to-number helpers rules share.

:class:`Context` carries the text, the document creation time (DCT), the optional spaCy parse and
the reference time: the last explicit date the text mentioned, which ``the following year`` and
``a day earlier`` count from (TimeML's temporal focus; HeidelTime keeps the same for narratives).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dragoman.time import anchor
from dragoman.time.durations import norm_words
from dragoman.time.patterns import MONTHS, POSITION_MODS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dragoman.time.recognize import Candidate

Groups = dict[str, str | None]


@dataclass(slots=True)
class Context:
    """What normalisation knows about the document: its text, DCT, parse and reference time."""

    text: str
    dct: dt.date | None
    doc: Doc | None = None
    #: The last explicit date the text mentioned at each granularity (``day``, ``month``, ``year``).
    mentions: dict[str, dt.date] = field(default_factory=dict)
    last_quarter: tuple[int, int] | None = None
    last_quarter_at: int = -10_000

    def tense(self, cand: Candidate) -> anchor.Tense:
        """The tense cue nearest the candidate (see :func:`anchor.tense_near`)."""
        return anchor.tense_near(self.text, cand.start, cand.end, self.doc)

    def mention(self, value: str) -> None:
        """Record an explicit calendar value (``1998-03-05``, ``1998-03``, ``1998``) as reference time."""
        m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
        if not m:
            return
        year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        date = anchor.safe_date(year, month, day)
        if date is None:
            return
        grains = ("year", "month", "day")[: 1 + (m.group(2) is not None) + (m.group(3) is not None)]
        for grain in grains:
            self.mentions[grain] = date
        for finer in ("month", "day")[len(grains) - 1 :]:
            # a new year or month makes an older, finer mention stale ("in 1995 ... that day")
            if finer in self.mentions and self.mentions[finer].year != year:
                del self.mentions[finer]

    def reference(self, granularity: str) -> dt.date | None:
        """The reference date for a unit (``year``, ``month``, ``day``): the last mention, else the DCT.

        A mention counts only when it is at least as fine as the unit (``1995`` anchors ``the
        following year``, not ``the following month``).
        """
        return self.mentions.get(granularity, self.dct)


def pos_mod(groups: Groups) -> str | None:
    """The TIMEX3 ``mod`` of a position word (``early`` START, ``mid-`` MID, ``the end of`` END)."""
    pos = groups.get("pos")
    if not pos:
        return None
    word = norm_words(pos)
    return POSITION_MODS.get(word) or POSITION_MODS.get(word.rstrip(" -")) or POSITION_MODS.get("mid")


def month_number(word: str | None) -> int:
    """``Sept.`` -> 9."""
    return MONTHS[(word or "").rstrip(".").lower()]


def weekday_number(word: str | None) -> int:
    """ISO weekday of a name (``Tuesdays`` -> 2)."""
    return WEEKDAYS[(word or "").rstrip(".").lower().removesuffix("s") or "monday"]


def year_number(text: str) -> int:
    """A year as written (``1998``, ``'98``, ``98``) as a four-digit number."""
    year = int(text.lstrip("'"))
    if year < 100:
        year += 1900 if year >= 30 else 2000
    return year


def offset_of(rel: str | None) -> int:
    """-1 for ``last``/``past``/``previous``, +1 for ``next``/``coming``/``following``, else 0."""
    word = norm_words(rel or "")
    if word in ("last", "past", "previous", "prior", "this past", "preceding"):
        return -1
    if word in ("next", "coming", "following", "this coming"):
        return 1
    return 0
