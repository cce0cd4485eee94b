"""The document text cut into segments: every character once, every span's classes where it lies."""

from __future__ import annotations

import itertools

from dragoman.web.highlight import event_items, segments

from .conftest import make_records


def test_segments_cover_the_text_exactly():
    for record in make_records():
        pieces = segments(record)
        assert "".join(p.text for p in pieces) == record.text
        assert all(a.end == b.start for a, b in itertools.pairwise(pieces))


def test_segments_mark_triggers_sentences_actors_and_time():
    record = make_records()[0]
    pieces = segments(record)
    trigger = "".join(p.text for p in pieces if "t1" in p.classes)
    assert trigger == "accused"
    sentence = "".join(p.text for p in pieces if "s1" in p.classes)
    assert sentence.startswith("Azerbaijan accused") and sentence.endswith("officials said.")
    assert "".join(p.text for p in pieces if "tx" in p.classes) == "January 15"
    aliyev = [p for p in pieces if p.actor == "ilham-aliyev"]
    assert "".join(p.text for p in aliyev) == "Ilham Aliyev" and "act" in aliyev[0].classes


def test_segments_mark_framing_with_its_tone():
    pieces = segments(make_records()[1])
    praised = [p for p in pieces if "fr-positive" in p.classes]
    assert "".join(p.text for p in praised) == "Loyal patriots"
    assert "Flag-Waving positive toward USA" in praised[0].title


def test_event_items_name_the_parties():
    items = event_items(make_records()[0])
    assert items[1]["source"] == [("AZE", "Azerbaijan")] and items[1]["attributed_to"] == "officials"
