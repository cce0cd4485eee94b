"""Framing targets and tone: reading the annotations, and a gate on Dragoman's own annotated spans.

Floors are the figures last measured on the test half (``python -m dragoman.evaluation.targets``)
minus 0.03 (80 spans: one span is 0.0125). Dragoman's targets must stay more often right than the
nearest-mention baseline's, and its tone far more often. A change that lowers a floor must say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.errors import GoldDataError
from dragoman.evaluation.targets import DEV, TEST, evaluate_targets, load_annotations

#: Measured target F1 (0.479) and tone accuracy (0.783) minus 0.03.
TARGET_F1_FLOOR = 0.449
TONE_FLOOR = 0.753


def test_annotations_read_rows_and_name_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text(
        "# comment\ndoc\tstart\tend\ttechnique\ttarget\tpolarity\tnote\n"
        "d1\t3\t9\tLoaded_Language\tUSA\tnegative\tx\n"
        "d1\t12\t20\tDoubt\tnone\tnone\t\n",
        encoding="utf-8",
    )
    first, second = load_annotations(path)
    assert (first.target, first.polarity, second.target, second.polarity) == ("USA", "negative", None, None)
    path.write_text("d1\t3\t9\tLoaded Language\tUSA\tnegative\n", encoding="utf-8")
    with pytest.raises(GoldDataError, match=r"a.tsv:1:"):
        load_annotations(path)
    with pytest.raises(GoldDataError, match="no target annotations"):
        load_annotations(tmp_path / "absent.tsv")


def test_the_two_halves_are_80_distinct_spans_each() -> None:
    dev, test = load_annotations(DEV), load_annotations(TEST)
    assert len(dev) == len(test) == 80 and all(r.end > r.start for r in dev + test)
    assert not {(r.doc_id, r.start) for r in dev} & {(r.doc_id, r.start) for r in test}


@pytest.mark.slow
def test_targets_and_tone_stay_above_their_floors_and_the_baseline() -> None:
    scores = evaluate_targets()
    ours, baseline = scores["dragoman"], scores["baseline"]
    assert ours["target_f1"] >= TARGET_F1_FLOOR
    assert ours["tone_accuracy"] >= TONE_FLOOR
    assert ours["target_accuracy"] > baseline["target_accuracy"]
    assert ours["tone_accuracy"] > baseline["tone_accuracy"] + 0.3
