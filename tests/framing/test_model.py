"""The technique model's look-ups, decoding and file format, on tiny hand-made models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from dragoman.errors import PipelineError
from dragoman.framing.features import N_TOKEN_TEMPLATES, DocFeatures
from dragoman.framing.model import TechniqueModel, load_model, lookup


def _features(n: int, punct: tuple[int, ...] = (), space: tuple[int, ...] = ()) -> DocFeatures:
    is_punct = np.zeros(n, dtype=bool)
    is_punct[list(punct)] = True
    is_space = np.zeros(n, dtype=bool)
    is_space[list(space)] = True
    return DocFeatures(np.zeros((n, N_TOKEN_TEMPLATES), np.uint64), np.zeros(0, np.uint64),
                       np.zeros(1, np.int64), np.zeros(n, np.int64), is_space, is_punct)  # fmt: skip


def _model(techniques: tuple[str, ...] = ("Loaded_Language",), gap: int = 0, mode: int = 0) -> TechniqueModel:
    k = len(techniques)
    return TechniqueModel(techniques, np.array([5, 9], np.uint64), np.zeros((3, k), np.float32),
                          np.zeros(0, np.uint64), np.zeros((1, k), np.float32), np.zeros(k, np.float32),
                          np.full(k, 0.5), np.full(k, gap), np.full(k, mode))  # fmt: skip


def test_lookup_finds_known_keys_and_sends_unknown_to_the_zero_row() -> None:
    vocab = np.array([3, 7, 11], dtype=np.uint64)
    assert lookup(np.array([7, 4, 11, 20], dtype=np.uint64), vocab).tolist() == [1, 3, 2, 3]
    assert lookup(np.array([1], dtype=np.uint64), np.zeros(0, np.uint64)).tolist() == [0]


def test_decode_turns_runs_into_character_spans_and_trims_punctuation() -> None:
    doc = spacy.blank("en")("a truly evil , plan here")
    probs = np.array([[0.1], [0.9], [0.8], [0.7], [0.2], [0.1]])
    spans = _model().decode(doc, _features(len(doc), punct=(3,)), probs)
    assert [(t, doc.text[s:e]) for t, s, e, _ in spans] == [("Loaded_Language", "truly evil")]
    assert spans[0][3] == pytest.approx(0.85)


def test_decode_joins_runs_across_a_small_gap_only_when_allowed() -> None:
    doc = spacy.blank("en")("evil and vile men")
    probs = np.array([[0.9], [0.1], [0.9], [0.1]])
    assert len(_model(gap=0).decode(doc, _features(4), probs)) == 2
    joined = _model(gap=1).decode(doc, _features(4), probs)
    assert [doc.text[s:e] for _, s, e, _ in joined] == ["evil and vile"]


def test_decode_widens_a_run_to_the_whole_hyphenated_word() -> None:
    doc = spacy.blank("en")("the ill-fated law")
    assert [t.text for t in doc] == ["the", "ill", "-", "fated", "law"]
    probs = np.array([[0.0], [0.0], [0.0], [0.9], [0.0]])
    spans = _model().decode(doc, _features(len(doc)), probs)
    assert [doc.text[s:e] for _, s, e, _ in spans] == ["ill-fated"]


def test_decode_in_sentence_mode_takes_sentences_whose_mean_passes() -> None:
    doc = spacy.blank("en")("Is it true? Nobody knows. Fine")
    sentences = np.array([0, 0, 0, 0, 1, 1, 1, 2])
    feats = _features(len(doc), punct=(3, 6))
    feats.sent_of_token = sentences
    feats.sent_ptr = np.zeros(4, np.int64)
    probs = np.array([[0.7], [0.7], [0.7], [0.2], [0.1], [0.1], [0.1], [0.9]])
    spans = _model(mode=1).decode(doc, feats, probs)
    assert [doc.text[s:e] for _, s, e, _ in spans] == ["Is it true", "Fine"]


def test_decode_skips_techniques_switched_off() -> None:
    doc = spacy.blank("en")("evil")
    model = _model()
    model.thresholds[:] = 2.0
    assert model.decode(doc, _features(1), np.array([[1.0]])) == []


def test_model_round_trips_through_its_file(tmp_path: Path) -> None:
    model = _model(("Loaded_Language", "Doubt"), gap=2, mode=1)
    model.token_weights[0] = [0.5, -0.25]
    model.save(tmp_path / "m.npz")
    again = TechniqueModel.load(tmp_path / "m.npz")
    assert again.techniques == ("Loaded_Language", "Doubt")
    assert again.gaps.tolist() == [2, 2]
    assert again.modes.tolist() == [1, 1]
    assert again.token_weights[0].tolist() == [0.5, -0.25]


def test_model_load_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="cannot be read"):
        TechniqueModel.load(tmp_path / "absent.npz")


def test_shipped_model_covers_the_fourteen_techniques() -> None:
    from dragoman.record import FRAMING_TECHNIQUES

    model = load_model()
    assert model.techniques == FRAMING_TECHNIQUES
    assert model.token_weights.shape == (len(model.token_vocab) + 1, 14)
    assert np.all(np.diff(model.token_vocab.astype(np.float64)) > 0)
    assert (model.thresholds > 0).all()
    assert set(model.modes.tolist()) <= {0, 1}


def _calibrated(model: TechniqueModel) -> TechniqueModel:
    model.calibration_x = np.array([0.2, 0.6])
    model.calibration_y = np.array([0.1, 0.5])
    model.calibration_ptr = np.array([0, 2], np.int64)
    return model


def test_confidence_is_the_calibrated_precision_flat_past_the_knots() -> None:
    model = _calibrated(_model())
    assert model.calibrated(0, 0.4) == pytest.approx(0.3)
    assert model.calibrated(0, 0.05) == pytest.approx(0.1)
    assert model.calibrated(0, 0.99) == pytest.approx(0.5)
    doc = spacy.blank("en")("a truly evil plan")
    (span,) = model.decode(doc, _features(4), np.array([[0.1], [0.6], [0.6], [0.1]]))
    assert span[3] == pytest.approx(0.5)


def test_without_calibration_confidence_is_the_raw_score() -> None:
    assert _model().calibrated(0, 0.37) == 0.37


def test_calibration_round_trips_and_older_files_load_without_it(tmp_path: Path) -> None:
    _calibrated(_model()).save(tmp_path / "m.npz")
    again = TechniqueModel.load(tmp_path / "m.npz")
    assert again.calibrated(0, 0.4) == pytest.approx(0.3)
    with np.load(tmp_path / "m.npz") as data:  # a file written before calibration existed
        np.savez(tmp_path / "old.npz", **{k: data[k] for k in data.files if not k.startswith("calibration")})
    assert TechniqueModel.load(tmp_path / "old.npz").calibrated(0, 0.4) == 0.4


def test_shipped_model_is_calibrated_for_every_technique() -> None:
    model = load_model()
    assert len(model.calibration_ptr) == len(model.techniques) + 1
    for k in np.flatnonzero(model.thresholds <= 1.0):  # the techniques the model ever finds
        knots = model.calibration_y[model.calibration_ptr[k] : model.calibration_ptr[k + 1]]
        assert len(knots) >= 1 and np.all(np.diff(knots) >= 0) and np.all((knots >= 0) & (knots <= 1))
