"""The technique-matched character-overlap scorer on hand-made spans."""

from __future__ import annotations

import pytest

from dragoman.evaluation.framing import (
    N_FOLDS,
    calibration_error,
    fold_of,
    merge_spans,
    reliability,
    score_spans,
    span_precision,
    split_of,
)

LL = "Loaded_Language"
NC = "Name_Calling,Labeling"


def test_score_exact_match_is_perfect() -> None:
    scores = score_spans([([(LL, 0, 10)], [(LL, 0, 10)])])
    assert scores["all"]["p"] == scores["all"]["r"] == scores["all"]["f1"] == 1.0
    assert scores[LL]["f1"] == 1.0


def test_score_other_technique_earns_nothing() -> None:
    scores = score_spans([([(LL, 0, 10)], [(NC, 0, 10)])])
    assert scores["all"]["f1"] == 0.0
    assert scores[NC]["n_pred"] == 1
    assert scores[LL]["n_gold"] == 1


def test_score_partial_overlap_counts_characters() -> None:
    scores = score_spans([([(LL, 5, 15)], [(LL, 0, 10)])])
    assert scores["all"]["p"] == pytest.approx(0.5)
    assert scores["all"]["r"] == pytest.approx(0.5)


def test_score_span_inside_gold_has_full_precision() -> None:
    scores = score_spans([([(LL, 0, 10)], [(LL, 2, 7)])])
    assert scores["all"]["p"] == pytest.approx(1.0)
    assert scores["all"]["r"] == pytest.approx(0.5)
    assert scores["all"]["f1"] == pytest.approx(2 / 3)


def test_score_micro_averages_over_articles() -> None:
    scores = score_spans([([(LL, 0, 10)], [(LL, 0, 10)]), ([(LL, 0, 10)], [])])
    assert scores["all"]["p"] == pytest.approx(1.0)
    assert scores["all"]["r"] == pytest.approx(0.5)


def test_score_false_positive_in_article_without_gold_lowers_precision() -> None:
    scores = score_spans([([(LL, 0, 10)], [(LL, 0, 10)]), ([], [(LL, 3, 8)])])
    assert scores["all"]["p"] == pytest.approx(0.5)
    assert scores["all"]["r"] == pytest.approx(1.0)


def test_score_overlapping_predictions_are_merged_not_counted_twice() -> None:
    scores = score_spans([([(LL, 0, 10)], [(LL, 0, 6), (LL, 4, 10)])])
    assert scores["all"]["n_pred"] == 1
    assert scores["all"]["r"] == pytest.approx(1.0)


def test_score_nothing_predicted_is_zero() -> None:
    scores = score_spans([([(LL, 0, 10)], [])])
    assert scores["all"]["f1"] == 0.0
    assert scores["all"]["n_gold"] == 1


def test_merge_spans_keeps_techniques_apart_and_drops_empty() -> None:
    merged = merge_spans([(LL, 0, 5), (LL, 3, 9), (NC, 4, 6), (LL, 12, 12), (LL, 9, 11)])
    assert merged == [(LL, 0, 9), (NC, 4, 6), (LL, 9, 11)]


def test_split_of_is_fixed_by_article_id() -> None:
    ids = [str(111111112 + n) for n in range(2000)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    share = splits.count("test") / len(ids)
    assert 0.15 < share < 0.25
    assert set(splits) == {"train", "test"}
    folds = {fold_of(i) for i, s in zip(ids, splits, strict=True) if s == "train"}
    assert folds == set(range(N_FOLDS))


def test_span_precision_is_the_share_inside_gold_of_its_technique() -> None:
    gold = merge_spans([(LL, 0, 10), (LL, 5, 20), (NC, 20, 30)])
    assert span_precision((LL, 10, 30), gold) == pytest.approx(0.5)
    assert span_precision((NC, 0, 10), gold) == 0.0
    assert span_precision((LL, 4, 4), gold) == 0.0


def test_reliability_bins_spans_by_confidence_and_measures_their_precision() -> None:
    gold = [(LL, 0, 10)]
    predicted = [(LL, 0, 10, 0.95), (LL, 0, 20, 0.75), (LL, 30, 40, 0.05), (NC, 0, 10, 0.15)]
    bins = {b["upto"]: b for b in reliability([(gold, predicted)])}
    assert (bins[1.0]["n"], bins[1.0]["confidence"], bins[1.0]["precision"]) == (2, pytest.approx(0.85), 0.75)
    assert (bins[0.1]["n"], bins[0.1]["precision"]) == (1, 0.0)
    assert (bins[0.2]["n"], bins[0.2]["precision"]) == (1, 0.0)
    assert bins[0.5]["n"] == 0
    # |0.85 − 0.75| for two spans, |0.05 − 0| and |0.15 − 0| for one each
    assert calibration_error(list(bins.values())) == pytest.approx((2 * 0.1 + 0.05 + 0.15) / 4)
    assert calibration_error(reliability([])) == 0.0
