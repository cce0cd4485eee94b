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
    assert find_polarity(span, lexicon) == "positive"
    span, _ = _span(nlp, "Canada was not honest about it.", "not honest")
    assert find_polarity(span, lexicon) == "negative"


def test_polarity_from_strong_vader_words_outside_our_list(nlp: Language) -> None:
    lexicon = load_lexicon()
    assert lexicon.polarity("defeat") is None and lexicon.valence_of("defeat") == -2
    span, _ = _span(nlp, "Together we will deliver ISIL a lasting defeat.", "lasting defeat")
    assert find_polarity(span, lexicon) == "negative"
    span, _ = _span(nlp, "We appreciate Saudi Arabia's leadership.", "appreciate")
    assert find_polarity(span, lexicon) == "positive"
    assert lexicon.tone("table") is None and lexicon.valence_of("table") == 0


def test_a_span_without_evaluative_words_has_no_tone_whatever_its_technique(nlp: Language) -> None:
    span, _ = _span(nlp, "Our nation and our flag come first.", "Our nation")
    assert find_polarity(span, load_lexicon()) is None
