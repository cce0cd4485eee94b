"""Calibrating span confidence: equal-count bins made monotone, on hand-made spans."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from dragoman.framing.tuning import Scored, _pool_adjacent_violators, fit_calibration
from tests.framing.test_model import _features, _model


def test_pool_adjacent_violators_merges_bins_until_precision_never_falls() -> None:
    knots = _pool_adjacent_violators([(0.1, 0.2, 10), (0.2, 0.4, 10), (0.3, 0.1, 30), (0.5, 0.6, 5)])
    # the second and third bins fall (0.4 then 0.1): pooled, then pooled again with the first
    assert [y for _, y in knots] == pytest.approx([(2 + 4 + 3) / 50, 0.6])
    assert knots[0][0] == pytest.approx((1 + 2 + 9) / 50)
    assert np.all(np.diff([y for _, y in knots]) >= 0)


def test_fit_calibration_maps_each_technique_to_its_measured_precision() -> None:
    nlp = spacy.blank("en")
    docs, feats, probs, gold = [], [], [], []
    for i in range(60):  # one-word documents; the surer half is right twice as often
        doc = nlp("evil")
        docs.append(doc)
        feats.append(_features(1))
        sure = i >= 30
        probs.append(np.array([[0.9 if sure else 0.6]]))
        right = i % 3 != 0 if sure else i % 3 == 0
        gold.append([("Loaded_Language", 0, 4)] if right else [])
    model = _model()
    x, y, ptr = fit_calibration(model, Scored(docs, feats, probs, gold))
    assert ptr.tolist() == [0, len(x)] and len(x) == 2  # 60 spans: two bins of at least 25
    assert x.tolist() == pytest.approx([0.6, 0.9])
    assert y.tolist() == pytest.approx([1 / 3, 2 / 3])
    # a model already calibrated is refitted from raw scores, not from its calibrated ones
    model.calibration_x, model.calibration_y, model.calibration_ptr = x, y, ptr
    again = fit_calibration(model, Scored(docs, feats, probs, gold))
    assert again[0].tolist() == pytest.approx([0.6, 0.9])
