"""The dragoman_framing component: registered, compute-then-write, spans on small texts."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

from dragoman.nlp.framing import FramingTagger, unused_components
from dragoman.nlp.pipeline import load_pipeline, make_doc
from dragoman.record import FRAMING_TECHNIQUES, FramingSpan

pytestmark = pytest.mark.slow

TEXT = (
    "The corrupt and brutal regime in Moscow keeps lying to the world. "
    "Russia's reckless aggression is a disgrace, and its so-called peace plan is a sham. "
    "Our great nation will never surrender to these thugs."
)


@pytest.fixture(scope="module")
def framing_nlp() -> Language:
    return load_pipeline()


def test_component_is_registered_by_name() -> None:
    import dragoman.nlp.framing  # noqa: F401

    assert "dragoman_framing" in spacy.registry.factories


def test_component_runs_after_the_actor_linker(framing_nlp: Language) -> None:
    names = framing_nlp.pipe_names
    assert names.index("dragoman_framing") > names.index("dragoman_actors")


def test_component_sets_framing_spans_on_the_doc(framing_nlp: Language) -> None:
    doc = framing_nlp(make_doc(framing_nlp, TEXT, dt.date(2026, 1, 20)))
    spans = doc._.framing
    assert spans, "a text this loaded must yield at least one technique span"
    for span in spans:
        assert isinstance(span, FramingSpan)
        assert span.technique in FRAMING_TECHNIQUES
        assert TEXT[span.start : span.end] == span.text
        assert 0.0 < span.confidence <= 1.0
        assert span.polarity in (None, "positive", "negative")
        assert span.target is None or span.target in doc._.actors
        assert span.polarity is None or span.target is not None
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_component_finds_the_attack_on_russia(framing_nlp: Language) -> None:
    doc = framing_nlp(make_doc(framing_nlp, TEXT, dt.date(2026, 1, 20)))
    attacks = [s for s in doc._.framing if s.target == "RUS" and s.polarity == "negative"]
    assert attacks, [(s.text, s.technique, s.target, s.polarity) for s in doc._.framing]


def test_match_computes_without_writing(framing_nlp: Language) -> None:
    tagger = framing_nlp.get_pipe("dragoman_framing")
    assert isinstance(tagger, FramingTagger)
    doc = framing_nlp.make_doc(TEXT)
    for _, component in framing_nlp.pipeline[:-1]:
        doc = component(doc)
    assert doc._.framing is None
    spans = tagger.match(doc)
    assert doc._.framing is None
    tagger.set_annotations(doc, spans)
    assert doc._.framing == spans


def test_component_on_an_empty_and_a_neutral_text(framing_nlp: Language) -> None:
    assert framing_nlp("")._.framing == []
    doc = framing_nlp("The meeting starts at 10 a.m. on Tuesday in Room 4.")
    assert all(s.technique in FRAMING_TECHNIQUES for s in doc._.framing)


def test_unused_components_leave_the_spans_unchanged(framing_nlp: Language) -> None:
    skipped = unused_components(framing_nlp)
    assert "dragoman_actors" not in skipped
    assert "dragoman_framing" not in skipped
    full = framing_nlp(TEXT)._.framing
    lean = next(iter(framing_nlp.pipe([TEXT], disable=skipped)))._.framing
    assert full == lean
