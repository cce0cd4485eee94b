"""The command line through Typer's CliRunner: records out, store in, exit codes, reports."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.schema import record_schema
from dragoman.store import Store

from ..conftest import SEED, SEED_DATE

pytestmark = pytest.mark.slow

ENGLISH = "Ilham Aliyev met Donald Trump at the White House on Tuesday. They spoke for two hours."


@pytest.fixture(scope="module")
def runner(nlp):  # the session pipeline is loaded once and reused by every command
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "sub" / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": "NATO ministers met in Brussels last week.", "date": "2026-01-20"})
        + "\n{not json\n"
        + json.dumps({"id": "j2", "text": "The talks resumed in 2024."})
        + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_extract_prints_schema_valid_json_lines(runner):
    result = runner.invoke(app, ["extract", "--date", SEED_DATE, str(SEED)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, record_schema())
    assert record["text"] == SEED.read_text(encoding="utf-8")
    assert record["date"] == SEED_DATE
    timexes = {(t["text"], t["value"]) for t in record["timexes"]}
    assert {("January 15", "2026-01-15"), ("October 2025", "2025-10")} <= timexes


def test_extract_reads_stdin(runner):
    result = runner.invoke(app, ["extract", "--date", "2026-01-20", "-"], input="They met yesterday in Baku.")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert [(t["text"], t["value"]) for t in record["timexes"]] == [("yesterday", "2026-01-19")]


def test_extract_bad_inputs_exit_2_and_named(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 2
    ids = [json.loads(line)["id"] for line in result.stdout.strip().splitlines()]
    assert len(ids) == 3 and "j1" in ids and "j2" in ids
    assert "b.jsonl:2" in result.stderr
    assert "empty.txt" in result.stderr


def test_extract_rejects_bad_date(runner):
    result = runner.invoke(app, ["extract", "--date", "20/01/2026", str(SEED)])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_ingest_stores_reports_and_resumes(runner, corpus, tmp_path):
    db = str(tmp_path / "t.duckdb")
    first = runner.invoke(app, ["ingest", "--quiet", "--db", db, str(corpus)])
    assert first.exit_code == 2, first.output
    assert "b.jsonl:2" in first.stderr and "empty document" in first.stderr
    assert "failed inputs" in first.stdout
    with Store(db) as store:
        assert store.counts()["documents"] == 3
    second = runner.invoke(app, ["ingest", "--quiet", "--db", db, str(corpus)])
    assert second.exit_code == 2
    with Store(db) as store:
        assert store.counts()["documents"] == 3
    # closing table: ingested / updated / unchanged / failed
    assert "│        0 │       0 │         3 │      2 │" in second.stdout


def test_ingest_all_good_exits_0(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    result = runner.invoke(app, ["ingest", "-q", "--db", str(tmp_path / "t.duckdb"), str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output


def test_ingest_db_from_environment(runner, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("DRAGOMAN_DB", str(db))
    assert runner.invoke(app, ["ingest", "-q", str(tmp_path / "a.txt")]).exit_code == 0
    assert db.exists()


def test_ingest_unopenable_store_is_fatal(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    not_a_db = tmp_path / "x.duckdb"
    not_a_db.write_bytes(b"this is not a duckdb file" * 100)
    result = runner.invoke(app, ["ingest", "-q", "--db", str(not_a_db), str(tmp_path / "a.txt")])
    assert result.exit_code == 1
    assert "cannot open the store" in result.stderr


def test_docs_and_show(runner, tmp_path):
    db = str(tmp_path / "t.duckdb")
    assert runner.invoke(app, ["ingest", "-q", "--db", db, "--date", SEED_DATE, str(SEED)]).exit_code == 0
    listing = runner.invoke(app, ["docs", "--db", db])
    assert listing.exit_code == 0 and "South Caucasus" not in listing.stdout  # plain text has no title
    with Store(db) as store:
        (doc_id,) = list(store.iter_ids())
    shown = runner.invoke(app, ["show", "--db", db, doc_id[:12]], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "2026-01-15" in shown.stdout and "time expressions" in shown.stdout
    assert "named as" in shown.stdout and "Donald Trump (donald-trump)" in shown.stdout
    as_json = runner.invoke(app, ["show", "--json", "--db", db, doc_id])
    jsonschema.validate(json.loads(as_json.stdout), record_schema())


def test_show_unknown_document_fails(runner, tmp_path):
    db = str(tmp_path / "t.duckdb")
    Store(db).close()
    result = runner.invoke(app, ["show", "--db", db, "nope"])
    assert result.exit_code == 1 and "no document" in result.stderr


def test_docs_without_store_fails_clearly(runner, tmp_path):
    result = runner.invoke(app, ["docs", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "dragoman ingest" in result.stderr


def test_user_text_is_never_read_as_markup(runner, tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text(
        json.dumps({"id": "[bold]x[/]", "title": "[red]T[/red] [/]", "text": "NATO met [b]in[/b] Brussels."})
        + "\n[not json\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "t.duckdb")
    result = runner.invoke(app, ["ingest", "-q", "--db", db, str(path)])
    assert result.exit_code == 2, result.output
    assert "[not json" not in result.stderr  # reasons are printed, not the raw line
    assert "m.jsonl:2: invalid JSON" in result.stderr
    shown = runner.invoke(app, ["show", "--db", db, "[bold]x[/]"])
    assert shown.exit_code == 0, shown.output
    assert "[red]T[/red] [/]" in shown.stdout and "[b]in[/b]" in shown.stdout


def test_actors_and_actor_dossier(runner, tmp_path):
    db = str(tmp_path / "t.duckdb")
    assert runner.invoke(app, ["ingest", "-q", "--db", db, "--date", SEED_DATE, str(SEED)]).exit_code == 0
    listing = runner.invoke(app, ["actors", "--db", db, "--kind", "person"])
    assert listing.exit_code == 0, listing.output
    assert "donald-trump" in listing.stdout and "ilham-aliyev" in listing.stdout
    assert "country" not in listing.stdout.split("\n", 2)[-1]  # --kind person leaves countries out
    dossier = runner.invoke(app, ["actor", "--db", db, "donald-trump"])
    assert dossier.exit_code == 0, dossier.output
    assert "president" in dossier.stdout and "2025-01-20" in dossier.stdout
    assert "the U.S. president" in dossier.stdout  # a role description among the names used
    missing = runner.invoke(app, ["actor", "--db", db, "nobody-at-all"])
    assert missing.exit_code == 1 and "no actor" in missing.stderr
