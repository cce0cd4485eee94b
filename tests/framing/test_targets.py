"""Targets and tone of technique spans, on small parsed sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from dragoman.framing.lexicon import load_lexicon
from dragoman.framing.targets import MentionIndex, find_polarity, find_target
from dragoman.nlp.pipeline import make_doc

pytestmark = pytest.mark.slow


def _span(nlp: Language, text: str, words: str):  # type: ignore[no-untyped-def]
    doc = nlp(make_doc(nlp, text, dt.date(2026, 1, 20)))
    start = text.index(words)
    return doc.char_span(start, start + len(words)), MentionIndex.of(doc)


def test_target_is_the_possessor_of_the_described_noun(nlp: Language) -> None:
    span, index = _span(nlp, "Russia's reckless aggression shocked the world.", "reckless")
    assert find_target(span, index) == "RUS"


def test_target_is_the_subject_of_the_clause(nlp: Language) -> None:
    span, index = _span(nlp, "France behaved in a disgraceful and cowardly way.", "disgraceful and cowardly")
    assert find_target(span, index) == "FRA"


def test_target_is_a_mention_inside_the_span(nlp: Language) -> None:
    span, index = _span(nlp, "They called it the rogue regime of Iran.", "the rogue regime of Iran")
    assert find_target(span, index) == "IRN"


def test_short_span_without_an_actor_nearby_has_no_target(nlp: Language) -> None:
    span, index = _span(nlp, "Germany said that the ill-fated treaty was signed in 1990.", "ill-fated")
    assert find_target(span, index) is None


def test_polarity_from_evaluative_words_and_negation(nlp: Language) -> None:
    lexicon = load_lexicon()
    span, _ = _span(nlp, "Canada is a noble and reliable partner.", "noble and reliable")
    assert find_polarity(span, "Loaded_Language", lexicon) == "positive"
    span, _ = _span(nlp, "Canada was not honest about it.", "not honest")
    assert find_polarity(span, "Loaded_Language", lexicon) == "negative"


def test_polarity_falls_back_to_the_technique_tone(nlp: Language) -> None:
    lexicon = load_lexicon()
    span, _ = _span(nlp, "Our nation and our flag come first.", "Our nation")
    assert find_polarity(span, "Flag-Waving", lexicon) == "positive"
    assert find_polarity(span, "Name_Calling,Labeling", lexicon) == "negative"
    assert find_polarity(span, "Repetition", lexicon) is None
