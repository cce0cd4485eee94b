"""Stored framing: the query's filters and order, each span's sentence, the praise/attack summary."""

from __future__ import annotations

import dataclasses

import pytest

from dragoman.errors import StoreError
from dragoman.framing.summary import framing_summary
from dragoman.record import FramingSpan, Record
from dragoman.store import FramingRow, Store
from dragoman.store.framing import sentence_around

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": None},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None},
    "ARM": {"name": "Armenia", "kind": "country", "country": "ARM", "sector": None},
}

TEXT_A = (
    "The ill-fated Section 907 hurt Azerbaijan. Its noble mission inspired Baku.\n"
    "Armenia's reckless leaders failed again. Nothing else."
)
TEXT_B = "Président Aliyev’s vision — brilliant — strengthens the nation. Victory in the Patriotic War!"
TEXT_C = "Armenia attacked, critics claim, in a cowardly way."


def _span(
    text: str, words: str, technique: str, confidence: float, target: str | None = None,
    polarity: str | None = None,
) -> FramingSpan:  # fmt: skip
    at = text.index(words)
    return FramingSpan(at, at + len(words), words, technique, confidence, target, polarity)


def _record(doc_id: str, text: str, date: str | None, framing: list[FramingSpan]) -> Record:
    return Record(
        id=doc_id,
        text=text,
        title=f"Title {doc_id}",
        date=date,
        language="en",
        content_hash=doc_id.ljust(64, "0")[:64],
        actors=dict(ACTORS),
        framing=framing,
    )


def _records() -> list[Record]:
    return [
        _record(
            "doc-a",
            TEXT_A,
            "2026-01-20",
            [
                _span(TEXT_A, "ill-fated", "Loaded_Language", 0.9, "USA", "negative"),
                _span(TEXT_A, "noble mission", "Loaded_Language", 0.7, "AZE", "positive"),
                _span(TEXT_A, "reckless leaders", "Name_Calling,Labeling", 0.8, "ARM", "negative"),
                _span(TEXT_A, "failed again", "Doubt", 0.3),
            ],
        ),
        _record(
            "doc-b",
            TEXT_B,
            "2025-12-01",
            [
                _span(TEXT_B, "brilliant", "Loaded_Language", 0.6, "AZE", "positive"),
                _span(TEXT_B, "strengthens the nation", "Slogans", 0.2, "ghost"),
                _span(TEXT_B, "Victory in the Patriotic War", "Flag-Waving", 0.5, "AZE", "positive"),
            ],
        ),
        _record(
            "doc-c", TEXT_C, None, [_span(TEXT_C, "cowardly", "Loaded_Language", 0.95, "ARM", "negative")]
        ),
    ]


@pytest.fixture
def store():
    with Store(":memory:") as s:
        for record in _records():
            s.save(record)
        yield s


def _texts(rows: list[FramingRow]) -> list[str]:
    return [r.span.text for r in rows]


def test_framing_ordered_by_document_date_then_document_then_index(store):
    assert [(r.doc_id, r.idx) for r in store.framing()] == [
        ("doc-b", 0), ("doc-b", 1), ("doc-b", 2),  # 2025-12-01
        ("doc-a", 0), ("doc-a", 1), ("doc-a", 2), ("doc-a", 3),  # 2026-01-20
        ("doc-c", 0),  # undated: last
    ]  # fmt: skip


