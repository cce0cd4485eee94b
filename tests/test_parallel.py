"""Worker processes: the same records in the same order as one process, bounded chunks, clear failures."""

from __future__ import annotations

from collections import Counter

import pytest

from dragoman.batch import extract_records, ingest
from dragoman.errors import InputError, PipelineError
from dragoman.ingest import InputDocument
from dragoman.parallel import CHUNK_CHARS, ParallelExtractor, _chunks
from dragoman.store import Store

from .conftest import EXAMPLES, SEED_DATE


def _doc(text: str) -> InputDocument:
    return InputDocument.from_text(text, date=SEED_DATE)


def test_chunks_keep_every_item_in_order():
    items: list[object] = []
    for n in range(40):
        items.append(_doc(f"Text {n}."))
        if n % 7 == 0:
            items.append(InputError("bad.jsonl", "not JSON", line=n))
    chunks = list(_chunks(items, 16))
    assert [item for chunk in chunks for item in chunk.items] == items
    assert all(len(chunk.documents) <= 16 for chunk in chunks)
    assert [len(chunk.documents) for chunk in chunks] == [16, 16, 8]


def test_chunks_close_early_on_long_documents():
    long = "word " * (CHUNK_CHARS // 5)
    chunks = list(_chunks([_doc(long), _doc(long), _doc("short")], 16))
    assert [len(chunk.documents) for chunk in chunks] == [1, 1, 1]


def test_parallel_rejects_no_workers():
    with pytest.raises(ValueError, match="at least 1"):
        ParallelExtractor(0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The demo corpus plus a bad line and an unreadable file, so failures must keep their place."""
    folder = tmp_path_factory.mktemp("scale_corpus")
    lines = (EXAMPLES / "demo" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(5, "{not json")
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4")
    (folder / "c.txt").write_text("NATO ministers met in Brussels on Monday.", encoding="utf-8")
    return folder


def _as_dicts(stream) -> list[dict]:
    return [
        {"error": item.origin, "line": item.line} if isinstance(item, InputError) else item.to_dict()
        for item in stream
    ]


@pytest.mark.slow
def test_parallel_extract_equals_one_process(corpus, extractor):
    one = _as_dicts(extract_records([str(corpus)], default_date=SEED_DATE, extractor=extractor))
    with ParallelExtractor(2, chunk_docs=5) as pool:
        two = _as_dicts(extract_records([str(corpus)], default_date=SEED_DATE, extractor=pool))
    assert len(two) == len(one) == 117
    assert two == one
    assert {"error": str(corpus / "a.jsonl"), "line": 6} in two


@pytest.mark.slow
def test_parallel_ingest_stores_the_same_and_resumes(corpus, extractor, tmp_path):
    paths = [str(corpus)]
    with Store(":memory:") as one:
        one_outcomes = [(o.status, o.where) for o in ingest(paths, one, extractor=extractor)]
        expected = {doc_id: one.record(doc_id).to_dict() for doc_id in one.iter_ids()}
    with Store(tmp_path / "two.duckdb") as two:
        outcomes = [(o.status, o.where) for o in ingest(paths, two, workers=2)]
        assert outcomes == one_outcomes
        assert Counter(status for status, _ in outcomes) == {"ingested": 115, "failed": 2}
        assert {doc_id: two.record(doc_id).to_dict() for doc_id in two.iter_ids()} == expected
        again = Counter(o.status for o in ingest(paths, two, workers=2))
    assert again == {"unchanged": 115, "failed": 2}


@pytest.mark.slow
def test_parallel_missing_model_raises_pipeline_error():
    with (
        pytest.raises(PipelineError, match="not installed"),
        ParallelExtractor(1, model="no_such_model") as pool,
    ):
        list(pool.extract([_doc("NATO met.")]))
