"""Values of DURATION and SET expressions (``P3Y``, ``PT24H``, ``PXM``, ``P1W``, ``XXXX-WXX-1``)."""

from __future__ import annotations

import re
from typing import cast

from dragoman.time.patterns import (
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    PREFIX_MODS,
    SEASONS,
    UNITS,
    VAGUE_UNIT_LETTER,
    WEEKDAYS,
)

Value = tuple[str, str, str | None]

_SPACES = re.compile(r"[\s-]+")
_VAGUE_WORDS = frozenset({"several", "a few", "few", "many", "some", "numerous"})
_SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M",
}  # fmt: skip
#: Where a fraction below one unit is better said in the next smaller unit (half a year: ``P6M``).
_SMALLER_UNIT: dict[tuple[str, bool], tuple[str, str, int]] = {
    ("Y", False): ("P", "M", 12), ("D", False): ("PT", "H", 24), ("H", True): ("PT", "M", 60),
    ("M", True): ("PT", "S", 60),
}  # fmt: skip


def norm_words(text: str) -> str:
    """Lower-case ``text`` and collapse runs of spaces and hyphens into one space."""
    return _SPACES.sub(" ", text.strip().lower())


def parse_number(text: str) -> float | None:
    """The value of a number in digits or words (``twenty four``, ``1.5``, ``a couple of``).

    Args:
        text: the number as matched.

    Returns:
        The number, or ``None`` for vague quantities (``several``) and unparseable text.
    """
    words = norm_words(text)
    if words in _VAGUE_WORDS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    half = re.fullmatch(r"(\d+) 1/2", words)
    if half:
        return float(half.group(1)) + 0.5
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", words):
        return float(words.replace(",", ""))
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    total = 0.0
    for word in words.split():
        if word == "hundred":
            total = max(total, 1.0) * 100
        elif word == "thousand":
            total = max(total, 1.0) * 1000
        elif word in NUMBER_WORDS:
            total += NUMBER_WORDS[word]
        else:
            return None
    return total or None


def _unit_key(unit: str) -> str:
    word = norm_words(unit)
    if word == "centuries":
        return "century"
    if word in UNITS:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def duration_value(number: float | None, unit: str) -> str:
    """A TIMEX3 duration value for ``number`` ``unit`` (``None``: unspecified, ``PXY``).

    Args:
        number: how many units, or ``None`` when vague.
        unit: the unit word as matched (``years``, ``hour``, ``decades``).

    Returns:
        ``P3Y``, ``PT24H``, ``P20Y`` for two decades, ``P6M`` for half a year, ``PXM``...
    """
    key = _unit_key(unit)
    letter, timed, factor = UNITS.get(key, ("D", False, 1))
    prefix = "PT" if timed else "P"
    if number is None:
        return prefix + "X" + VAGUE_UNIT_LETTER.get(key, letter)
    amount = number * factor
    if amount != int(amount):
        if (letter, timed) in _SMALLER_UNIT:
            # the fraction in the next smaller unit: 2 1/2 years P2Y6M, 5 1/2 hours PT5H30M
            sub_prefix, sub_letter, multiple = _SMALLER_UNIT[(letter, timed)]
            whole, part = int(amount), (amount - int(amount)) * multiple
            if part == int(part):
                head = f"{prefix}{whole}{letter}" if whole else sub_prefix
                if sub_prefix == "PT" and not timed and whole:
                    head += "T"
                return f"{head}{int(part)}{sub_letter}"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"


def prefix_mod(text: str | None) -> str | None:
    """The TIMEX3 ``mod`` of a quantity modifier (``more than`` -> ``MORE_THAN``)."""
    if not text:
        return None
    return PREFIX_MODS.get(norm_words(text))


def normalize_duration(groups: dict[str, str | None]) -> Value | None:
    """Value a ``duration`` match: ``three years``, ``the past two months``, ``a year and a half``."""
    unit = groups["unit"] or ""
    number = parse_number(groups["num"] or "")
    vague = norm_words(groups["num"] or "") in _VAGUE_WORDS
    if number is None and not vague:
        return None
    if groups.get("half1") or groups.get("half2"):
        number = (number or 0) + 0.5
    return "DURATION", duration_value(number, unit), prefix_mod(groups.get("mod"))


def normalize_vague_duration(groups: dict[str, str | None]) -> Value | None:
    """Value ``for years``, ``the past few months``, ``recent weeks`` (unspecified amount)."""
    rel = norm_words(groups.get("rel") or "")
    unit = groups["unit"] or ""
    if rel == "recent" and unit.lower() == "years":
        return "DATE", "PAST_REF", None
    return "DURATION", duration_value(None, unit), None


def normalize_set_every(groups: dict[str, str | None]) -> Value | None:
    """Value ``every week`` (``P1W``), ``every Monday`` (``XXXX-WXX-1``), ``each July`` (``XXXX-07``)."""
    target = norm_words(groups["target"] or "").rstrip(".")
    number = parse_number(cast(str, groups["num"])) if groups.get("num") else 1.0
    if target.rstrip("s") in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[target.rstrip('s')]}", None
    if target in MONTHS:
        return "SET", f"XXXX-{MONTHS[target]:02d}", None
    if target in SEASONS:
        return "SET", f"XXXX-{SEASONS[target]}", None
    if target in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[target]}", None
    return "SET", duration_value(number or 1.0, target), None


def normalize_set_adverb(groups: dict[str, str | None]) -> Value | None:
    """Value ``daily`` (``P1D``), ``annually`` (``P1Y``), ``twice a week`` (``P1W``)."""
    word = norm_words(groups["adverb"] or "")
    if word in _SET_ADVERBS:
        return "SET", _SET_ADVERBS[word], None
    unit = word.split()[-1]
    return "SET", duration_value(1.0, unit), None
