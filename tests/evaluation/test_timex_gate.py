"""Accuracy gate: TIMEX3 value F1 on the development gold sets must not fall below pinned floors.

Floors are the figures measured when the tagger was written minus 0.02 (TimeBank was the
development set; AQUAINT and GUM news were held out). A change that lowers a floor must say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.evaluation.timex import evaluate_timex

#: Measured value F1 (timebank 0.805, aquaint 0.743, gum_news 0.749) minus 0.02.
VALUE_F1_FLOORS = {"timebank": 0.785, "aquaint": 0.723, "gum_news": 0.729}
#: Measured relaxed span F1 minus 0.02.
RELAXED_F1_FLOORS = {"timebank": 0.922, "aquaint": 0.902, "gum_news": 0.814}


@pytest.fixture(scope="module")
def timex_scores(gold_dir: Path) -> dict[str, dict[str, float]]:
    return evaluate_timex(gold_dir)


@pytest.mark.gold
@pytest.mark.parametrize("dataset", sorted(VALUE_F1_FLOORS))
def test_timex_value_f1_stays_above_floor(timex_scores: dict[str, dict[str, float]], dataset: str) -> None:
    if dataset not in timex_scores:
        pytest.skip(f"gold set {dataset} not present")
    assert timex_scores[dataset]["value_f1"] >= VALUE_F1_FLOORS[dataset]


@pytest.mark.gold
@pytest.mark.parametrize("dataset", sorted(RELAXED_F1_FLOORS))
def test_timex_relaxed_span_f1_stays_above_floor(
    timex_scores: dict[str, dict[str, float]], dataset: str
) -> None:
    if dataset not in timex_scores:
        pytest.skip(f"gold set {dataset} not present")
    assert timex_scores[dataset]["relaxed_f1"] >= RELAXED_F1_FLOORS[dataset]
