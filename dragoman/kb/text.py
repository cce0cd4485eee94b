"""Normalising surface texts into lookup keys.

One rule for the whole knowledge base, used both when the index is built and when it is queried:

- curly quotes become straight, runs of white space one space, a leading "the " is dropped;
- dotted acronyms lose their dots ("U.S." → "US", "U.S.A." → "USA");
- accents are folded ("Türkiye" → "Turkiye"), so a text typed without them still matches;
- a hyphen between letters is a space ("Jean-Bertrand" = "Jean Bertrand", "al-Bashir" = "al Bashir"),
  as names are written either way;
- names of one short word (fewer than four letters: "US", "UN", "IS", "Lee") stay case-sensitive,
  so "us" and "is" never match; longer or multi-word names are compared case-insensitively.
"""

from __future__ import annotations

import re
import unicodedata

_PUNCT = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-"}
    | {"\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)
_SPACE = re.compile(r"\s+")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def clean(text: str) -> str:
    """Straighten quotes and dashes, squeeze white space, drop a leading "the " and acronym dots."""
    if not text.isascii():
        text = _SPACE.sub(" ", text.translate(_PUNCT))
    elif "  " in text or "\t" in text or "\n" in text:
        text = _SPACE.sub(" ", text)
    text = text.strip()
    if text[:4].lower() == "the ":
        text = _LEADING_THE.sub("", text)
    if "." in text and _DOTTED.match(text):
        text = text.replace(".", "")
    return text


def fold(text: str) -> str:
    """Remove accents ("Élysée" → "Elysee"), keeping letters' case."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(text: str) -> str:
    """The lookup key of a surface text (see the module docstring for the rules)."""
    text = fold(clean(text))
    if "-" in text:
        text = _INNER_HYPHEN.sub(" ", text)
    if " " not in text and len(text) < 8 and sum(ch.isalpha() for ch in text) < 4:
        return text
    return text.casefold()


def is_acronym(text: str) -> bool:
    """Whether a name is an acronym ("NATO", "UNSC", "C5+1", "U.S."), which the index marks as such."""
    text = clean(text)
    return (
        " " not in text
        and 2 <= len(text) <= 8
        and any(ch.isalpha() for ch in text)
        and not any(ch.islower() for ch in text)
    )


def slug(name: str) -> str:
    """An id from a name, accents folded: ``Recep Tayyip Erdoğan`` → ``recep-tayyip-erdogan`` ("" if none)."""
    return re.sub(r"[^a-z0-9+]+", "-", fold(name.replace("ı", "i")).lower()).strip("-")
