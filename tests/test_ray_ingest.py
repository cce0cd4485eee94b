"""Ingest on Ray: shards back in input order, and the same store as a local ingest."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from dragoman.batch import ingest
from dragoman.errors import PipelineError
from dragoman.ingest import iter_inputs
from dragoman.ray_ingest import records_in_order
from dragoman.store import Store

from .conftest import EXAMPLES


def _write_shards(folder, seqs_per_shard):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    for n, seqs in enumerate(seqs_per_shard):
        table = pa.table({"seq": seqs, "record": [f"r{s}" for s in seqs]})
        pq.write_table(table, folder / f"part-{random.random():.8f}-{n}.parquet")


def test_records_in_order_whatever_the_shard_order(tmp_path):
    seqs = list(range(50))
    shards = [seqs[at : at + 7] for at in range(0, 50, 7)]
    shards[2] = list(reversed(shards[2]))  # rows out of order inside a shard too
    random.Random(8).shuffle(shards)
    _write_shards(tmp_path / "records", shards)
    rows = list(records_in_order(tmp_path / "records", 50))
    assert [r["seq"] for r in rows] == seqs
    assert [r["record"] for r in rows] == [f"r{s}" for s in seqs]


def test_records_in_order_reports_missing_rows(tmp_path):
    _write_shards(tmp_path / "records", [[0, 1], [3, 4]])
    with pytest.raises(PipelineError, match="did not come back"):
        list(records_in_order(tmp_path / "records", 5))


def test_ray_is_imported_only_for_ray_jobs():
    code = (
        "import sys, dragoman.cli.app, dragoman.batch, dragoman.ray_ingest, dragoman.parallel; "
        "print('ray' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.fixture(scope="module")
def local_ray():
    """A local Ray of two CPUs and a small object store, with nothing sent over the network."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray = pytest.importorskip("ray")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        object_store_memory=200 * 1024 * 1024,
        log_to_driver=False,
        configure_logging=False,
    )
    yield ray
    ray.shutdown()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_ray_ingest_equals_local_ingest(local_ray, extractor, tmp_path):
    from dragoman.ray_ingest import ray_ingest

    demo = [str(EXAMPLES / "demo")]
    out = tmp_path / "shards"
    with Store(":memory:") as local:
        local_outcomes = [(o.status, o.where, o.doc_id) for o in ingest(demo, local, extractor=extractor)]
        expected = {doc_id: local.record(doc_id).to_dict() for doc_id in local.iter_ids()}
        clusters = local.connection.execute("SELECT * FROM event_clusters ORDER BY ALL").fetchall()
    with Store(tmp_path / "ray.duckdb") as store:
        outcomes = [(o.status, o.where, o.doc_id) for o in ray_ingest(demo, store, output_dir=out)]
        assert outcomes == local_outcomes
        assert {doc_id: store.record(doc_id).to_dict() for doc_id in store.iter_ids()} == expected
        assert store.connection.execute("SELECT * FROM event_clusters ORDER BY ALL").fetchall() == clusters
        again = {o.status for o in ray_ingest(demo, store, output_dir=tmp_path / "again")}
    assert again == {"unchanged"}
    # the kept shards hold one row per document, in input order: the record as JSON, its id and hash
    records = [json.loads(json.dumps(r.to_dict())) for r in extractor.extract(iter_inputs(demo))]
    rows = list(records_in_order(out / "records", len(records)))
    assert [json.loads(row["record"]) for row in rows] == records
    assert [(row["id"], row["content_hash"]) for row in rows] == [
        (r["id"], r["content_hash"]) for r in records
    ]
