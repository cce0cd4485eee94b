"""Actor scoring (re3d mentions, PLOVER countries, GUM identity) on hand-made sentences."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from types import SimpleNamespace

import pytest

from dragoman.evaluation.actors import (
    GoldActorSpan,
    GoldActorSpanSentence,
    GoldEntity,
    GoldNerDoc,
    actor_gold,
    actor_mentions,
    format_table,
    gum_named_span,
    gum_ner_gold,
    has_capitalised_word,
    load_plover,
    plover_sentence,
    score_gum_identity,
    score_gum_ner,
    score_plover_countries,
    score_re3d,
)
from dragoman.record import Entity, Mention, Record

TEXT = "Ahmed Khalil told the Syrian army in Aleppo that France would help."
#       0         1         2         3         4         5         6


def _span(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _gold(phrase: str, kind: str, confidence: float = 1.0) -> GoldEntity:
    start, end = _span(TEXT, phrase)
    return GoldEntity(start, end, phrase, kind, confidence)


def _pred(phrase: str, label: str) -> tuple[int, int, str]:
    return (*_span(TEXT, phrase), label)


def _re3d_doc() -> GoldNerDoc:
    return GoldNerDoc(
        "d",
        TEXT,
        [
            _gold("Ahmed Khalil", "Person"),
            _gold("the Syrian army", "Organisation"),
            _gold("Aleppo", "Location"),
            _gold("France", "Organisation"),
        ],
    )


def test_gold_actor_spans_need_a_capitalised_word_and_confidence() -> None:
    doc = GoldNerDoc(
        "d",
        TEXT,
        [
            _gold("Ahmed Khalil", "Person"),
            _gold("army", "Organisation"),  # no capitalised word
            _gold("Aleppo", "Location", confidence=0.4),  # crowd confidence below 0.5
            _gold("France", "Weapon"),  # not an actor type
        ],
    )
    assert [e.text for e in actor_gold(doc)] == ["Ahmed Khalil"]
    assert has_capitalised_word("the al-Khani mosque") and not has_capitalised_word("the army")


def test_re3d_perfect_predictions_score_one() -> None:
    predict = [
        _pred("Ahmed Khalil", "PERSON"),
        _pred("Syrian army", "ORG"),
        _pred("Aleppo", "GPE"),
        _pred("France", "GPE"),  # GPE may match an Organisation
        _pred("help", "DATE"),  # not an actor label: not a prediction at all
    ]
    s = score_re3d([_re3d_doc()], lambda text: predict)
    assert (s["n_gold"], s["n_pred"]) == (4, 4)
    assert s["p"] == s["r"] == s["f1"] == 1.0
    assert s["exact_p"] == 0.75  # "Syrian army" only overlaps "the Syrian army"
    assert s["organisation_r"] == 1.0 and s["organisation_p"] == 1.0


def test_re3d_incompatible_type_is_not_a_match() -> None:
    predict = [_pred("Ahmed Khalil", "GPE"), _pred("Aleppo", "PERSON")]
    s = score_re3d([_re3d_doc()], lambda text: predict)
    assert s["p"] == 0.0 and s["r"] == 0.0
    assert s["untyped_p"] == 1.0 and s["untyped_r"] == 0.5
    # Unmatched predictions count against the type their label stands for.
    assert s["location_p"] == 0.0 and s["person_p"] == 0.0


def test_re3d_matching_is_one_to_one() -> None:
    # Two predictions inside the one gold span "Ahmed Khalil": the second is a false positive.
    predict = [(0, 5, "PERSON"), (6, 12, "PERSON")]
    s = score_re3d([_re3d_doc()], lambda text: predict)
    assert s["n_pred"] == 2
    assert s["p"] == 0.5 and s["r"] == 0.25
    assert s["person_p"] == 0.5 and s["person_r"] == 1.0


def test_re3d_nested_gold_prefers_the_tighter_span() -> None:
    text = "They met in an area outside Damascus and in Homs."
    outer, inner = _span(text, "an area outside Damascus"), _span(text, "Damascus")
    doc = GoldNerDoc(
        "d",
        text,
        [
            GoldEntity(*outer, "an area outside Damascus", "Location"),
            GoldEntity(*inner, "Damascus", "Location"),
        ],
    )
    # "Damascus" goes to the gold "Damascus", leaving the outer span to "an area outside".
    s = score_re3d([doc], lambda t: [(*inner, "GPE"), (*_span(text, "an area outside"), "LOC")])
    assert s["p"] == s["r"] == 1.0
    assert s["exact_p"] == s["exact_r"] == 0.5


def test_re3d_a_prediction_goes_to_the_gold_span_it_fits_best() -> None:
    text = "Troops left the Syrian army base at dawn."
    base, army = _span(text, "the Syrian army base"), _span(text, "the Syrian army")
    doc = GoldNerDoc(
        "d",
        text,
        [
            GoldEntity(*base, "the Syrian army base", "Location"),
            GoldEntity(*army, "the Syrian army", "Organisation"),
        ],
    )
    s = score_re3d([doc], lambda t: [(*_span(text, "Syrian army"), "GPE")])  # GPE fits either type
    assert s["organisation_r"] == 1.0 and s["location_r"] == 0.0


# --- PLOVER -----------------------------------------------------------------------------------


def _plover_record(markup: str, text: str, source: list[dict], target: list[dict] | None = None) -> dict:
    return {"id": "R", "text": text, "textInfo": {"markup": markup}, "source": source, "target": target}


def test_plover_markup_gives_spans_in_the_clean_text() -> None:
    text = "Kenyan police (KP) arrested protesters in Nairobi, the UN said."
    record = _plover_record(
        "(SRC: Kenyan police) (KP) (EVT: arrested) (TAR: protesters) (LOC: in Nairobi), the UN said.",
        text,
        [{"actorText": "Kenyan police", "code": "KENGOV"}],
        [{"actorText": "protesters", "code": "NGO"}],
    )
    sentence = plover_sentence(record)
    assert sentence is not None
    assert sentence.text == text
    (src, tar) = sentence.spans
    assert text[src.start : src.end] == "Kenyan police" and src.country == "KEN" and src.role == "SRC"
    assert text[tar.start : tar.end] == "protesters" and tar.country is None and tar.reason == "non-state"


def test_plover_spans_are_aligned_to_the_edited_text() -> None:
    # The markup has an older spelling and a stray parenthesis; the record's text is the sentence.
    text = "Israel will leave the Gaza Strip, officials said."
    record = _plover_record(
        "(SRC: Isreal) (EVT: will leave) the (TAR: Gaza Strip)), officials said.",
        text,
        [{"actorText": "Israel", "code": "ISR"}],
        [{"actorText": "Gaza Strp", "code": "PSE"}],  # a typo in the gold: matched by similarity
    )
    sentence = plover_sentence(record)
    assert sentence is not None
    assert [(text[s.start : s.end], s.country) for s in sentence.spans] == [
        ("Israel", "ISR"),
        ("Gaza Strip", "PSE"),
    ]


def test_plover_reciprocal_and_ambiguous_and_cameo_codes() -> None:
    text = "Japanese and Italian ships and French and German sailors met."
    record = _plover_record(
        "(SRC/TAR: Japanese) and (SRC/TAR: Italian ships) and (SRC: French and German sailors) met.",
        text,
        [
            {"actorText": "Japanese", "code": "JAPGOV"},
            {"actorText": "Italian ships", "code": "ITLMIL"},
            {"actorText": "French sailors", "code": "FRA"},
            {"actorText": "German sailors", "code": "DEU"},
        ],
    )
    sentence = plover_sentence(record)
    assert sentence is not None
    assert [(s.role, s.country, s.reason) for s in sentence.spans] == [
        ("SRC/TAR", "JPN", None),
        ("SRC/TAR", "ITA", None),
        ("SRC", None, "several countries"),
    ]


def test_load_plover_skips_the_documentation_record(tmp_path: Path) -> None:
    records = [
        {"event": "DOCUMENT", "id": "DOC"},
        _plover_record(
            "(SRC: Peru) (EVT: protested).", "Peru protested.", [{"actorText": "Peru", "code": "PER"}]
        ),
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    (sentence,) = load_plover(path)
    assert sentence.spans[0].country == "PER"


def _countries_item() -> GoldActorSpanSentence:
    text = "Egyptian President Hosni Mubarak met Sudanese rebels and the United Nations."
    mubarak = _span(text, "Egyptian President Hosni Mubarak")
    rebels = _span(text, "Sudanese rebels")
    un = _span(text, "the United Nations")
    return GoldActorSpanSentence(
        "s",
        text,
        [
            GoldActorSpan(*mubarak, "SRC", "EGYGOV", "EGY"),
            GoldActorSpan(*rebels, "TAR", "SDNREB", "SDN"),
            GoldActorSpan(*un, "TAR", "IGO", None, "non-state"),
        ],
    )


def test_plover_country_accuracy_uses_the_largest_overlap_with_a_country() -> None:
    item = _countries_item()
    text = item.text
    predictions = [
        (*_span(text, "President"), "USA"),  # smaller overlap than "Hosni Mubarak": not used
        (*_span(text, "Hosni Mubarak"), "EGY"),
        (*_span(text, "United Nations"), None),  # its gold span is not scorable
    ]
    s = score_plover_countries([item], lambda t: predictions)
    assert (s["n"], s["n_left_out"]) == (2, 1)
    assert s["accuracy"] == 0.5 and s["coverage"] == 0.5


def test_plover_overlap_decides_not_the_fit() -> None:
    item = _countries_item()
    text = item.text
    predictions = [
        (*_span(text, "Sudanese rebels and the United Nations"), "SDN"),  # covers the whole span
        (*_span(text, "rebels"), "ETH"),  # fits more tightly, overlaps less
    ]
    assert score_plover_countries([item], lambda t: predictions)["accuracy"] == 0.5


def test_plover_mentions_without_country_cover_but_are_wrong() -> None:
    item = _countries_item()
    text = item.text
    predictions = [(*_span(text, "Hosni Mubarak"), None), (*_span(text, "Sudanese"), "SDN")]
    s = score_plover_countries([item], lambda t: predictions)
    assert s["coverage"] == 1.0 and s["accuracy"] == 0.5
    wrong = score_plover_countries([item], lambda t: [(*_span(text, "Sudanese"), "SSD")])
    assert wrong["accuracy"] == 0.0 and wrong["coverage"] == 0.5


# --- GUM identity -----------------------------------------------------------------------------

GUM_TEXT = "Donald Trump met Ilham Aliyev . Trump said Aliyev and the U.S. agreed ."


def _gum_doc() -> GoldNerDoc:
    def gold(phrase: str, kind: str, wiki: str | None, occurrence: int = 0) -> GoldEntity:
        return GoldEntity(*_span(GUM_TEXT, phrase, occurrence), phrase, kind, wiki=wiki)

    return GoldNerDoc(
        "g",
        GUM_TEXT,
        [
            gold("Donald Trump", "person", "Donald_Trump"),
            gold("Ilham Aliyev", "person", "Ilham_Aliyev"),
            gold("Trump", "person", "Donald_Trump", 1),
            gold("Aliyev", "person", "Ilham_Aliyev", 1),
            gold("the U.S.", "place", "United_States"),
            gold("agreed", "event", "Agreement"),  # not an actor type
        ],
        dt.date(2026, 1, 20),
    )


def _gum_predict(ids: list[str | None]):
    phrases = [("Donald Trump", 0), ("Ilham Aliyev", 0), ("Trump", 1), ("Aliyev", 1), ("U.S.", 0)]

    def predict(text: str, dct: dt.date | None) -> list[tuple[int, int, str | None]]:
        assert dct == dt.date(2026, 1, 20)
        return [(*_span(text, p, n), actor) for (p, n), actor in zip(phrases, ids, strict=True)]

    return predict


def test_gum_identity_perfect_linking() -> None:
    s = score_gum_identity([_gum_doc()], _gum_predict(["trump", "aliyev", "trump", "aliyev", "usa"]))
    assert s["b3_f1"] == 1.0 and s["pair_f1"] == 1.0
    assert (s["n_mentions"], s["n_scored"], s["n_entities"], s["coverage"]) == (5, 5, 3, 1.0)


def test_gum_identity_merging_and_splitting_lower_precision_and_recall() -> None:
    merged = score_gum_identity([_gum_doc()], _gum_predict(["x", "x", "x", "x", "usa"]))
    assert merged["b3_r"] == 1.0 and merged["b3_p"] < 1.0 and merged["pair_p"] == pytest.approx(2 / 6)
    split = score_gum_identity([_gum_doc()], _gum_predict(["a", "b", "c", "d", "usa"]))
    assert split["b3_p"] == 1.0 and split["b3_r"] == pytest.approx(0.6) and split["pair_r"] == 0.0
    assert split["pair_p"] == 1.0  # no two mentions share an actor: nothing wrongly merged


def test_gum_identity_counts_only_mentions_with_an_actor() -> None:
    s = score_gum_identity([_gum_doc()], _gum_predict(["trump", None, "trump", None, None]))
    assert s["n_scored"] == 2 and s["coverage"] == pytest.approx(0.4) and s["b3_f1"] == 1.0
    none = score_gum_identity([_gum_doc()], _gum_predict([None] * 5))
    assert none["coverage"] == 0.0 and math.isnan(none["b3_f1"])


def test_gum_identity_across_documents() -> None:
    # The same person linked to different actors in two documents: right within each, wrong across.
    docs = [_gum_doc(), GoldNerDoc("h", GUM_TEXT, _gum_doc().entities, dt.date(2026, 1, 20))]
    ids = iter([["t1", "a", "t1", "a", "usa"], ["t2", "a", "t2", "a", "usa"]])
    s = score_gum_identity(docs, lambda text, dct: _gum_predict(next(ids))(text, dct))
    assert s["doc_b3_f1"] == 1.0 and s["b3_r"] < 1.0 and s["b3_p"] == 1.0


# --- records and the table --------------------------------------------------------------------


def test_actor_mentions_reads_linked_entities_and_record_mentions() -> None:
    record = Record(
        id="r",
        text="Trump met Aliyev. He agreed.",
        entities=[Entity(0, 5, "Trump", "PERSON", "Q22686"), Entity(10, 16, "Aliyev", "PERSON", None)],
        actors={"Q22686": {"name": "Donald Trump", "country": "USA"}},
    )
    assert actor_mentions(record) == [(0, 5, "Q22686")]
    record.mentions = [
        Mention(0, 5, "Trump", "Q22686", "name", 1.0),
        Mention(10, 16, "Aliyev", None, "unlinked", 0.0),
        Mention(18, 20, "He", "Q22686", "coreference", 0.8),
    ]
    assert actor_mentions(record) == [(0, 5, "Q22686"), (18, 20, "Q22686")]
    # Mentions read back from JSON are plain dicts.
    as_dicts = SimpleNamespace(entities=[], mentions=[{"start": 18, "end": 20, "actor": "Q22686"}])
    assert actor_mentions(as_dicts) == [(18, 20, "Q22686")]  # type: ignore[arg-type]


def test_format_table_prints_counts_as_integers() -> None:
    table = format_table({"plover": {"accuracy": 0.5, "coverage": 1.0, "n": 2, "n_left_out": 1}})
    assert "plover   accuracy            0.500" in table
    assert table.splitlines()[-2].split() == ["plover", "n", "2"]


NEWS = (
    "The Red Cross said Mayor Anna Berg of Oslo met actor Tom Hale in the Oslo Opera House .\nRefugees came ."
)


def _news_gold(phrase: str, kind: str, occurrence: int = 0) -> GoldEntity:
    start, end = _span(NEWS, phrase, occurrence)
    return GoldEntity(start, end, phrase, kind)


def test_gum_named_span_keeps_names_and_drops_titles_possessives_and_pronouns() -> None:
    text = "He said Mayor Anna Berg 's aides and actor Tom Hale met the Red Cross ."
    doc = GoldNerDoc("n", text, [])

    def named(phrase: str, kind: str) -> str | None:
        start, end = _span(text, phrase)
        span = gum_named_span(GoldEntity(start, end, phrase, kind))
        return None if span is None else doc.text[span[0] : span[1]]

    assert named("Mayor Anna Berg 's", "person") == "Anna Berg"
    assert named("actor Tom Hale", "person") == "Tom Hale"
    assert named("the Red Cross", "organization") == "the Red Cross"
    assert named("He", "person") is None
    assert named("Berg 's aides", "person") is None


def test_gum_ner_gold_keeps_named_actor_types_only() -> None:
    doc = GoldNerDoc(
        "n",
        NEWS,
        [
            _news_gold("The Red Cross", "organization"),
            _news_gold("Mayor Anna Berg of Oslo", "person"),
            _news_gold("Oslo", "place"),
            _news_gold("the Oslo Opera House", "place"),
            _news_gold("Oslo Opera House", "object"),
            _news_gold("Refugees", "person"),  # capitalised by position only: "refugees" is no name
        ],
    )
    doc.text = NEWS + " refugees"
    gold = {(NEWS[s:e], k) for s, e, k in gum_ner_gold(doc)}
    # "Mayor Anna Berg of Oslo" is not a title followed by names only: kept whole.
    assert gold == {
        ("The Red Cross", "ORG"),
        ("Mayor Anna Berg of Oslo", "PER"),
        ("Oslo", "LOC"),
        ("the Oslo Opera House", "LOC"),
    }


def test_score_gum_ner_exact_and_determiner_insensitive() -> None:
    doc = GoldNerDoc(
        "n",
        NEWS,
        [
            _news_gold("The Red Cross", "organization"),
            _news_gold("actor Tom Hale", "person"),
            _news_gold("Oslo", "place"),
            _news_gold("the Oslo Opera House", "place"),
        ],
    )

    def predict(text: str) -> list[tuple[int, int, str]]:
        assert text == NEWS
        return [
            (*_span(NEWS, "Red Cross"), "ORG"),  # right but for "The"
            (*_span(NEWS, "Tom Hale"), "PERSON"),  # exact
            (*_span(NEWS, "Oslo"), "GPE"),  # exact (GPE → LOC)
            (*_span(NEWS, "the Oslo Opera House"), "ORG"),  # wrong type
            (*_span(NEWS, "Anna Berg"), "NORP"),  # not a prediction at all
        ]

    scores = score_gum_ner([doc], predict)
    assert (scores["n_gold"], scores["n_pred"]) == (4, 4)
    assert scores["f1"] == pytest.approx(0.5)
    assert scores["nothe_f1"] == pytest.approx(0.75)
    assert scores["untyped_f1"] == pytest.approx(0.75)
    assert scores["overlap_f1"] == pytest.approx(0.75)
    assert scores["per_f1"] == pytest.approx(1.0)
    assert scores["org_f1"] == 0.0
    assert scores["org_nothe_f1"] == pytest.approx(2 / 3)  # P 1/2 (the Opera House is LOC), R 1
    assert scores["loc_p"] == pytest.approx(1.0)
    assert scores["loc_r"] == pytest.approx(0.5)
    assert scores["loc_n_gold"] == 2
