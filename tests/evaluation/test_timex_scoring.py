"""TempEval-3 scoring and the GUM interval conversion, on hand-made documents."""

from __future__ import annotations

import datetime as dt

from dragoman.evaluation.timex import GoldDoc, GoldTimex, gum_value_matches, score_timex
from dragoman.record import Timex


def _doc(timexes: list[GoldTimex], dataset: str = "tempeval") -> GoldDoc:
    return GoldDoc("d", dt.date(2026, 1, 20), "x" * 100, timexes, dataset)


def test_score_timex_counts_strict_relaxed_and_value() -> None:
    gold = [GoldTimex(0, 10, "", "DATE", "2026-01-15"), GoldTimex(20, 30, "", "DURATION", "P3Y")]
    pred = [
        Timex(0, 10, "", "DATE", "2026-01-15"),
        Timex(22, 30, "", "DURATION", "P2Y"),
        Timex(50, 55, "", "DATE", "2026"),
    ]
    s = score_timex([(_doc(gold), pred)])
    assert (s["n_gold"], s["n_pred"]) == (2, 3)
    assert s["strict_p"] == 1 / 3 and s["relaxed_r"] == 1.0
    assert s["value_p"] == 1 / 3 and s["value_r"] == 0.5
    assert s["type_accuracy"] == 1.0


def test_gum_week_value_matches_a_from_to_interval() -> None:
    gold = GoldTimex(0, 9, "last week", None, None, None, {"from": "2017-07-10", "to": "2017-07-16"})
    assert gum_value_matches(gold, Timex(0, 9, "last week", "DATE", "2017-W28"))
    assert not gum_value_matches(gold, Timex(0, 9, "last week", "DATE", "2017-W29"))


def test_gum_month_and_year_values_match_when() -> None:
    month = GoldTimex(0, 5, "", None, "2017-07", None, {"when": "2017-07"})
    assert gum_value_matches(month, Timex(0, 5, "", "DATE", "2017-07"))
    assert not gum_value_matches(month, Timex(0, 5, "", "DATE", "2017"))


def test_gum_duration_matches_bounds_of_similar_length() -> None:
    gold = GoldTimex(0, 8, "15 years", None, None, None, {"notBefore": "1994", "notAfter": "2008"})
    assert gum_value_matches(gold, Timex(0, 8, "15 years", "DURATION", "P15Y"))
    assert not gum_value_matches(gold, Timex(0, 8, "15 years", "DURATION", "P3Y"))


def test_gum_unmatched_durations_are_not_counted() -> None:
    gold = [GoldTimex(0, 5, "", None, "2017", None, {"when": "2017"})]
    pred = [Timex(0, 5, "", "DATE", "2017"), Timex(40, 50, "", "DURATION", "P2Y")]
    s = score_timex([(_doc(gold, "gum"), pred)])
    assert s["n_pred"] == 1 and s["value_f1"] == 1.0


def test_gum_reference_values_outside_gold_are_not_counted() -> None:
    gold = [GoldTimex(0, 5, "", None, "2017", None, {"when": "2017"})]
    pred = [Timex(0, 5, "", "DATE", "2017"), Timex(40, 43, "now", "DATE", "PRESENT_REF")]
    s = score_timex([(_doc(gold, "gum"), pred)])
    assert s["n_pred"] == 1 and s["value_f1"] == 1.0


def test_gum_reference_value_on_a_gold_date_is_wrong() -> None:
    gold = [GoldTimex(0, 5, "", None, "2017", None, {"when": "2017"})]
    s = score_timex([(_doc(gold, "gum"), [Timex(0, 5, "", "DATE", "PRESENT_REF")])])
    assert s["n_pred"] == 1 and s["value_f1"] == 0.0


def test_gum_end_of_year_matches_a_late_day_of_that_year() -> None:
    gold = GoldTimex(0, 19, "the end of the year", None, "2006-12-31", None, {"when": "2006-12-31"})
    assert gum_value_matches(gold, Timex(0, 19, "", "DATE", "2006", "END"))
    assert not gum_value_matches(gold, Timex(0, 19, "", "DATE", "2006", "START"))
    assert not gum_value_matches(gold, Timex(0, 19, "", "DATE", "2006"))
