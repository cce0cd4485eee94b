"""Event, quad-class and factuality scoring on hand-made gold and predictions (no gold files, no model)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.evaluation.events import (
    FactualityItem,
    GoldEvent,
    GoldSentence,
    PredictedEvent,
    QuadSentence,
    cameo_plover_type,
    evaluate_events,
    evaluate_factuality,
    format_table,
    gold_country,
    headline,
    load_cameo_table,
    load_petr_tests,
    load_plover_events,
    load_quad,
    plover_name,
    predicted_events,
    quad_class,
    score_events,
    score_quad,
    side_matches,
    split_of,
)
from dragoman.record import Event, Record


def _c(*codes: str) -> frozenset[str]:
    return frozenset(codes)


def _sentence(text: str, *events: GoldEvent, tag: str | None = None) -> GoldSentence:
    return GoldSentence(text, text, events, tag=tag)


def _predict(table: dict[str, list[PredictedEvent]]):
    return lambda text, date: table.get(text, [])


ATTACK = GoldEvent("ASSAULT", _c("RUS"), _c("UKR"))
TALKS = GoldEvent("CONSULT", _c("FRA"), _c("DEU"))
GOLD = [
    _sentence("Russian troops shelled Kharkiv.", ATTACK),
    _sentence("Paris and Berlin held talks.", TALKS),
    _sentence("Nothing happened today."),
]


def _as_predicted(event: GoldEvent, confidence: float = 1.0) -> PredictedEvent:
    return PredictedEvent(event.type, event.source_countries, event.target_countries, confidence)


# --- events -------------------------------------------------------------------------------------


def test_score_events_perfect_predictions_score_one() -> None:
    perfect = {s.text: [_as_predicted(e) for e in s.events] for s in GOLD}
    scores = score_events(GOLD, _predict(perfect))
    assert (scores["type_f1"], scores["full_f1"]) == (1.0, 1.0)
    assert (scores["n_sentences"], scores["n_gold"], scores["n_pred"]) == (3, 2, 2)
    assert scores["per_type"]["ASSAULT"]["full_f1"] == 1.0
    assert scores["confusion"] == {"ASSAULT>ASSAULT": 1, "CONSULT>CONSULT": 1}


def test_score_events_no_predictions_score_zero() -> None:
    scores = score_events(GOLD, _predict({}))
    assert scores["type_p"] == scores["type_r"] == scores["type_f1"] == 0.0
    assert scores["full_f1"] == 0.0
    assert scores["n_pred"] == 0
    assert scores["confusion"] == {"ASSAULT>-": 1, "CONSULT>-": 1}


def test_score_events_types_are_multisets() -> None:
    gold = [_sentence("Two attacks.", ATTACK, ATTACK)]
    one = score_events(gold, _predict({"Two attacks.": [_as_predicted(ATTACK)]}))
    assert (one["type_p"], one["type_r"]) == (1.0, 0.5)
    three = score_events(gold, _predict({"Two attacks.": [_as_predicted(ATTACK)] * 3}))
    assert (three["type_p"], three["type_r"]) == (pytest.approx(2 / 3), 1.0)
    assert three["full_r"] == 1.0
    assert three["confusion"] == {"ASSAULT>ASSAULT": 2, "->ASSAULT": 1}


def test_score_events_full_match_needs_both_countries() -> None:
    wrong_target = PredictedEvent("ASSAULT", _c("RUS"), _c("POL"))
    scores = score_events(GOLD[:1], _predict({GOLD[0].text: [wrong_target]}))
    assert (scores["type_f1"], scores["full_f1"]) == (1.0, 0.0)
    swapped = PredictedEvent("ASSAULT", _c("UKR"), _c("RUS"))
    assert score_events(GOLD[:1], _predict({GOLD[0].text: [swapped]}))["full_f1"] == 0.0


def test_score_events_compound_prediction_matches_a_gold_country_among_its_own() -> None:
    compound = PredictedEvent("ASSAULT", _c("BLR", "RUS"), _c("UKR"))
    assert score_events(GOLD[:1], _predict({GOLD[0].text: [compound]}))["full_f1"] == 1.0


def test_side_matches_countryless_gold_only_with_countryless_prediction() -> None:
    # An IGO (or no actor) on the gold side: the prediction's side must have no country either.
    assert side_matches(_c(), _c())
    assert not side_matches(_c("USA"), _c())
    assert not side_matches(_c(), _c("USA"))
    assert side_matches(_c("USA", "GBR"), _c("GBR"))


def test_score_events_matching_is_one_to_one_and_maximal() -> None:
    gold = [
        _sentence("s", GoldEvent("ASSAULT", _c("RUS"), _c("UKR")), GoldEvent("ASSAULT", _c("BLR"), _c("UKR")))
    ]
    compound = PredictedEvent("ASSAULT", _c("RUS", "BLR"), _c("UKR"))  # matches either gold event
    russia = PredictedEvent("ASSAULT", _c("RUS"), _c("UKR"))  # matches the first only
    # greedy in order would give the compound the first gold event and leave Russia unmatched
    assert score_events(gold, _predict({"s": [compound, russia]}))["full_f1"] == 1.0
    assert score_events(gold, _predict({"s": [compound, compound]}))["full_f1"] == 1.0
    assert score_events(gold, _predict({"s": [russia, russia]}))["full_p"] == 0.5


def test_score_events_confusion_pairs_the_most_confident_leftover_first() -> None:
    gold = [_sentence("s", GoldEvent("AGREE"))]
    pred = [PredictedEvent("CONSULT", confidence=0.2), PredictedEvent("SUPPORT", confidence=0.9)]
    scores = score_events(gold, _predict({"s": pred}))
    assert scores["confusion"] == {"->CONSULT": 1, "AGREE>SUPPORT": 1}


def test_score_events_left_out_sentences_are_counted_not_scored() -> None:
    gold = [*GOLD, GoldSentence("x", "Arnor will abandon ties.", (), left_out="CAMEO code 901")]
    asked: list[str] = []

    def predict(text: str, date: dt.date | None) -> list[PredictedEvent]:
        asked.append(text)
        return [PredictedEvent("SANCTION")]

    scores = score_events(gold, predict)
    assert scores["n_left_out"] == 1
    assert "Arnor will abandon ties." not in asked


def test_score_events_breaks_down_by_tag() -> None:
    gold = [
        _sentence("a", ATTACK, tag="PASSIVE"),
        _sentence("b", TALKS, tag="COMPOUND"),
    ]
    scores = score_events(gold, _predict({"a": [_as_predicted(ATTACK)]}))
    assert scores["per_tag"]["PASSIVE"] == {"type_f1": 1.0, "full_f1": 1.0, "n_sentences": 1}
    assert scores["per_tag"]["COMPOUND"]["type_f1"] == 0.0


def test_gold_country_reads_the_first_three_letters() -> None:
    assert gold_country("USAGOV") == "USA"
    assert gold_country("JAP") == "JPN"
    assert gold_country("NZE") == "NZL"
    assert gold_country("IGOUNO") is None
    assert gold_country("---GOV") is None
    assert gold_country("GON") is None
    assert gold_country(None) is None


def test_plover_name_maps_the_0_5_names() -> None:
    assert plover_name("DEMAND") == "REQUEST"
    assert plover_name("DISAPPROVE") == "ACCUSE"
    assert plover_name("FIGHT") == "ASSAULT"
    assert plover_name("INVESTIGATE") == "ACCUSE"
    assert plover_name("AGREE") == "AGREE"
    assert plover_name("DOCUMENT") is None


def test_load_plover_events_groups_records_by_sentence(tmp_path: Path) -> None:
    text = "Ruritania demanded that Freedonia free the prisoners and threatened sanctions."
    records = [
        {"id": "DOC", "event": "DOCUMENT", "comment": "not an event"},
        {"id": "a", "event": "DEMAND", "text": text, "source": [{"actorText": "x", "code": "USAGOV"}],
         "target": [{"actorText": "y", "code": "IGOUNO"}]},
        {"id": "b", "event": "THREATEN", "text": text, "source": [{"code": "USA"}, {"code": "GBR"}],
         "target": ""},
    ]  # fmt: skip
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    (sentence,) = load_plover_events(path)
    assert sentence.text == text
    assert sentence.date == dt.date(2000, 1, 1)
    assert sentence.events == (
        GoldEvent("REQUEST", _c("USA"), _c(), ("USAGOV", "IGOUNO")),
        GoldEvent("THREATEN", _c("USA", "GBR"), _c(), ("USA", "GBR")),
    )


CAMEO_TABLE = """# CAMEO to PLOVER
04: CONSULT
042: CONSULT, visit,   # Make a visit
08: CONCEDE
08: RETREAT
163: COERCE, restrict,   diplomatic # Impose embargo
174: COERCE, deport, legal # Expel
~~~~~
"""


def test_cameo_table_maps_codes_and_drops_a_letter_suffix(tmp_path: Path) -> None:
    path = tmp_path / "cameo2plover.txt"
    path.write_text(CAMEO_TABLE, encoding="utf-8")
    table = load_cameo_table(path)
    assert table["08"] == "CONCEDE"
    assert cameo_plover_type("163", table) == "COERCE"
    assert cameo_plover_type("174K", table) == "COERCE"
    assert cameo_plover_type("903", table) is None


def test_load_petr_tests_maps_codes_and_flags_fictional_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "cameo2plover.txt").write_text(CAMEO_TABLE, encoding="utf-8")
    tests: list[dict[str, Any]] = [
        {"id": "DEMO-01", "category": "DEMO", "date": "19950102", "text": "Arnor visited Gondor.",
         "events": [{"eventcode": "042", "sourcecode": "ARN", "targetcode": "GONGOV"}]},
        {"id": "PASSIVE-01", "category": "MODIFY", "date": None, "text": "France was visited by Chad.",
         "events": [{"eventcode": "042", "sourcecode": "TCD", "targetcode": "FRA"},
                    {"eventcode": "023", "sourcecode": "TCD", "targetcode": "FRA"}]},
        {"id": "SYNSET-01", "category": "SYNSET", "date": None, "text": "Eriador abandoned ties.",
         "events": [{"eventcode": "901", "sourcecode": "ERI", "targetcode": "IGOUNO"}]},
        {"id": None, "category": None, "date": None, "text": "Rain fell.", "events": [{}]},
    ]  # fmt: skip
    path = tmp_path / "petr.json"
    path.write_text(json.dumps(tests), encoding="utf-8")
    arnor, passive, synset, rain = load_petr_tests(path, load_cameo_table(tmp_path / "cameo2plover.txt"))
    assert arnor.events == (GoldEvent("CONSULT", _c(), _c(), ("ARN", "GONGOV")),)
    assert (arnor.date, arnor.tag, arnor.real, arnor.left_out) == (dt.date(1995, 1, 2), "DEMO", False, None)
    # the appeal (023) has no PLOVER type: dropped, the sentence kept
    assert passive.events == (GoldEvent("CONSULT", _c("TCD"), _c("FRA"), ("TCD", "FRA")),)
    assert (passive.tag, passive.real, passive.left_out) == ("PASSIVE", True, None)
    # a code outside the table leaves the sentence out; ERI is Eriador there, not Eritrea
    assert synset.left_out is not None and not synset.real
    assert rain.events == () and rain.tag == "NONE" and rain.left_out is None


def test_split_of_is_stable_and_splits_about_half() -> None:
    # pinned: a change of the hash would silently move sentences between the halves
    assert split_of("Ruritania recalled its ambassador from Freedonia.") == "dev"
    assert split_of("Freedonia expelled two Ruritanian diplomats.") == "val"
    assert split_of("  Freedonia expelled two Ruritanian diplomats.\n") == "val"
    halves = [split_of(f"Sentence number {i} about a summit.") for i in range(400)]
    assert 160 < halves.count("dev") < 240


# --- quad -----------------------------------------------------------------------------------------


def test_quad_class_is_the_quad_of_the_most_confident_event() -> None:
    assert quad_class([]) == 0
    events = [PredictedEvent("ASSAULT", confidence=0.4), PredictedEvent("CONSULT", confidence=0.8)]
    assert quad_class(events) == 1
    tied = [PredictedEvent("REQUEST", confidence=0.5), PredictedEvent("AID", confidence=0.5)]
    assert quad_class(tied) == 3
    assert quad_class([PredictedEvent("AID")]) == 2
    assert quad_class([PredictedEvent("PROTEST")]) == 4


def test_quad_class_concede_is_accepted_for_class_two() -> None:
    concede = [PredictedEvent("CONCEDE")]
    assert quad_class(concede) == 1
    assert quad_class(concede, gold=2) == 2
    assert quad_class(concede, gold=3) == 1


def test_score_quad_perfect_and_empty() -> None:
    items = [
        QuadSentence("a", 0),
        QuadSentence("b", 1),
        QuadSentence("c", 2),
        QuadSentence("d", 3),
        QuadSentence("e", 4),
        QuadSentence("f", 2),
    ]
    right = {
        "b": [PredictedEvent("AGREE")],
        "c": [PredictedEvent("RETREAT")],
        "d": [PredictedEvent("THREATEN")],
        "e": [PredictedEvent("COERCE")],
        "f": [PredictedEvent("CONCEDE")],
    }
    perfect = score_quad(items, _predict(right))
    assert (perfect["accuracy"], perfect["macro_f1"], perfect["n"]) == (1.0, 1.0, 6)
    empty = score_quad(items, _predict({}))
    assert empty["accuracy"] == pytest.approx(1 / 6)
    assert empty["f1_0"] == pytest.approx(2 / 7)
    assert empty["macro_f1"] == pytest.approx(2 / 7 / 5)
    assert empty["confusion"][2] == [2, 0, 0, 0, 0]


def test_load_quad_reads_tab_separated_classes(tmp_path: Path) -> None:
    path = tmp_path / "quad.tsv"
    path.write_text("Ruritania shelled the border.\t4\nA statement.\t0\n", encoding="utf-8")
    assert load_quad(path) == [
        QuadSentence("Ruritania shelled the border.", 4),
        QuadSentence("A statement.", 0),
    ]


# --- records and the pipeline ---------------------------------------------------------------------


def _event(
    kind: str, source: tuple[str, ...], target: tuple[str, ...], trigger: tuple[int, int], **kw: Any
) -> Event:
    return Event(kind, source, target, (0, 60), trigger, "", **kw)


ACTORS = {
    "RUS": {"name": "Russia", "kind": "country", "country": "RUS"},
    "vladimir-putin": {"name": "Vladimir Putin", "kind": "person", "country": "RUS"},
    "NATO": {"name": "NATO", "kind": "igo", "country": None},
    "UKR": {"name": "Ukraine", "kind": "country", "country": "UKR"},
}


def test_predicted_events_take_the_countries_of_the_actors() -> None:
    record = Record(
        "r",
        "text",
        actors=ACTORS,
        events=[
            _event("ASSAULT", ("RUS", "vladimir-putin"), ("UKR",), (0, 4), confidence=0.7),
            _event("ACCUSE", ("NATO",), ("unknown-id",), (5, 9)),
        ],
    )
    assert predicted_events(record) == [
        PredictedEvent("ASSAULT", _c("RUS"), _c("UKR"), 0.7),
        PredictedEvent("ACCUSE", _c(), _c(), 0.5),
    ]
    assert predicted_events(Record("r", "text")) == []


def test_evaluate_factuality_uses_the_event_on_the_trigger_word() -> None:
    items = [
        FactualityItem("Officials said Russia attacked Odesa.", "attributed", "attacked"),
        FactualityItem("Russia will visit Kyiv.", "future", "visit"),
        FactualityItem("Russia did not attend.", "negated", "attend"),
    ]
    records = [
        Record("a", items[0].text, events=[
            _event("ACCUSE", (), (), (10, 14), factuality="asserted"),  # "said": another event
            _event("ASSAULT", ("RUS",), (), (22, 30), factuality="attributed"),
        ]),
        Record("b", items[1].text, events=[_event("CONSULT", (), (), (12, 17), factuality="asserted")]),
        Record("c", items[2].text),
    ]  # fmt: skip
    scores = evaluate_factuality(records, items)
    assert (scores["accuracy"], scores["right"], scores["missing"]) == (pytest.approx(1 / 3), 1, 1)
    assert scores["per_class"]["future"] == {"n": 1, "right": 0, "missing": 0}
    assert scores["per_class"]["negated"] == {"n": 1, "right": 0, "missing": 1}
    assert scores["confusion"] == {"attributed>attributed": 1, "future>asserted": 1, "negated>-": 1}


def test_evaluate_factuality_reads_events_in_json_form() -> None:
    item = FactualityItem("Iran may strike.", "hypothetical", "strike")
    record = Record("a", item.text)
    record.events = [{"type": "ASSAULT", "trigger": [9, 15], "factuality": "hypothetical", "confidence": 0.5}]  # type: ignore[list-item]
    assert evaluate_factuality([record], [item])["accuracy"] == 1.0


class FakeExtractor:
    """Codes every sentence with one Russia → Ukraine ASSAULT; records how it was called."""

    def __init__(self, events: bool = True) -> None:
        self.events = events
        self.calls = 0
        self.dates: set[str | None] = set()

    def extract(self, items: Iterable[Any]) -> Iterator[Record]:
        self.calls += 1
        for item in items:
            self.dates.add(item.date)
            events = [_event("ASSAULT", ("RUS",), ("UKR",), (0, 1))] if self.events else []
            yield Record(item.text[:8], item.text, date=item.date, actors=ACTORS, events=events)


def _gold_dir(tmp_path: Path) -> Path:
    events = tmp_path / "events"
    events.mkdir()
    plover = [
        {"id": "p1", "event": "FIGHT", "text": "Russian forces shelled Kharkiv.",
         "source": [{"code": "RUS"}], "target": [{"code": "UKR"}]},
        {"id": "p2", "event": "AGREE", "text": "Chad agreed to talks.", "source": [{"code": "TCD"}]},
    ]  # fmt: skip
    (events / "plover_gsr.json").write_text(json.dumps(plover), encoding="utf-8")
    (events / "cameo2plover.txt").write_text(CAMEO_TABLE, encoding="utf-8")
    petr = [{"id": "DEMO-01", "category": "DEMO", "date": "19950102", "text": "Russia deported Ukrainians.",
             "events": [{"eventcode": "174", "sourcecode": "RUS", "targetcode": "UKR"}]}]  # fmt: skip
    (events / "petr_unit_tests.json").write_text(json.dumps(petr), encoding="utf-8")
    (events / "quad_dev.tsv").write_text("Russia shelled Kharkiv.\t4\nTalks resumed.\t1\n", encoding="utf-8")
    return tmp_path


def test_evaluate_events_runs_one_batch_and_scores_every_set(tmp_path: Path) -> None:
    extractor = FakeExtractor()
    results = evaluate_events(_gold_dir(tmp_path), extractor)  # type: ignore[arg-type]
    assert extractor.calls == 1
    assert extractor.dates == {"2000-01-01", "1995-01-02", "2018-01-01"}
    assert {"plover", "plover/dev", "plover/val", "petr", "petr/real", "quad", "quad/val"} <= set(results)
    assert (results["plover"]["type_p"], results["plover"]["full_r"]) == (0.5, 0.5)
    assert results["petr"]["type_f1"] == 0.0  # COERCE gold, ASSAULT predicted
    assert results["quad"]["accuracy"] == 0.5
    halves = results["plover/dev"]["n_sentences"] + results["plover/val"]["n_sentences"]
    assert halves == results["plover"]["n_sentences"] == 2
    assert "plover per type" in format_table(results)
    assert all(isinstance(v, int | float) for s in headline(results).values() for v in s.values())


def test_evaluate_events_scores_records_without_events_as_zero(tmp_path: Path) -> None:
    results = evaluate_events(_gold_dir(tmp_path), FakeExtractor(events=False))  # type: ignore[arg-type]
    assert results["plover"]["type_f1"] == results["plover"]["full_f1"] == 0.0
    assert results["petr"]["full_f1"] == 0.0
    assert results["quad"]["confusion"][0] == [0, 0, 0, 0, 0]
    assert results["quad"]["f1_4"] == 0.0
