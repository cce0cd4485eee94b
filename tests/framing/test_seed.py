"""The seed article: its loaded language is found, and the spans name whom they frame."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from dragoman.framing import framing_summary
from dragoman.nlp.pipeline import load_pipeline, make_doc
from tests.conftest import SEED, SEED_DATE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_doc():  # type: ignore[no-untyped-def]
    nlp: Language = load_pipeline()
    return nlp(make_doc(nlp, SEED.read_text(encoding="utf-8"), dt.date.fromisoformat(SEED_DATE)))


def test_seed_ill_fated_is_loaded_language(seed_doc) -> None:  # type: ignore[no-untyped-def]
    start = seed_doc.text.index("ill-fated")
    hits = [s for s in seed_doc._.framing if s.start <= start and start + len("ill-fated") <= s.end]
    assert any(s.technique == "Loaded_Language" for s in hits), hits


def test_seed_has_at_least_four_technique_spans_with_targets(seed_doc) -> None:  # type: ignore[no-untyped-def]
    spans = seed_doc._.framing
    assert len(spans) >= 4
    targeted = [s for s in spans if s.target is not None]
    assert len(targeted) >= 4, [(s.text, s.technique) for s in spans]
    assert {s.target for s in targeted} <= set(seed_doc._.actors)


def test_seed_praises_azerbaijan(seed_doc) -> None:  # type: ignore[no-untyped-def]
    summary = framing_summary(seed_doc)
    assert "AZE" in summary
    assert summary["AZE"].n_praise > summary["AZE"].n_attack
    for span in summary["AZE"].praise:
        assert seed_doc.text[span.start : span.end] == span.text


def test_seed_spans_carry_the_sentence_they_lie_in(seed_doc) -> None:  # type: ignore[no-untyped-def]
    starts = {s.start_char for s in seed_doc.sents}
    for span in seed_doc._.framing:
        start, end = span.sentence
        assert start in starts and start <= span.start < span.end <= end, span
        assert seed_doc.text[start:end] == seed_doc.text[start:end].strip()
