"""Accuracy gate: named-actor mention F1 on re3d must not fall below its pinned floor.

The floor is the figure last measured minus 0.02, with the plain pipeline (spaCy ``sm`` NER, no
actor linking yet). PLOVER country accuracy and GUM identity are computed by the same evaluation
(``python -m dragoman.evaluation.actors``) but not gated until actor linking gives them values:
the test here only checks that their gold spans are read in full. A change that lowers a floor
must say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.evaluation.actors import evaluate_actors

#: Measured re3d overlap F1 with compatible types (0.633: P 0.671, R 0.600) minus 0.02.
RE3D_F1_FLOOR = 0.613


@pytest.fixture(scope="module")
def actor_scores(gold_dir: Path, extractor) -> dict[str, dict[str, float]]:
    return evaluate_actors(gold_dir, extractor)


@pytest.mark.gold
def test_re3d_actor_mention_f1_stays_above_floor(actor_scores: dict[str, dict[str, float]]) -> None:
    if "re3d" not in actor_scores:
        pytest.skip("gold set re3d not present")
    assert actor_scores["re3d"]["f1"] >= RE3D_F1_FLOOR


@pytest.mark.gold
def test_plover_and_gum_gold_spans_are_all_read(actor_scores: dict[str, dict[str, float]]) -> None:
    if "plover" not in actor_scores or "gum" not in actor_scores:
        pytest.skip("gold sets plover_gsr / gum_news not present")
    # 586 source/target phrases with an ISO country code; 59 left out (non-state, unmatched, ambiguous).
    assert (actor_scores["plover"]["n"], actor_scores["plover"]["n_left_out"]) == (586, 59)
    # GUM person/organization/place mentions with a Wikipedia id.
    assert actor_scores["gum"]["n_mentions"] == 1320
