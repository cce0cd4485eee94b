"""Analysis in several worker processes: the same records, in the same order, on more cores.

:class:`ParallelExtractor` has :class:`~dragoman.extract.Extractor`'s ``extract`` contract, so
the batch jobs take either. The calling process reads the inputs (and, for an ingest, checks
content hashes and writes the store: DuckDB allows one writer); workers only analyse. Documents
travel to the workers in small chunks, and at most two chunks per worker are in flight, so memory
stays bounded whatever the corpus size; results are taken back in submission order, so the
output is that of one process.

Workers are started with ``spawn`` by default: a forked copy of a process that has already run
spaCy (or opened DuckDB, or started threads) is not safe. Each worker loads the pipeline once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from dragoman.errors import PipelineError
from dragoman.extract import Extractor
from dragoman.ingest import InputDocument
from dragoman.nlp.pipeline import MODEL_NAME
from dragoman.record import Record

#: Documents per task sent to a worker, and the characters that close a chunk early.
CHUNK_DOCS = 16
CHUNK_CHARS = 200_000

#: Chunks in flight per worker: one being analysed, one waiting, so no worker idles.
CHUNKS_PER_WORKER = 2

#: Non-document items (errors, markers) held before a chunk is closed anyway.
_CHUNK_ITEMS = 256

#: How long workers wait for each other to load the pipeline before giving up.
_START_TIMEOUT = 600.0


class ParallelExtractor:
    """Extracts records with ``workers`` processes, each holding one pipeline.

    Use as a context manager (or call :meth:`close`); :meth:`start` is called by the first
    :meth:`extract` where the caller did not.

    Args:
        workers: worker processes (at least 1).
        model: the spaCy model each worker loads.
        batch_size: documents per ``nlp.pipe`` batch inside a worker.
        chunk_docs: documents per task.
        start_method: ``"spawn"`` or ``"forkserver"``.
    """

    def __init__(
        self,
        workers: int,
        *,
        model: str = MODEL_NAME,
        batch_size: int = 64,
        chunk_docs: int = CHUNK_DOCS,
        start_method: str = "spawn",
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.model = model
        self.batch_size = batch_size
        self.chunk_docs = chunk_docs
        self.start_method = start_method
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and wait until each has loaded its pipeline.

        Raises:
            PipelineError: a worker could not load the pipeline, or died.
        """
        if self._pool is not None:
            return
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            # The server imports spaCy and Dragoman once; workers fork from it with them imported.
            context.set_forkserver_preload(["dragoman.parallel"])
        barrier = context.Barrier(self.workers)
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.model, self.batch_size, barrier),
        )
        # Each warm-up task waits at the barrier until all have loaded, so every worker takes one.
        warmups = [self._pool.submit(_warm) for _ in range(self.workers)]
        wait(warmups)
        # The worker that failed to load says why; the others only saw the barrier break.
        failed = sorted(
            (f for f in warmups if f.exception() is not None),
            key=lambda f: isinstance(f.exception(), threading.BrokenBarrierError),
        )
        if failed:
            self.close()
            _result(failed[0])

    def close(self) -> None:
        """Stop the workers (idempotent); work not yet taken back is dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def extract(self, items: Iterable[Any]) -> Iterator[Any]:
        """Yield a :class:`Record` for each :class:`InputDocument` in ``items``, in order.

        Anything else in ``items`` is yielded unchanged at its place, as by
        :meth:`Extractor.extract <dragoman.extract.Extractor.extract>`.

        Raises:
            PipelineError: a worker could not load the pipeline, or died.
        """
        self.start()
        pool = self._pool
        assert pool is not None
        in_flight: deque[_Chunk] = deque()
        limit = self.workers * CHUNKS_PER_WORKER
        for chunk in _chunks(items, self.chunk_docs):
            chunk.future = pool.submit(_analyse, chunk.documents) if chunk.documents else None
            in_flight.append(chunk)
            # Wait only when the window is full; hand back whatever is done meanwhile.
            while in_flight and (len(in_flight) >= limit or in_flight[0].done()):
                yield from in_flight.popleft().results()
        while in_flight:
            yield from in_flight.popleft().results()


@dataclass(slots=True)
class _Chunk:
    """A run of the input stream: its items, the documents among them, and the task analysing them."""

    items: list[Any]
    documents: list[InputDocument]
    future: Future[list[Record]] | None = None

    def done(self) -> bool:
        return self.future is None or self.future.done()

    def results(self) -> Iterator[Any]:
        records = iter(_result(self.future) if self.future is not None else ())
        for item in self.items:
            yield next(records) if isinstance(item, InputDocument) else item


def _chunks(items: Iterable[Any], chunk_docs: int) -> Iterator[_Chunk]:
    """Cut the stream into chunks of at most ``chunk_docs`` documents (fewer if they are long)."""
    chunk = _Chunk([], [])
    chars = 0
    for item in items:
        chunk.items.append(item)
        if isinstance(item, InputDocument):
            chunk.documents.append(item)
            chars += len(item.text)
        if len(chunk.documents) >= chunk_docs or chars >= CHUNK_CHARS or len(chunk.items) >= _CHUNK_ITEMS:
            yield chunk
            chunk, chars = _Chunk([], []), 0
    if chunk.items:
        yield chunk


def _result(future: Future[Any]) -> Any:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise PipelineError(f"a worker process died ({exc}); is the machine short of memory?") from exc
    except threading.BrokenBarrierError as exc:
        raise PipelineError("the worker processes did not all load the pipeline in time") from exc


# -- inside a worker process ----------------------------------------------------------------


@dataclass(slots=True)
class _Worker:
    """The state a worker process keeps between tasks (the one owner of its pipeline)."""

    model: str
    batch_size: int
    barrier: Any
    extractor: Extractor | None = None

    def loaded(self) -> Extractor:
        if self.extractor is None:
            from dragoman.nlp.pipeline import load_pipeline

            self.extractor = Extractor(load_pipeline(self.model), batch_size=self.batch_size)
        return self.extractor


_WORKER: _Worker | None = None


def _init_worker(model: str, batch_size: int, barrier: Any) -> None:
    global _WORKER
    _WORKER = _Worker(model, batch_size, barrier)


def _worker() -> _Worker:
    if _WORKER is None:
        raise RuntimeError("not a Dragoman worker process")
    return _WORKER


def _warm() -> int:
    worker = _worker()
    try:
        worker.loaded()
    except BaseException:
        worker.barrier.abort()  # the others stop waiting for this one
        raise
    worker.barrier.wait(_START_TIMEOUT)
    return os.getpid()


def _analyse(documents: list[InputDocument]) -> list[Record]:
    return list(_worker().loaded().extract(documents))
