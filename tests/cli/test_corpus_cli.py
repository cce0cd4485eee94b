"""``dragoman dyad``, ``network``, ``merges``, ``unmerge`` and the dossier's partners and timeline.

No spaCy pipeline is loaded: hand-made records are written straight into a store file.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.corpus.clusters import recluster
from dragoman.store import Store
from tests.corpus.records import ACTORS, event, record


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.duckdb"
    actors = dict(ACTORS)
    actors["person:jane-smith"] = {"name": "Jane Smith", "kind": "person", "country": "USA", "kb_id": None}
    meeting = event("CONSULT", ("USA",), ("AZE",), "2025-10-05", cameo="040")
    with Store(path) as s:
        s.save(record("d1", "2025-10-05", [meeting]))
        s.save(record("d2", "2025-10-06", [meeting]))
        s.save(
            record(
                "d3",
                "2026-01-20",
                [
                    event("SUPPORT", ("AZE",), ("USA",), "2026-01-20", cameo="051", intensity=5.0),
                    event("ACCUSE", ("ilham-aliyev",), ("USA",), "2026-01-19", factuality="attributed",
                          intensity=-3.0, cameo="112"),
                    event("CONSULT", ("person:jane-smith",), ("AZE",), "2026-01-20", cameo="040"),
                ],
                actors,
            )
        )  # fmt: skip
        s.save(
            record(
                "d4", "2026-01-22", [event("CONSULT", ("person:jane-smith",), ("ARM",), "2026-01-22")], actors
            )
        )
        recluster(s)
    return str(path)


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_dyad_json_lists_events_with_their_evidence(db):
    result = _run("dyad", "USA", "Azerbaijan", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["a"]["id"], data["b"]["id"]) == ("USA", "AZE")
    october, january = data["periods"]
    assert october["events_count"] == 1 and october["reports_count"] == 2  # one meeting, two articles
    assert [r["doc_id"] for r in october["events"][0]["reports"]] == ["d1", "d2"]
    assert october["events"][0]["reports"][0]["sentence_text"].startswith("Officials said")
    # Jane Smith (USA, not in the KB) stands for the USA; the attributed ACCUSE stays out
    assert january["counts"]["a->b"]["verbal_cooperation"] == 1
    assert january["counts"]["b->a"]["verbal_conflict"] == 0
    wider = json.loads(
        _run("dyad", "USA", "AZE", "--db", db, "--format", "json", "--include", "attributed").output
    )
    assert wider["periods"][1]["counts"]["b->a"]["verbal_conflict"] == 1
    assert wider["include"] == ["asserted", "attributed"]


def test_dyad_table_csv_and_plot(db, tmp_path):
    table = _run("dyad", "USA", "AZE", "--db", db, "--by", "year")
    assert table.exit_code == 0, table.output
    assert "2025" in table.output and "2026" in table.output and "score" in table.output
    rows = list(csv.DictReader(io.StringIO(_run("dyad", "USA", "AZE", "--db", db, "--format", "csv").output)))
    assert [(r["period"], r["doc_id"], r["type"]) for r in rows][:2] == [
        ("2025-10", "d1", "CONSULT"),
        ("2025-10", "d2", "CONSULT"),
    ]
    assert rows[0]["cluster_id"] == rows[1]["cluster_id"]
    png = tmp_path / "dyad.png"
    plotted = _run("dyad", "USA", "AZE", "--db", db, "--plot", str(png))
    assert plotted.exit_code == 0, plotted.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_dyad_refuses_bad_arguments(db):
    assert _run("dyad", "USA", "Narnia", "--db", db).exit_code == 2
    assert _run("dyad", "USA", "USA", "--db", db).exit_code == 2
    assert _run("dyad", "USA", "AZE", "--db", db, "--by", "day").exit_code == 2
    assert _run("dyad", "USA", "AZE", "--db", db, "--include", "rumoured").exit_code == 2


def test_network_and_dossier(db):
    result = _run("network", "--db", db)
    assert result.exit_code == 0, result.output
    assert "events in 6 reports" in result.output and "Azerbaijan" in result.output
    dossier = _run("actor", "AZE", "--db", db)
    assert dossier.exit_code == 0, dossier.output
    assert "partners" in dossier.output and "timeline" in dossier.output and "United States" in dossier.output


def test_merges_and_unmerge_round_trip(db):
    listed = _run("merges", "person:jane-smith", "--db", db)
    assert listed.exit_code == 0, listed.output
    assert "name+kind+country" in listed.output  # d4's Jane Smith joined d3's
    split = _run("unmerge", "person:jane-smith", "--doc", "d4", "--db", db)
    assert split.exit_code == 0, split.output
    assert "person:jane-smith~d4" in split.output
    with Store(db, read_only=True) as s:
        assert s.record("d4").events[0].source == ("person:jane-smith~d4",)
    back = _run("unmerge", "person:jane-smith~d4", "--doc", "d4", "--db", db, "--undo")
    assert back.exit_code == 0, back.output
    with Store(db, read_only=True) as s:
        assert s.record("d4").events[0].source == ("person:jane-smith",)
    assert _run("unmerge", "AZE", "--doc", "d4", "--db", db).exit_code == 1
