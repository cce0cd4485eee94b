"""``--workers`` on the command line: the same output as one process, failures named, exit code 2."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [
        {"id": f"d{n}", "text": f"NATO ministers met in Brussels on day {n}.", "date": "2026-01-20"}
        for n in range(12)
    ]
    lines = [json.dumps(row) for row in rows]
    lines.insert(3, "{not json")
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Ilham Aliyev met Donald Trump at the White House on Tuesday.", encoding="utf-8"
    )
    return folder


def test_extract_workers_prints_what_one_process_prints(nlp, corpus):
    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(corpus)])
    two = runner.invoke(app, ["extract", "--workers", "2", str(corpus)])
    assert one.exit_code == two.exit_code == 2
    assert two.stdout == one.stdout
    assert len(two.stdout.splitlines()) == 13
    assert "a.jsonl:4" in two.stderr and "1 input(s) failed" in two.stderr


def test_ingest_workers_stores_reports_and_skips(nlp, corpus, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "w.duckdb")
    first = runner.invoke(app, ["ingest", "--quiet", "--workers", "2", "--db", db, str(corpus)])
    assert first.exit_code == 2, first.output
    assert "a.jsonl:4" in first.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == 13
    again = runner.invoke(app, ["ingest", "--quiet", "--workers", "2", "--db", db, str(corpus)])
    assert again.exit_code == 2
    # this run: 0 ingested, 0 updated, 13 unchanged, 1 failed
    assert re.search(r"\b0\W+0\W+13\W+1\b", again.stdout), again.stdout


def test_workers_must_be_positive(corpus):
    result = CliRunner().invoke(app, ["extract", "--workers", "0", str(corpus)])
    assert result.exit_code == 2
    assert "--workers" in result.output
