"""Temporal expressions: a rule-based TIMEX3 tagger normalising against the publication date.

``tag_timexes(text, dct)`` finds DATE, TIME, DURATION and SET expressions with regular expressions
(:mod:`dragoman.time.recognize`), then values them against the document creation time
(:mod:`dragoman.time.normalize`): in an article of 2026-01-20, ``January 15`` is ``2026-01-15``,
``last week`` ``2026-W03``, ``three years`` ``P3Y`` and ``now`` ``PRESENT_REF``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dragoman.record import Timex
from dragoman.time.context import Context
from dragoman.time.normalize import normalize
from dragoman.time.recognize import find_candidates, select

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["tag_timexes"]


def tag_timexes(text: str, dct: dt.date | None, doc: Doc | None = None) -> list[Timex]:
    """Find and normalise the TIMEX3 expressions of a document.

    Args:
        text: the document text; offsets index it exactly.
        dct: the document creation (publication) date, or ``None`` when unknown: relative
            expressions then get underspecified values such as ``XXXX-WXX``.
        doc: optional spaCy Doc of ``text``, used for tense cues (``will`` / ``said``) when
            resolving weekday and month names to the past or the future.

    Returns:
        Non-overlapping timexes sorted by start offset.
    """
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    ctx = Context(text=text, dct=dct, doc=doc)
    timexes: list[Timex] = []
    for cand in select(find_candidates(text)):
        result = normalize(cand, ctx)
        if result is None:
            continue
        kind, value, mod = result
        timexes.append(Timex(cand.start, cand.end, text[cand.start : cand.end], kind, value, mod))
    return timexes
