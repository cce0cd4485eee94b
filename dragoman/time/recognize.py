"""Finding candidate temporal expressions: regex rules over the raw text.

Each rule of :mod:`dragoman.time.rules` names a kind of expression (``month_day``, ``duration``...) that
:mod:`dragoman.time.normalize` knows how to value. All rules run over the text; overlapping
matches are resolved longest-first so that ``Friday, July 21, 2017`` wins over ``Friday`` and
``2017``. Span extents follow the TimeML guidelines as the TempEval-3 corpora apply them:
determiners and quantity modifiers (``the past two months``, ``more than four hours``) are inside,
prepositions (``in``, ``on``, ``since``) are outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.time.patterns import AMBIGUOUS_MONTHS
from dragoman.time.rules import RULES, SECOND_DAY_BEFORE, TRIGGER, WINDOW_AFTER, WINDOW_BEFORE


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched span, the rule that found it and the match (for its named groups)."""

    start: int
    end: int
    rule: str
    match: re.Match[str]
    priority: int = 0


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
    r"\s+(?:(?!(?:this|thus|plus|less|unless|across|perhaps|always|whereas|besides|towards|brings|marks"
    r"|elections|levels|figures|results|budget)\b)[a-z]{2,}[^s\W]s|[a-z]*(?:children|people|men|women))\b"
)
#: Words before a number that make it a year even when a plural noun follows (``the 2014 protests``).
_YEAR_CUE_BEFORE = re.compile(
    r"(?:\b(?:(?:the|in|since|by|during|until|before|after|from|through|early|late|mid)\s+|pre-|post-)|'s\s+|’s\s+)$",
    re.I,
)
#: A quantity just before a frequency adverb makes it a rate (``rise 8% annually``, ``10,000 units
#: annually``, ``$5 million yearly``): TimeML annotates SETs of recurring events, not rates.
_QUANTITY_BEFORE = re.compile(
    r"(?:\d\s*%|\d|\bpercent|\bmillion|\bbillion|\bthousand)(?:\s+[a-z]+)?\s+$", re.IGNORECASE
)
#: The start of a sentence or clause, where ``Now,`` and ``Currently,`` are discourse openers.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"’”]*\s+|\n\s*|[\"“]\s*)$")
#: ``today's world``, ``tomorrow's generation``: the present (or future) age in general, not a day.
_GENERIC_AGE_AFTER = re.compile(
    r"['’]s\s+(?:(?:fast-changing|modern|global|changing|young)\s+)?(?:world|society|youth|young|"
    r"generations?|standards|economy|culture|era|age|kids|children)\b",
    re.IGNORECASE,
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
            cue = _TEMPORAL_CUE_BEFORE.search(before)
            if not cue:
                return False
            # "to march on", "and march the": a verb; after "in"/"since"/"by"... it is the month
            prepositional = re.match(r"(?:in|since|until|till|by|during|through|from|before|after|of)\b",
                                     cue.group(0), re.I)  # fmt: skip
            if not prepositional and _MONTH_VERB_AFTER.match(text[m.end() :]):
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
    if rule == "second_day":
        before_match = SECOND_DAY_BEFORE.search(text, max(0, m.start() - 30), m.start())
        return before_match is not None and before_match.group("month")[0].isupper()
    if rule == "half" and not (groups.get("year") or groups.get("unit")) and "-" not in m.group(0):
        # a bare "the second half" is a game's or a story's; the year's is "first-half" or "of 2025"
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
        # "wait a minute", "a second later": idioms, except a counted "one minute" of a duration
        short = unit.startswith("second") or (unit.startswith("minute") and num != "one")
        if num in ("a", "an", "one") and short and not groups.get("mod"):
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
    if (
        rule == "year"
        and not groups.get("pos")
        and _COUNTED_NOUN_AFTER.match(text, m.end())
        and not _YEAR_CUE_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ):
        return False
    if rule == "dayword" and _GENERIC_AGE_AFTER.match(text, m.end()):
        return False
    if rule == "noon" and re.search(r"\bhigh\s+$", text[max(0, m.start() - 6) : m.start()], re.I):
        return False  # "high noon": a showdown, not midday
    if rule == "set_adverb" and _QUANTITY_BEFORE.search(text, max(0, m.start() - 25), m.start()):
        return False
    if (
        rule == "relative_unit"
        and groups["unit"][0].isupper()
        and not m.group(0).isupper()
        and not re.search(r"(?:^|[.!?]\s+|\n\s*)$", text[max(0, m.start() - 3) : m.start()])
    ):
        # "ABC's \"This Week\"": a capitalised unit mid-sentence is a title, not a week
        return False
    if rule == "vague_duration" and not groups.get("rel"):
        unit = groups["unit"].lower()
        if unit in ("hours", "minutes"):
            return False
    return True


def _accept_reference(word: str, m: re.Match[str], text: str) -> bool:
    after = text[m.end() : m.end() + 20]
    before = text[max(0, m.start() - 20) : m.start()]
    if word in ("now", "currently") and after.startswith(",") and _SENTENCE_START.search(before):
        # "Now, he says...": a discourse marker opening the sentence, not a reference to the present
        return False
    if word == "the future" and (re.match(r"\s+of\b", after, re.I) or re.search(r"\bto\s+$", before, re.I)):
        # "the future of the company", "important to the future": prospects, not a time
        return False
    if word == "current":
        # "current" is a timex when it means "now" (current account/current affairs excluded).
        return not re.match(r"\s+(?:account|affairs|events|affair|of|flow|flows)\b", after, re.I)
    if word == "soon":
        # "soon after X" / "as soon as" order events; they do not point at the future
        return not re.match(
            r"\s+(?:after|before|as|thereafter|afterwards?)\b", after, re.I
        ) and not re.search(r"\bas\s+$", before, re.I)
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