def test_framing_rows_carry_the_span_document_and_target_name(store):
    (row,) = store.framing(doc_id="doc-a", technique="Name_Calling,Labeling")
    assert row.span == _records()[0].framing[2]
    assert (row.doc_title, row.doc_date, row.target_name) == ("Title doc-a", "2026-01-20", "Armenia")
    unknown, untargeted = store.framing(technique=["Doubt", "Slogans"])
    assert untargeted.span.target is None and untargeted.target_name is None
    assert unknown.span.target == "ghost" and unknown.target_name == "ghost"  # no name stored: the id


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"doc_id": "doc-c"}, ["cowardly"]),
        ({"doc_id": "doc-z"}, []),
        ({"actor": "ARM"}, ["reckless leaders", "cowardly"]),
        ({"actor": "aze"}, ["brilliant", "Victory in the Patriotic War", "noble mission"]),  # id, any case
        ({"actor": "united states"}, ["ill-fated"]),  # a name, any case
        ({"actor": ["USA", "ARM"]}, ["ill-fated", "reckless leaders", "cowardly"]),  # any of several
        ({"actor": "nobody"}, []),
        ({"technique": "loaded_language"}, ["brilliant", "ill-fated", "noble mission", "cowardly"]),
        ({"technique": ["DOUBT", "flag-waving"]}, ["Victory in the Patriotic War", "failed again"]),
        ({"polarity": "Positive"}, ["brilliant", "Victory in the Patriotic War", "noble mission"]),
        ({"polarity": ["negative"], "technique": "Loaded_Language"}, ["ill-fated", "cowardly"]),
        ({"polarity": "negative", "actor": "ARM", "doc_id": "doc-a"}, ["reckless leaders"]),
        ({"limit": 2, "offset": 3}, ["ill-fated", "noble mission"]),
        ({"limit": 0}, []),
        ({"min_confidence": 0.9}, ["ill-fated", "cowardly"]),
        ({"min_confidence": 0.6, "actor": "AZE"}, ["brilliant", "noble mission"]),
    ],
)
def test_framing_filters(store, filters, expected):
    assert _texts(store.framing(**filters)) == expected


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"technique": "Loaded Language"}, "unknown technique 'Loaded Language'"),
        ({"technique": "x' OR '1'='1"}, "unknown technique"),
        ({"polarity": "neutral"}, "unknown polarity 'neutral': expected one of positive, negative"),
        ({"limit": -1}, "must not be negative"),
        ({"offset": -5}, "must not be negative"),
        ({"min_confidence": 1.2}, "between 0 and 1"),
    ],
)
def test_framing_bad_values_raise_store_error(store, filters, message):
    with pytest.raises(StoreError, match=message.replace("(", r"\(")):
        store.framing(**filters)


def test_framing_actor_injection_matches_nothing(store):
    assert store.framing(actor="x' OR '1'='1") == []
    assert len(store.framing()) == 8


def test_framing_context_is_the_sentence_with_the_span_at_its_offset(store):
    rows = {r.span.text: r for r in store.framing()}
    noble = rows["noble mission"]
    assert noble.context == "Its noble mission inspired Baku."
    reckless = rows["reckless leaders"]
    assert reckless.context == "Armenia's reckless leaders failed again."  # after the line break
    for row in rows.values():  # the span lies where context_start says, non-ASCII text included
        at = row.span.start - row.context_start
        assert row.context[at : at + len(row.span.text)] == row.span.text
        assert "\n" not in row.context
    assert rows["brilliant"].context == "Président Aliyev’s vision — brilliant — strengthens the nation."
    assert rows["Victory in the Patriotic War"].context == "Victory in the Patriotic War!"


def test_framing_context_is_the_stored_sentence_where_the_span_has_one():
    # The pipeline's sentence, not a guess: "Dr. Ruiz" would end a sentence for the regex.
    text = "Critics spoke. Dr. Ruiz called the plan a disgrace. Then he left."
    sentence = (15, 51)
    span = _span(text, "disgrace", "Loaded_Language", 0.8)
    record = _record("doc-s", text, None, [dataclasses.replace(span, sentence=sentence)])
    with Store(":memory:") as s:
        s.save(record)
        (row,) = s.framing()
        assert s.record("doc-s").framing[0].sentence == sentence
    assert row.span.sentence == sentence
    assert (row.context, row.context_start) == ("Dr. Ruiz called the plan a disgrace.", 15)
    assert sentence_around(text, 0, span.start, span.end)[0] == "Ruiz called the plan a disgrace."


def test_sentence_around_keeps_the_window_where_no_sentence_ends():
    window = "no full stop anywhere in this window at all"
    assert sentence_around(window, 100, 113, 117) == (window, 100)
    assert sentence_around('He said "it is a disgrace." Then left.', 0, 17, 26) == (
        'He said "it is a disgrace."',
        0,
    )
    # a span past its window is shown with the window, not cut
    assert sentence_around("a b\nc", 10, 0, 2) == ("a b c", 10)
    # an abbreviation before a lower-case word ends no sentence
    assert sentence_around("Hi. The U.S. officials were wrong. Bye.", 0, 13, 22)[0] == (
        "The U.S. officials were wrong."
    )


