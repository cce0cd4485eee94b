"""Corpus analysis on the bundled example corpus plus the seed article, through the real pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dragoman.batch import ingest
from dragoman.cli import app
from dragoman.corpus.graph import actor_graph
from dragoman.store import Store
from tests.conftest import EXAMPLES, SEED, SEED_DATE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Store(path) as store:
        for _ in ingest([str(EXAMPLES / "demo")], store, extractor=extractor):
            pass
        for _ in ingest([str(SEED)], store, default_date=SEED_DATE, extractor=extractor):
            pass
        assert not store.clusters_stale()  # ingest clusters what it stored
    return str(path)


def test_the_seed_us_azerbaijani_events_come_with_their_evidence(db):
    result = CliRunner().invoke(app, ["dyad", "USA", "AZE", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    events = [(p["period"], e) for p in data["periods"] for e in p["events"]]
    found = {(e["type"], e["direction"]) for _, e in events}
    # Trump's invitation to join the Board of Peace, and Aliyev's gratitude to the White House
    assert ("CONSULT", "a->b") in found and ("SUPPORT", "b->a") in found
    for _, event in events:
        for report in event["reports"]:
            assert report["doc_id"].startswith("cd12f1ad") or report["doc_title"]
            sentence = report["sentence_text"]
            start, end = report["sentence"]
            trigger_start, trigger_end = report["trigger"]
            assert start <= trigger_start < trigger_end <= end
            assert report["trigger_text"] in sentence
    invitation = next(
        e for _, e in events if e["type"] == "CONSULT" and "invited" in e["reports"][0]["sentence_text"]
    )
    assert invitation["reports"][0]["source"] == ["donald-trump"]
    assert invitation["reports"][0]["factuality"] == "asserted"


def test_the_network_has_at_least_a_dozen_actors_and_edges(db):
    with Store(db, read_only=True) as store:
        graph = actor_graph(store)
        counts = store.counts()
    assert graph.number_of_nodes() >= 12 and graph.number_of_edges() >= 12
    assert graph.has_edge("donald-trump", "AZE")
    assert counts["events"] <= counts["reports"]
