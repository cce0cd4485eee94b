"""framing_summary: whom a document praises and attacks, with evidence."""

from __future__ import annotations

from dragoman.framing import framing_summary
from dragoman.record import FramingSpan, Record


def _record(framing: list[FramingSpan]) -> Record:
    return Record(id="doc", text="x" * 100, framing=framing,
                  actors={"AZE": {"name": "Azerbaijan", "kind": "country"},
                          "RUS": {"name": "Russia", "kind": "country"}})  # fmt: skip


def test_summary_counts_praise_and_attack_per_actor_with_offsets() -> None:
    record = _record([
        FramingSpan(0, 5, "noble", "Loaded_Language", 0.4, "AZE", "positive"),
        FramingSpan(10, 20, "outstanding", "Loaded_Language", 0.3, "AZE", "positive"),
        FramingSpan(30, 40, "the tyrants", "Name_Calling,Labeling", 0.5, "RUS", "negative"),
        FramingSpan(50, 60, "unaddressed", "Doubt", 0.2, None, None),
        FramingSpan(70, 80, "no tone", "Repetition", 0.2, "RUS", None),
    ])  # fmt: skip
    summary = framing_summary(record)
    assert list(summary) == ["AZE", "RUS"]
    assert (summary["AZE"].n_praise, summary["AZE"].n_attack) == (2, 0)
    assert (summary["RUS"].n_praise, summary["RUS"].n_attack) == (0, 1)
    as_json = summary["RUS"].to_dict()
    assert as_json["name"] == "Russia"
    assert as_json["evidence"]["attack"] == [
        {"start": 30, "end": 40, "text": "the tyrants", "technique": "Name_Calling,Labeling"}
    ]


def test_summary_of_a_document_without_framing_is_empty() -> None:
    assert framing_summary(_record([])) == {}