def test_framing_row_to_dict_has_the_span_fields(store):
    (row,) = store.framing(doc_id="doc-c")
    data = row.to_dict()
    assert set(FramingSpan.__dataclass_fields__) <= set(data)
    assert data["technique"] == "Loaded_Language" and data["target_name"] == "Armenia"
    assert data["doc_date"] is None and data["context"] == TEXT_C


def test_framing_summary_counts_techniques_and_whom_the_corpus_praises_and_attacks(store):
    summary = store.framing_summary()
    assert (summary.spans, summary.documents) == (8, 3)
    assert [(t.technique, t.spans, t.praise, t.attack) for t in summary.techniques] == [
        ("Loaded_Language", 4, 2, 2),
        ("Doubt", 1, 0, 0),
        ("Flag-Waving", 1, 1, 0),
        ("Name_Calling,Labeling", 1, 0, 1),
        ("Slogans", 1, 0, 0),
    ]
    assert [(a.actor, a.name, a.praise, a.attack) for a in summary.actors] == [
        ("AZE", "Azerbaijan", 3, 0),
        ("ARM", "Armenia", 0, 2),
        ("USA", "United States", 0, 1),
    ]


def test_framing_summary_evidence_is_the_most_confident_spans(store):
    summary = store.framing_summary(evidence=2)
    loaded = summary.techniques[0]
    assert _texts(list(loaded.evidence)) == ["cowardly", "ill-fated"]
    aze, arm, _ = summary.actors
    assert _texts(list(aze.praise_evidence)) == ["noble mission", "brilliant"] and aze.attack_evidence == ()
    assert _texts(list(arm.attack_evidence)) == ["cowardly", "reckless leaders"]
    assert arm.attack_evidence[1].doc_id == "doc-a"  # evidence names its document
    assert all(t.evidence == () for t in store.framing_summary(evidence=0).techniques)


def test_framing_summary_of_one_document_agrees_with_summarise_spans(store):
    for record in _records():
        tones = framing_summary(record)
        summary = store.framing_summary(doc_id=record.id)
        assert [(a.actor, a.praise, a.attack) for a in summary.actors] == [
            (t.actor, t.n_praise, t.n_attack) for t in tones.values()
        ]
        assert summary.spans == len(record.framing) and summary.documents == 1


@pytest.mark.parametrize(
    ("filters", "techniques", "actors"),
    [
        ({"actor": "armenia"}, [("Loaded_Language", 1), ("Name_Calling,Labeling", 1)], [("ARM", 0, 2)]),
        ({"polarity": "positive"}, [("Loaded_Language", 2), ("Flag-Waving", 1)], [("AZE", 3, 0)]),
        ({"technique": "flag-waving"}, [("Flag-Waving", 1)], [("AZE", 1, 0)]),
        ({"limit": 1}, None, [("AZE", 3, 0)]),
        ({"actor": "nobody"}, [], []),
    ],
)
def test_framing_summary_filters(store, filters, techniques, actors):
    summary = store.framing_summary(**filters)
    if techniques is not None:
        assert [(t.technique, t.spans) for t in summary.techniques] == techniques
    assert [(a.actor, a.praise, a.attack) for a in summary.actors] == actors


def test_framing_summary_bad_values_raise_store_error(store):
    with pytest.raises(StoreError, match="unknown polarity"):
        store.framing_summary(polarity="both")
    with pytest.raises(StoreError, match="must not be negative"):
        store.framing_summary(evidence=-1)


def test_framing_summary_of_an_empty_store_is_empty():
    with Store(":memory:") as s:
        summary = s.framing_summary()
    assert (summary.spans, summary.documents, summary.techniques, summary.actors) == (0, 0, [], [])
    assert summary.to_dict() == {"spans": 0, "documents": 0, "techniques": [], "actors": []}


def test_framing_summary_to_dict_has_counts_and_evidence(store):
    data = store.framing_summary(doc_id="doc-c").to_dict()
    (actor,) = data["actors"]
    assert (actor["actor"], actor["praise"], actor["attack"]) == ("ARM", 0, 1)
    assert [e["text"] for e in actor["evidence"]["attack"]] == ["cowardly"]
    assert data["techniques"][0]["evidence"][0]["context"] == TEXT_C
