"""The one spaCy pipeline: the model plus Dragoman's registered components."""

from __future__ import annotations

import datetime as dt

import pytest

from dragoman.errors import PipelineError
from dragoman.nlp.pipeline import DRAGOMAN_COMPONENTS, load_pipeline, make_doc


@pytest.mark.slow
def test_pipeline_has_dragoman_components_last(nlp):
    assert nlp.pipe_names[-len(DRAGOMAN_COMPONENTS) :] == list(DRAGOMAN_COMPONENTS)
    assert {"parser", "ner"} <= set(nlp.pipe_names)


@pytest.mark.slow
def test_pipeline_is_built_once_per_process(nlp):
    assert load_pipeline() is nlp


@pytest.mark.slow
def test_pipeline_timex_component_reads_the_publication_date(nlp):
    doc = nlp(make_doc(nlp, "They met yesterday.", dt.date(2026, 1, 20)))
    assert [(t.text, t.value) for t in doc._.timexes] == [("yesterday", "2026-01-19")]


def test_pipeline_missing_model_is_a_pipeline_error():
    with pytest.raises(PipelineError, match="not installed"):
        load_pipeline("no_such_model_package")
