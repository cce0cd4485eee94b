"""The event lexicon: conversion of the CAMEO dictionary, pattern parsing, CAMEO → PLOVER lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.events import build
from dragoman.events.lexicon import DATA_DIR, load_lexicon, parse_side

KB_SOURCES = Path(__file__).resolve().parents[3] / "shared" / "kb-sources"
CAMEO2PLOVER = KB_SOURCES.parent / "gold" / "events" / "cameo2plover.txt"


def test_lexicon_coding_falls_back_to_parent_codes() -> None:
    lexicon = load_lexicon()
    coding = lexicon.coding("0841")
    assert coding is not None and (coding.type, coding.mode) == ("RETREAT", "release")
    assert lexicon.coding("1901") is not None and lexicon.coding("1901").type == "ASSAULT"
    assert lexicon.coding("010") is None  # statements are no PLOVER event


def test_lexicon_appeals_are_dropped_and_scores_come_from_the_manual() -> None:
    lexicon = load_lexicon()
    assert lexicon.coding("0233") is None  # PLOVER 0.8 drops CAMEO 02 (appeals)
    coding = lexicon.coding("1033")
    assert coding is not None and (coding.type, coding.mode) == ("REQUEST", "assist")
    assert lexicon.coding("190").intensity == -9
    assert lexicon.coding("042").intensity == 4  # CONSULT: visit


def test_lexicon_curated_verb_codes_win() -> None:
    lexicon = load_lexicon()
    assert lexicon.verb_codes["agree"] == "030"
    assert lexicon.verb_codes["express"] == "-"


def test_parse_side_reads_petrarch_notation() -> None:
    items = parse_side("(for {financial aid}) &weapon", {"weapon": frozenset({"gun", "rifle"})})
    assert items[0].preposition == "for" and items[0].words == frozenset({"financial aid"})
    assert items[1].preposition is None and items[1].words == frozenset({"gun", "rifle"})


def test_parse_verbs_block_codes_and_explicit_no_event() -> None:
    lines = [
        "---  ATTACK   [190]  ---",
        "ASSAULT",
        "RAID [195]",
        "- * {AIR RAID} [195] # RAID",
        "- * TALK [---]",
    ]
    verbs, patterns = build.parse_verbs(lines)
    assert ("assault", "attack", "190") in verbs and ("raid", "attack", "195") in verbs
    assert ("attack", "", "{air raid}", "195", "raid") in patterns
    assert ("attack", "", "talk", "-", "") in patterns


def test_lexicon_foreign_patterns_do_not_move_a_verb_out_of_its_root(extractor) -> None:
    from dragoman.ingest import InputDocument

    for text, trigger, type_ in (
        ("Zimbabwe accused the United States of restoring the blackmail in the talks.", "accused", "ACCUSE"),
        ("Bangladesh rejected an Indian proposal for a trade agreement.", "rejected", "REJECT"),
    ):
        record = extractor.extract_one(InputDocument.from_text(text, date="2026-01-20"))
        assert [e.type for e in record.events if e.trigger_text == trigger] == [type_], text


@pytest.mark.skipif(
    not CAMEO2PLOVER.exists(), reason="../shared/kb-sources and the CAMEO->PLOVER table are absent"
)
def test_lexicon_data_files_are_current(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(build, "DATA_DIR", tmp_path)
    build.build(KB_SOURCES, CAMEO2PLOVER)
    for name in ("verbs.tsv", "patterns.tsv", "synsets.tsv", "cameo2plover.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
