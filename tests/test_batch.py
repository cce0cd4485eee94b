"""Batch ingest: resumable after a hard kill, each document stored exactly once and whole."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from dragoman.batch import ingest
from dragoman.store import Store

from .conftest import EXAMPLES
from .stores import kill_mid_ingest

pytestmark = pytest.mark.slow


def _demo_rows() -> list[dict]:
    path = EXAMPLES / "demo" / "articles.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_ingest_outcomes_count_every_input(tmp_path, extractor):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "text": "NATO met."}\n{broken\n{"id": "a", "text": "NATO met."}\n', encoding="utf-8"
    )
    with Store(":memory:") as store:
        statuses = Counter(o.status for o in ingest([str(path)], store, extractor=extractor))
    assert statuses == {"ingested": 1, "failed": 1, "unchanged": 1}


def test_ingest_killed_midway_resumes_without_duplicates(tmp_path, extractor):
    rows = _demo_rows()
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for copy in range(3):
            for row in rows:
                out.write(
                    json.dumps({"id": f"{row['id']}#{copy}", "text": row["text"], "date": row["date"]}) + "\n"
                )
    db = tmp_path / "kill.duckdb"
    command = [sys.executable, "-m", "dragoman.cli", "ingest", "--quiet", "--db", str(db), str(corpus)]
    kill_mid_ingest(command, db, min_wal_bytes=200_000, timeout=180)

    with Store(db) as store:
        partial = store.counts()["documents"]
    assert 0 < partial < 3 * len(rows)

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db) as store:
        ids = list(store.iter_ids())
        assert len(ids) == len(set(ids)) == 3 * len(rows)
        entity_counts = dict(
            store._con.execute("SELECT doc_id, count(*) FROM entities GROUP BY doc_id").fetchall()
        )
        timex_counts = dict(
            store._con.execute("SELECT doc_id, count(*) FROM timexes GROUP BY doc_id").fetchall()
        )
    # every copy of a text holds exactly the rows a fresh analysis of that text gives: nothing half-written
    from dragoman.ingest import iter_inputs

    expected = {r.id: r for r in extractor.extract(iter_inputs([str(EXAMPLES / "demo" / "articles.jsonl")]))}
    for doc_id in ids:
        record = expected[doc_id.rsplit("#", 1)[0]]
        assert entity_counts.get(doc_id, 0) == len(record.entities), doc_id
        assert timex_counts.get(doc_id, 0) == len(record.timexes), doc_id
