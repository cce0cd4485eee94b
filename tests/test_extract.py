"""The per-document pipeline: records, chunking, language flag, order of a mixed stream."""

from __future__ import annotations

import itertools

import pytest

from dragoman.errors import InputError
from dragoman.extract import MAX_CHUNK_CHARS, chunk_bounds
from dragoman.ingest import InputDocument, content_hash

from .conftest import SEED, SEED_DATE


def _doc(
    text: str, *, doc_id: str | None = None, date: str | None = "2026-01-20", language: str | None = "en"
):
    return InputDocument.from_text(text, id=doc_id, date=date, language=language)


def test_chunk_bounds_cover_text_exactly():
    text = ("word " * 30 + "\n\n") * 2000
    bounds = chunk_bounds(text, limit=5000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(end - start <= 5000 for start, end in bounds)
    assert all(text[start - 2 : start] == "\n\n" for start, _ in bounds[1:])


def test_chunk_bounds_hard_cut_without_separators():
    assert chunk_bounds("x" * 25, limit=10) == [(0, 10), (10, 20), (20, 25)]


@pytest.mark.slow
def test_extract_record_ids_and_metadata(extractor):
    record = extractor.extract_one(_doc("Ilham Aliyev met Donald Trump in Washington on Monday."))
    assert record.id == content_hash(record.text) == record.content_hash
    kept = extractor.extract_one(_doc("Same text.", doc_id="my-id"))
    assert kept.id == "my-id"


@pytest.mark.slow
def test_extract_offsets_index_text(extractor):
    record = extractor.extract_one(_doc("  Ilham Aliyev met Donald Trump in Washington on Monday.\r\n"))
    assert record.entities, "the NER should find the people"
    for span in [*record.entities, *record.timexes]:
        assert record.text[span.start : span.end] == span.text


@pytest.mark.slow
def test_extract_long_document_is_chunked_with_true_offsets(extractor):
    paragraph = "Azerbaijan and Armenia signed an agreement in Washington on August 8, 2025.\n\n"
    text = paragraph * (MAX_CHUNK_CHARS // len(paragraph) + 50)
    record = extractor.extract_one(_doc(text))
    assert len(chunk_bounds(text)) == 2
    late = [t for t in record.timexes if t.start > MAX_CHUNK_CHARS]
    assert late and all(t.value == "2025-08-08" for t in late)
    for span in [*record.entities, *record.timexes]:
        assert text[span.start : span.end] == span.text


@pytest.mark.slow
def test_extract_non_english_is_flagged_not_coded(extractor):
    record = extractor.extract_one(_doc("Le président a rencontré le ministre à Paris lundi.", language="fr"))
    assert record.language == "fr" and not record.coded
    assert record.entities == [] and record.timexes == []


@pytest.mark.slow
def test_extract_stream_keeps_order_and_passes_errors_through(extractor):
    error = InputError("bad.jsonl", "invalid JSON", line=2)
    items = [
        _doc("First text about NATO."),
        error,
        _doc("Second text, in Paris.", language="fr"),
        _doc("Third."),
    ]
    out = list(extractor.extract(items))
    assert out[1] is error
    assert [r.text for r in (out[0], out[2], out[3])] == [items[0].text, items[2].text, items[3].text]


@pytest.mark.slow
def test_extract_seed_dates_normalised(extractor):
    text = SEED.read_text(encoding="utf-8")
    record = extractor.extract_one(_doc(text, date=SEED_DATE))
    values = {(t.text, t.value) for t in record.timexes}
    assert ("January 15", "2026-01-15") in values
    assert ("October 2025", "2025-10") in values
