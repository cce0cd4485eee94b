"""Ingest on a Ray cluster: the same pipeline, run by Ray Data actors, stored by this process.

Three steps, each streaming:

1. This process reads the inputs, reports bad ones, skips documents stored with the same content
   hash, and writes the rest as Parquet *input shards* (``inputs/``), each row numbered (``seq``).
2. Ray Data reads the shards and ``map_batches`` them through :class:`RecordMaker`, an actor class
   that loads the pipeline once per actor; the records go to Parquet *record shards*
   (``records/``): one row per document with ``seq``, ``id``, ``content_hash``, ``origin``,
   ``line``, ``format`` and the record as JSON.
3. This process reads the record shards back in ``seq`` order and stores them through
   :class:`~dragoman.batch.BatchWriter` (``Store.save_many``, as a local ingest), so the
   database is the one a local ingest makes.

Ray is imported only here, and only when a job runs. A local Ray is started without usage
statistics or dashboard; with a remote cluster, the job folder (``output_dir``) must be on
storage that every node sees.
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any, BinaryIO

from dragoman.batch import BatchWriter, Outcome
from dragoman.corpus.clusters import recluster
from dragoman.errors import DragomanError, InputError, PipelineError
from dragoman.extract import Extractor
from dragoman.ingest import InputDocument, content_hash, iter_inputs
from dragoman.nlp.pipeline import MODEL_NAME
from dragoman.record import Record
from dragoman.store import Store

#: Documents per input shard: the unit of work of one actor task.
SHARD_DOCS = 32

#: Set before Ray starts: no usage statistics sent home, nothing reached over the network.
RAY_ENVIRONMENT = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_USAGE_STATS_PROMPT_ENABLED": "0"}

_INPUT_FIELDS = tuple(f.name for f in fields(InputDocument))


def ray_ingest(
    paths: Iterable[str],
    store: Store,
    *,
    default_date: str | None = None,
    stdin: BinaryIO | None = None,
    address: str | None = None,
    output_dir: str | Path | None = None,
    workers: int | None = None,
    model: str = MODEL_NAME,
    shard_docs: int = SHARD_DOCS,
) -> Iterator[Outcome]:
    """Ingest ``paths`` into ``store`` with the analysis on Ray; yield one :class:`Outcome` per input.

    Failed and unchanged inputs are reported while the inputs are read; stored documents once
    Ray has analysed them all, in input order.

    Args:
        address: the Ray cluster (``auto``, ``ray://host:10001``); ``None`` starts a local Ray
            (unless this process has already connected to one).
        output_dir: where the job's Parquet shards go and stay (``inputs/``, ``records/``);
            ``None`` uses a temporary folder, removed afterwards.
        workers: actors analysing (default: the cluster's CPUs).
        shard_docs: documents per input shard.

    Raises:
        PipelineError: Ray could not start, or the job failed on the cluster.
    """
    if output_dir is None:
        with tempfile.TemporaryDirectory(prefix="dragoman-ray-") as tmp:
            yield from _ray_ingest(
                paths, store, default_date, stdin, address, Path(tmp), workers, model, shard_docs
            )
    else:
        yield from _ray_ingest(
            paths, store, default_date, stdin, address, Path(output_dir), workers, model, shard_docs
        )


def _ray_ingest(
    paths: Iterable[str],
    store: Store,
    default_date: str | None,
    stdin: BinaryIO | None,
    address: str | None,
    folder: Path,
    workers: int | None,
    model: str,
    shard_docs: int,
) -> Iterator[Outcome]:
    inputs, records = folder / "inputs", folder / "records"
    for sub in (inputs, records):
        sub.mkdir(parents=True, exist_ok=True)
        if any(sub.glob("*.parquet")):
            raise DragomanError(f"{sub} already holds Parquet shards: give an empty --ray-output folder")
    dispatched = 0
    for item in _write_input_shards(paths, store, default_date, stdin, inputs, shard_docs):
        if isinstance(item, Outcome):
            yield item
        else:
            dispatched = item
    if not dispatched:
        return
    run_on_ray(inputs, records, address=address, workers=workers, model=model)
    writer = BatchWriter(store)
    for row in records_in_order(records, dispatched):
        record = Record.from_dict(json.loads(row["record"]))
        yield from writer.save(record, row["origin"], row["line"], row["format"])
    yield from writer.flush()
    # As after a local ingest: reports of the same event become one event.
    if store.clusters_stale():
        recluster(store, full=False)


def _write_input_shards(
    paths: Iterable[str],
    store: Store,
    default_date: str | None,
    stdin: BinaryIO | None,
    folder: Path,
    shard_docs: int,
) -> Iterator[Outcome | int]:
    """Yield the outcome of each input that is not sent to Ray; last, the number of documents sent."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shard: list[dict[str, Any]] = []
    seq = shards = 0

    def flush() -> None:
        nonlocal shards
        table = pa.Table.from_pylist(shard, schema=_input_schema())
        pq.write_table(table, folder / f"shard-{shards:06d}.parquet")
        shard.clear()
        shards += 1

    for item in iter_inputs(paths, default_date=default_date, stdin=stdin):
        if isinstance(item, InputError):
            yield Outcome("failed", item.origin, item.line, reason=item.reason)
            continue
        digest = content_hash(item.text)
        doc_id = item.id or digest
        if store.known_hash(doc_id) == digest:
            yield Outcome("unchanged", item.origin, item.line, doc_id=doc_id)
            continue
        shard.append({"seq": seq, **{name: getattr(item, name) for name in _INPUT_FIELDS}})
        seq += 1
        if len(shard) >= shard_docs:
            flush()
    if shard:
        flush()
    yield seq


def _input_schema() -> Any:
    import pyarrow as pa

    columns = [pa.field("seq", pa.int64()), pa.field("line", pa.int64())]
    columns += [pa.field(name, pa.string()) for name in _INPUT_FIELDS if name != "line"]
    return pa.schema(columns)


class RecordMaker:
    """Ray Data actor: input shard paths in, record rows out, with one pipeline per actor."""

    def __init__(self, model: str = MODEL_NAME, batch_size: int = 64) -> None:
        from dragoman.nlp.pipeline import load_pipeline

        self.extractor = Extractor(load_pipeline(model), batch_size=batch_size)

    def __call__(self, batch: Any) -> Any:
        """Analyse the shards named in ``batch`` (a ``pyarrow.Table`` with a ``path`` column)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [row for path in batch.column("path").to_pylist() for row in pq.read_table(path).to_pylist()]
        documents = [InputDocument(**{name: row[name] for name in _INPUT_FIELDS}) for row in rows]
        records = list(self.extractor.extract(documents))
        return pa.table(
            {
                "seq": pa.array([row["seq"] for row in rows], pa.int64()),
                "id": pa.array([r.id for r in records], pa.string()),
                "content_hash": pa.array([r.content_hash for r in records], pa.string()),
                "origin": pa.array([row["origin"] for row in rows], pa.string()),
                "line": pa.array([row["line"] for row in rows], pa.int64()),
                "format": pa.array([row["format"] for row in rows], pa.string()),
                "record": pa.array(
                    [json.dumps(r.to_dict(), ensure_ascii=False) for r in records], pa.string()
                ),
            }
        )


def run_on_ray(
    inputs: Path,
    records: Path,
    *,
    address: str | None = None,
    workers: int | None = None,
    model: str = MODEL_NAME,
) -> None:
    """Analyse the input shards in ``inputs`` on Ray, writing record shards to ``records``.

    The dataset is the list of shards, one block each, so each actor task analyses one whole
    shard. Connects to ``address`` (or starts a local Ray) unless this process is connected
    already, and disconnects afterwards only where it connected.

    Raises:
        PipelineError: Ray is missing or could not start, or the job failed.
    """
    for key, value in RAY_ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise PipelineError("Ray is not installed: pip install 'dragoman[ray]'") from exc

    shards = sorted(str(path.resolve()) for path in inputs.glob("*.parquet"))
    started = not ray.is_initialized()
    try:
        if started:
            ray.init(
                address=address,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
                configure_logging=False,
            )
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        actors = min(workers or cpus, len(shards))
        # No read task: a read waiting for a CPU that the actors hold would wait forever.
        paths = ray.data.from_items([{"path": path} for path in shards], override_num_blocks=len(shards))
        dataset = paths.map_batches(
            RecordMaker,
            fn_constructor_kwargs={"model": model},
            batch_size=1,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1,
        )
        dataset.write_parquet(str(records), ray_remote_args={"num_cpus": 0})
    except DragomanError:
        raise
    except Exception as exc:  # Ray wraps failures on the cluster in its own types
        raise PipelineError(f"the Ray job failed: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        if started and ray.is_initialized():
            ray.shutdown()


def records_in_order(folder: Path, count: int) -> Iterator[dict[str, Any]]:
    """The ``count`` record rows of the shards in ``folder``, in ``seq`` order (0 to count - 1).

    Ray writes shards in no set order. Shards are read one at a time, smallest first ``seq``
    first, and rows are held only until those before them have come, so memory holds about one
    shard when (as usual) each shard covers a run of consecutive documents.

    Raises:
        PipelineError: rows are missing or repeated.
    """
    import pyarrow.parquet as pq

    shards = sorted((_first_seq(path), path) for path in folder.glob("*.parquet"))
    waiting: list[tuple[int, int, dict[str, Any]]] = []
    expected = 0
    for _, path in shards:
        for n, row in enumerate(pq.read_table(path).to_pylist()):
            heapq.heappush(waiting, (row["seq"], n, row))
        while waiting and waiting[0][0] <= expected:
            seq, _, row = heapq.heappop(waiting)
            if seq < expected:
                raise PipelineError(f"document {seq} came back twice from Ray (shards in {folder})")
            expected += 1
            yield row
    if expected != count or waiting:
        raise PipelineError(f"{count - expected} document(s) did not come back from Ray (shards in {folder})")


def _first_seq(path: Path) -> int:
    """The smallest ``seq`` in a shard, from its Parquet statistics where they are kept."""
    import pyarrow.parquet as pq

    metadata = pq.ParquetFile(path).metadata
    column = metadata.schema.names.index("seq")
    firsts = []
    for group in range(metadata.num_row_groups):
        stats = metadata.row_group(group).column(column).statistics
        if stats is None or not stats.has_min_max:
            return min(pq.read_table(path, columns=["seq"]).column("seq").to_pylist(), default=0)
        firsts.append(stats.min)
    return min(firsts, default=0)
