"""Event clustering: the rules of :mod:`dragoman.corpus.clusters` on hand-made rows, its scoring,
and an accuracy gate on the test corpus in ``tests/data/clusters``.

Gate floors are the figures last measured minus a little (pairwise precision 0.885, recall 1.000;
B-cubed precision 0.950, recall 1.000; no missed row). Precision is below 1 by design: ``k1``, a
second round of US sanctions on Iran two days after the first (``h1``–``h3``), has the same type,
actors and near date, so no rule can tell it apart. A change that lowers a floor must say so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dragoman.corpus.clusters import WINDOW_DAYS, cluster_events, same_event
from dragoman.errors import GoldDataError
from dragoman.evaluation.clusters import (
    CORPUS_DIR,
    ClusterScores,
    GoldReport,
    evaluate_clusters,
    load_gold,
    main_event,
    score_clusters,
)
from dragoman.store.corpus import EventFact

#: Measured pairwise precision 0.885 and recall 1.000, minus a little.
PAIR_P_FLOOR, PAIR_R_FLOOR = 0.85, 0.95
#: Measured B-cubed precision 0.950 and recall 1.000, minus a little.
B3_P_FLOOR, B3_R_FLOOR = 0.92, 0.95

#: Look-alikes that are different real events, each pair with why it must stay apart.
APART = [
    ("a1", "b1", "the same pair meeting again two weeks later"),
    ("a2", "b2", "the same pair meeting again two weeks later, no place named"),
    ("b1", "c1", "the same pair on the same day, another event type"),
    ("d1", "e1", "the same type on the same day, another pair"),
    ("f1", "g1", "the same pair, type and day in another city"),
    ("f2", "g2", "the same pair, type and day in another city"),
    ("d1", "i1", "a denial two days after the meeting"),
    ("d3", "i2", "a denial two days after the meeting"),
]
#: Reports of one event in different words that must come together.
TOGETHER = [
    ("a1", "a2", "place named in one report only"),
    ("a1", "a3", "reported the next day, 'sat down for talks' against 'met'"),
    ("n1", "n2", "a city and its own country as the place"),
    ("m1", "m4", "four reports over two days"),
    ("h1", "h3", "'imposed' against 'slapped'"),
]


def _fact(
    doc_id: str,
    first: dt.date | None,
    last: dt.date | None = None,
    *,
    idx: int = 0,
    type: str = "CONSULT",
    source: tuple[str, ...] = ("ilham-aliyev", "nikol-pashinyan"),
    target: tuple[str, ...] = (),
    factuality: str = "asserted",
    cameo: str | None = "040",
    trigger_text: str = "met",
    location: str | None = None,
    location_country: str | None = None,
    doc_date: dt.date | None = None,
) -> EventFact:
    return EventFact(
        doc_id=doc_id,
        idx=idx,
        type=type,
        source=source,
        target=target,
        factuality=factuality,
        intensity=None,
        cameo=cameo,
        trigger_text=trigger_text,
        location=location,
        location_country=location_country,
        date=None,
        day_first=first,
        day_last=last if last is not None else first,
        doc_date=doc_date,
        doc_source=None,
        cluster_id=f"{doc_id}:{idx}",
    )


MARCH_10 = dt.date(2025, 3, 10)


def _days(n: int) -> dt.date:
    return MARCH_10 + dt.timedelta(days=n)


# --- same_event ------------------------------------------------------------------------------


def test_same_event_joins_dates_at_the_window_edge() -> None:
    assert WINDOW_DAYS == 3
    assert same_event(_fact("a", MARCH_10), _fact("b", _days(3)))


def test_same_event_keeps_apart_dates_one_day_past_the_window() -> None:
    assert not same_event(_fact("a", MARCH_10), _fact("b", _days(4)))


def test_same_event_joins_a_month_date_with_a_day_inside_it() -> None:
    march = _fact("a", dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert same_event(march, _fact("b", dt.date(2025, 3, 20)))


def test_same_event_keeps_a_month_date_apart_from_a_day_well_outside_it() -> None:
    march = _fact("a", dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert not same_event(march, _fact("b", dt.date(2025, 4, 10)))


def test_same_event_never_joins_a_year_date() -> None:
    year = _fact("a", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert not same_event(year, _fact("b", MARCH_10))
    assert not same_event(year, dataclasses.replace(year, doc_id="b"))


def test_same_event_falls_back_on_the_document_date() -> None:
    undated = _fact("a", None, doc_date=_days(1))
    assert same_event(undated, _fact("b", MARCH_10))
    assert not same_event(undated, _fact("b", _days(5)))


def test_same_event_keeps_different_cities_apart() -> None:
    baghdad = _fact("a", MARCH_10, location="loc:baghdad", location_country="IRQ")
    erbil = _fact("b", MARCH_10, location="loc:erbil", location_country="IRQ")
    assert not same_event(baghdad, erbil)


def test_same_event_joins_a_city_with_its_own_country() -> None:
    baghdad = _fact("a", MARCH_10, location="loc:baghdad", location_country="IRQ")
    assert same_event(baghdad, _fact("b", MARCH_10, location="IRQ", location_country="IRQ"))
    assert not same_event(baghdad, _fact("b", MARCH_10, location="TUR", location_country="TUR"))


def test_same_event_joins_a_place_with_no_place() -> None:
    baghdad = _fact("a", MARCH_10, location="loc:baghdad", location_country="IRQ")
    assert same_event(baghdad, _fact("b", MARCH_10))


def test_same_event_keeps_negated_apart_from_asserted() -> None:
    met = _fact("a", MARCH_10)
    assert not same_event(met, _fact("b", MARCH_10, factuality="negated"))
    assert same_event(met, _fact("b", MARCH_10, factuality="attributed"))
    assert same_event(_fact("a", MARCH_10, factuality="negated"), _fact("b", MARCH_10, factuality="negated"))


def test_same_event_needs_the_same_type_and_actor_sets() -> None:
    met = _fact("a", MARCH_10)
    assert same_event(met, _fact("b", MARCH_10, source=("nikol-pashinyan", "ilham-aliyev")))
    assert not same_event(met, _fact("b", MARCH_10, type="AGREE"))
    assert not same_event(met, _fact("b", MARCH_10, source=("ilham-aliyev",), target=("nikol-pashinyan",)))


def test_same_event_needs_a_similar_trigger() -> None:
    met = _fact("a", MARCH_10, cameo="040", trigger_text="met")
    assert same_event(met, _fact("b", MARCH_10, cameo="046", trigger_text="held talks"))
    assert same_event(
        _fact("a", MARCH_10, cameo=None, trigger_text="meet"),
        _fact("b", MARCH_10, cameo=None, trigger_text="meeting"),
    )
    assert not same_event(met, _fact("b", MARCH_10, cameo=None, trigger_text="talks"))


# --- cluster_events --------------------------------------------------------------------------


def test_cluster_events_is_complete_link() -> None:
    a, b, c = _fact("a", MARCH_10), _fact("b", _days(2)), _fact("c", _days(4))
    assert same_event(a, b) and same_event(b, c) and not same_event(a, c)
    clusters = cluster_events([c, b, a])
    assert clusters == {"a:0": "a:0", "b:0": "a:0", "c:0": "c:0"}


def test_cluster_events_does_not_depend_on_input_order() -> None:
    facts = [_fact("a", MARCH_10), _fact("b", _days(2)), _fact("c", _days(4)), _fact("d", _days(5))]
    assert cluster_events(facts) == cluster_events(facts[::-1])
    assert cluster_events(facts) == {"a:0": "a:0", "b:0": "a:0", "c:0": "c:0", "d:0": "c:0"}


def test_cluster_events_keeps_each_year_dated_row_alone() -> None:
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    clusters = cluster_events([_fact("a", *year), _fact("b", *year)])
    assert clusters == {"a:0": "a:0", "b:0": "b:0"}


# --- scoring ---------------------------------------------------------------------------------


def _gold(doc: str, event: str) -> GoldReport:
    return GoldReport(doc, "CONSULT", frozenset({"ilham-aliyev", "nikol-pashinyan"}), frozenset(), event)


def test_score_clusters_counts_pairs_and_b_cubed() -> None:
    gold = [_gold("a", "x"), _gold("b", "x"), _gold("c", "y"), _gold("d", "y")]
    scores = score_clusters(gold, {"a": "1", "b": "1", "c": "1", "d": "2"})
    # predicted-same pairs: ab, ac, bc (right: ab); gold-same pairs: ab, cd.
    assert scores["pair_p"] == pytest.approx(1 / 3)
    assert scores["pair_r"] == pytest.approx(1 / 2)
    assert scores["b3_p"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert scores["b3_r"] == pytest.approx((1 + 1 + 1 / 2 + 1 / 2) / 4)
    assert (scores["n_events"], scores["n_clusters"], scores["n_missed"]) == (2, 2, 0)


def test_score_clusters_counts_a_missed_row_against_recall_only() -> None:
    gold = [_gold("a", "x"), _gold("b", "x"), _gold("c", "x")]
    scores = score_clusters(gold, {"a": "1", "b": "1", "c": None})
    assert scores["pair_p"] == 1.0
    assert scores["pair_r"] == pytest.approx(1 / 3)
    assert scores["missed"] == ["c"]
    assert scores["clusters"]["c"] == "missed:c"


def test_main_event_matches_type_and_actor_sets() -> None:
    gold = _gold("a", "x")
    other = _fact("a", MARCH_10, idx=0, source=("ilham-aliyev",), target=("ARM",))
    meeting = _fact("a", MARCH_10, idx=2, source=("nikol-pashinyan", "ilham-aliyev", "nikol-pashinyan"))
    later = _fact("a", MARCH_10, idx=3)
    assert main_event([later, other, meeting], gold) is meeting
    assert main_event([other], gold) is None


def test_load_gold_reads_the_corpus_gold() -> None:
    gold = load_gold(CORPUS_DIR / "gold.tsv")
    assert len(gold) >= 25
    h1 = next(g for g in gold if g.doc == "h1")
    assert (h1.type, h1.source, h1.target) == ("SANCTION", frozenset({"USA"}), frozenset({"IRN"}))


def test_load_gold_names_the_line_of_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text("# comment\ndoc\ttype\tsource\ttarget\tevent\na1\tCONSULT\tUSA\n", encoding="utf-8")
    with pytest.raises(GoldDataError, match=r"gold\.tsv:3: expected 5"):
        load_gold(path)


def test_load_gold_rejects_a_doc_listed_twice(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    row = "a1\tCONSULT\tUSA\t-\tx\n"
    path.write_text("doc\ttype\tsource\ttarget\tevent\n" + row + row, encoding="utf-8")
    with pytest.raises(GoldDataError, match="listed twice"):
        load_gold(path)


# --- accuracy gate on the test corpus --------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_scores(extractor) -> ClusterScores:
    return evaluate_clusters(CORPUS_DIR, extractor=extractor)


@pytest.mark.slow
def test_cluster_pairwise_precision_and_recall_stay_above_floors(corpus_scores: ClusterScores) -> None:
    assert corpus_scores["pair_p"] >= PAIR_P_FLOOR
    assert corpus_scores["pair_r"] >= PAIR_R_FLOOR


@pytest.mark.slow
def test_cluster_b_cubed_stays_above_floors(corpus_scores: ClusterScores) -> None:
    assert corpus_scores["b3_p"] >= B3_P_FLOOR
    assert corpus_scores["b3_r"] >= B3_R_FLOOR


@pytest.mark.slow
def test_cluster_corpus_main_events_are_all_found(corpus_scores: ClusterScores) -> None:
    assert corpus_scores["missed"] == []


@pytest.mark.slow
@pytest.mark.parametrize(("one", "other", "why"), APART)
def test_cluster_look_alikes_stay_apart(corpus_scores: ClusterScores, one: str, other: str, why: str) -> None:
    clusters = corpus_scores["clusters"]
    assert clusters[one] != clusters[other], why


@pytest.mark.slow
@pytest.mark.parametrize(("one", "other", "why"), TOGETHER)
def test_cluster_reports_of_one_event_come_together(
    corpus_scores: ClusterScores, one: str, other: str, why: str
) -> None:
    clusters = corpus_scores["clusters"]
    assert clusters[one] == clusters[other], why
