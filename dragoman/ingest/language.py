"""Language identification of a document's text, with langdetect seeded for repeatable answers."""

from __future__ import annotations

import functools
import re

from langdetect import DetectorFactory, LangDetectException
from langdetect.detector_factory import PROFILES_DIRECTORY

#: Characters of the text examined: enough for a confident answer, few enough to stay fast.
SAMPLE_CHARS = 2000

#: Texts in Latin script with fewer letters than this get no language: langdetect is confidently wrong
#: on short sentences ("They met yesterday in Baku." → Turkish, p > 0.999). On one-sentence samples of
#: English news it mislabelled 23% under 20 letters, 4% at 20–39, 0.1% at 40–59, none above.
MIN_LETTERS = 40

#: Texts mostly in another script (Cyrillic, Arabic, CJK…) need fewer: the script itself is the signal.
MIN_LETTERS_NON_LATIN = 10

#: Below this many letters langdetect's answer for Latin-script text is checked against English
#: function words: it calls some short English news sentences Dutch or Afrikaans with p > 0.99
#: ("NATO ministers met in Brussels last week to discuss Ukraine." → nl).
SHORT_LETTERS = 200

#: Words that are function words in English and no words of the Latin-script languages langdetect
#: confuses it with (not "in", "is", "was", "had", "week", "over": Dutch, German or Afrikaans too).
ENGLISH_ONLY = frozenset(
    {
        "the", "and", "to", "of", "with", "from", "for", "that", "this", "which", "were", "has", "have",
        "would", "their", "they", "after", "last", "said", "says", "into", "than", "about",
    }
)  # fmt: skip

#: A short text is English when it holds this many distinct :data:`ENGLISH_ONLY` words and they
#: are at least :data:`ENGLISH_SHARE` of its words.
ENGLISH_WORDS = 2
ENGLISH_SHARE = 0.2

#: Seed of langdetect's random sampling, so the same text always gets the same language.
_SEED = 0

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")

#: Letters below this code point are Latin (Basic Latin to Latin Extended-B).
_END_OF_LATIN = "\u0250"

#: langdetect names Chinese by script; the record uses plain ISO 639-1 codes.
_TO_ISO_639_1 = {"zh-cn": "zh", "zh-tw": "zh"}


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the language ``text`` is written in.

    Only the first :data:`SAMPLE_CHARS` characters are examined. The detector's profiles are loaded on
    the first call (about half a second), not at import.

    Args:
        text: the document text.

    Returns:
        A two-letter code such as ``"en"``, or ``None`` for text too short to tell (fewer than
        :data:`MIN_LETTERS` letters, or :data:`MIN_LETTERS_NON_LATIN` for text mostly in another script)
        or in which no language can be recognised.
    """
    sample = text[:SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    latin = sum(1 for letter in letters if letter < _END_OF_LATIN)
    if len(letters) < (MIN_LETTERS if 2 * latin >= len(letters) else MIN_LETTERS_NON_LATIN):
        return None
    detector = _factory().create()
    detector.append(sample)
    try:
        code = detector.detect()
    except LangDetectException:
        return None
    if code == "unknown":
        return None
    if code != "en" and len(letters) < SHORT_LETTERS and 2 * latin >= len(letters) and _reads_english(sample):
        return "en"
    return _TO_ISO_639_1.get(code, code)


def _reads_english(text: str) -> bool:
    """Whether a short text is full of words only English uses as function words."""
    words = _WORD.findall(text.lower())
    found = [w for w in words if w in ENGLISH_ONLY]
    return len(set(found)) >= ENGLISH_WORDS and len(found) >= ENGLISH_SHARE * len(words)


@functools.cache
def _factory() -> DetectorFactory:
    # A factory of our own rather than langdetect's module-level one, so that seeding it changes no
    # global state other code may rely on.
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = _SEED
    return factory
