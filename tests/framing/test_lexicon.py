"""The evaluative-word lexicon and the features built from it."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.strings import hash_string

from dragoman.framing.features import N_TOKEN_TEMPLATES, doc_features
from dragoman.framing.lexicon import load_lexicon


def test_lexicon_knows_praise_and_attack_words() -> None:
    lexicon = load_lexicon()
    assert lexicon.polarity("noble") == "positive"
    assert lexicon.polarity("ill-fated") == "negative"
    assert lexicon.polarity("table") is None


def test_lexicon_codes_match_by_word_or_lemma() -> None:
    lexicon = load_lexicon()
    words = np.array([hash_string(w) for w in ("noble", "tyrants", "table")], dtype=np.uint64)
    lemmas = np.array([hash_string(w) for w in ("noble", "tyrant", "table")], dtype=np.uint64)
    assert lexicon.codes(words, lemmas).tolist() == [1, 2, 0]


def test_valence_buckets_are_signed() -> None:
    lexicon = load_lexicon()
    words = np.array([hash_string(w) for w in ("wonderful", "horrible", "table")], dtype=np.uint64)
    good, bad, none = lexicon.valence(words, words).tolist()
    assert good > 5 > bad > 0
    assert none == 0


def test_doc_features_have_one_key_per_template_and_are_stable() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("The ill-fated plan failed. Was it a sham?")
    first = doc_features(doc, load_lexicon())
    second = doc_features(nlp("The ill-fated plan failed. Was it a sham?"), load_lexicon())
    assert first.token_keys.shape == (len(doc), N_TOKEN_TEMPLATES)
    assert np.array_equal(first.token_keys, second.token_keys)
    assert first.sent_of_token.tolist() == [0] * 7 + [1] * 5
    assert len(first.sent_ptr) == 3


def test_doc_features_of_an_empty_doc() -> None:
    feats = doc_features(spacy.blank("en")(""), load_lexicon())
    assert feats.token_keys.shape == (0, N_TOKEN_TEMPLATES)
