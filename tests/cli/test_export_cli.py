"""``dragoman export`` over a store of hand-made records (no spaCy pipeline is loaded)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.corpus.event_data import CAMEO_COLUMNS
from dragoman.record import Event, Record
from dragoman.store import Store

TEXT = "Washington consulted Baku. Russia threatened Azerbaijan."

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "sector": None},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "sector": None},
    "RUS": {"name": "Russia", "kind": "country", "country": "RUS", "sector": None},
}


def _event(trigger: str, type_: str, source: str, target: str, factuality: str) -> Event:
    at = TEXT.index(trigger)
    start = TEXT.rfind(". ", 0, at) + 2 if ". " in TEXT[:at] else 0
    return Event(
        type=type_,
        source=(source,),
        target=(target,),
        sentence=(start, TEXT.index(".", at) + 1),
        trigger=(at, at + len(trigger)),
        trigger_text=trigger,
        factuality=factuality,
        confidence=0.7,
        cameo="040" if type_ == "CONSULT" else "130",
        intensity=2.5 if type_ == "CONSULT" else -5.0,
    )


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "store.duckdb"
    record = Record(
        id="doc-a", text=TEXT, date="2026-01-20", language="en", content_hash="a" * 64, actors=ACTORS,
        events=[
            _event("consulted", "CONSULT", "USA", "AZE", "asserted"),
            _event("threatened", "THREATEN", "RUS", "AZE", "attributed"),
        ],
    )  # fmt: skip
    with Store(path) as store:
        store.save(record)
    return str(path)


def test_export_plover_writes_json_lines_and_says_so(runner, db, tmp_path):
    out = tmp_path / "out" / "events.jsonl"
    result = runner.invoke(app, ["export", "--db", db, "--format", "plover", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["event"] for r in records] == [["CONSULT"], ["THREATEN"]]
    assert "wrote" in result.output and "2 records" in result.output


def test_export_factuality_filter_is_repeatable_and_case_blind(runner, db, tmp_path):
    out = tmp_path / "events.jsonl"
    args = ["export", "--db", db, "--format", "PLOVER", "--factuality", "Attributed", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["doc-a:1"]
    args[-1:-1] = ["--factuality", "asserted"]
    assert runner.invoke(app, args).exit_code == 0
    assert len(out.read_text().splitlines()) == 2


def test_export_cameo_tsv(runner, db, tmp_path):
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", "--db", db, "--format", "cameo", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].split("\t") == list(CAMEO_COLUMNS) and len(lines) == 3
    assert all(len(line.split("\t")) == len(CAMEO_COLUMNS) for line in lines)


def test_export_parquet_writes_a_file_per_table(runner, db, tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet", str(out)])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out / "events.parquet").num_rows == 2
    assert "events.parquet (2 rows)" in result.output


def test_export_graphml(runner, db, tmp_path):
    out = tmp_path / "network.graphml"
    result = runner.invoke(app, ["export", "--db", db, "--format", "graphml", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 nodes, 2 edges" in result.output


def test_export_unknown_format_is_a_usage_error(runner, db, tmp_path):
    result = runner.invoke(app, ["export", "--db", db, "--format", "xml", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "xml" in result.output and not (tmp_path / "x").exists()


def test_export_unknown_factuality_is_a_usage_error(runner, db, tmp_path):
    args = ["export", "--db", db, "--format", "plover", "--factuality", "rumoured", str(tmp_path / "x")]
    assert runner.invoke(app, args).exit_code == 2


def test_export_without_a_store_fails_in_one_line(runner, tmp_path):
    missing = str(tmp_path / "none.duckdb")
    result = runner.invoke(app, ["export", "--db", missing, "--format", "plover", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "no store" in result.output


def test_export_to_a_folder_for_a_file_format_fails(runner, db, tmp_path):
    result = runner.invoke(app, ["export", "--db", db, "--format", "cameo", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a folder" in result.output
