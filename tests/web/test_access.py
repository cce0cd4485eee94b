"""The server's shared read-only connection: concurrent reads, and stepping aside for writers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from dragoman.store.database import LOCK_TIMEOUT
from dragoman.store.writers import announce, live_writers
from dragoman.web import create_app
from dragoman.web.access import StoreAccess, StoreBusy

from .conftest import FakeAnalyser
from .server import running


def _until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_access_reads_through_one_shared_connection(store_path: Path):
    access = StoreAccess(store_path)
    try:
        with access.open() as first:
            assert access.shared
            with access.open() as second:  # a second request meanwhile: its own cursor, same data
                assert first.connection is not second.connection
                assert second.counts()["documents"] == first.counts()["documents"] == 2
        shared = access._con
        with access.open() as store:
            assert store.counts()["documents"] == 2
        assert shared is not None and access._con is shared  # held between requests, not reopened
    finally:
        access.stop()


def test_access_steps_aside_while_a_writer_is_announced(store_path: Path):
    access = StoreAccess(store_path, wait=0.3, interval=0.02)
    try:
        with access.open() as store:
            assert store.counts()["documents"] == 2
        assert access.shared
        writer = announce(store_path)
        try:
            assert _until(lambda: not access.shared, 2.0), "the connection was kept for an announced writer"
            with pytest.raises(StoreBusy), access.open():  # waits `wait` s for the writer, then gives up
                pass
        finally:
            writer.withdraw()
        assert _until(lambda: access.shared, 2.0), "the connection was not reopened after the writer"
        with access.open() as store:
            assert store.counts()["documents"] == 2
    finally:
        access.stop()


def test_access_waits_for_reads_in_flight_before_it_closes(store_path: Path):
    access = StoreAccess(store_path, interval=0.02)
    try:
        with access.open() as store:
            writer = announce(store_path)
            time.sleep(0.3)  # the watcher has seen the writer, but this read is not done
            assert not access.shared and access._con is not None
            assert store.counts()["documents"] == 2
        assert _until(lambda: access._con is None, 2.0), "not closed once the read was done"
        writer.withdraw()
    finally:
        access.stop()


def test_access_interrupts_a_read_that_outlasts_the_drain(store_path: Path):
    access = StoreAccess(store_path, interval=0.02, drain=0.2)
    outcome: list[BaseException | None] = []

    def long_read() -> None:
        try:
            with access.open() as store:
                store.connection.execute("SELECT sum(i) FROM range(1000000000000) t(i)").fetchall()
        except BaseException as exc:  # the test looks at what it was
            outcome.append(exc)
        else:
            outcome.append(None)

    try:
        reader = threading.Thread(target=long_read)
        reader.start()
        time.sleep(0.2)
        started = time.monotonic()
        writer = announce(store_path)
        try:
            reader.join(timeout=10)
            assert outcome and isinstance(outcome[0], StoreBusy), outcome
            assert _until(lambda: access._con is None, 2.0)
            assert time.monotonic() - started < LOCK_TIMEOUT / 2
        finally:
            writer.withdraw()
    finally:
        access.stop()


def test_concurrent_requests_return_correct_results(store_path: Path):
    app = create_app(store_path, analyser=FakeAnalyser())  # type: ignore[arg-type]
    paths = ["/api/documents", "/api/actors", "/api/events", "/api/actors/ARM", "/api/search?q=armenia",
             "/api/dyads/USA/ARM?by=year", "/api/documents/doc-one", "/"]  # fmt: skip
    with running(app) as base:
        with httpx.Client(base_url=base, timeout=30) as http:
            expected = {p: http.get(p).text for p in paths}

        def fetch(n: int) -> tuple[str, int, str, str]:
            path = paths[n % len(paths)]
            # a parameter of its own, so that every request reads the store instead of the cache
            busted = path + ("&" if "?" in path else "?") + f"n={n}"
            response = httpx.get(base + busted, timeout=30)
            return path, response.status_code, response.text, response.headers.get("x-dragoman-cache", "")

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(fetch, range(160)))
    assert {status for _, status, _, _ in answers} == {200}
    assert {cache for _, _, _, cache in answers} == {"miss"}
    wrong = [path for path, _, text, _ in answers if text != expected[path]]
    assert not wrong, f"{len(wrong)} answers differ from the sequential ones, e.g. {wrong[0]}"


WRITER = textwrap.dedent(
    """
    import sys, time
    from dragoman.record import Record
    from dragoman.store import Store
    started = time.monotonic()
    with Store(sys.argv[1]) as store:
        opened = time.monotonic() - started
        store.save(Record(id="doc-three", text="Armenia and Azerbaijan met.", language="en",
                          content_hash="c" * 64))
    print(f"{opened:.3f}")
    """
)


@pytest.mark.slow
def test_server_lets_a_writer_process_in(store_path: Path):
    app = create_app(store_path, analyser=FakeAnalyser())  # type: ignore[arg-type]
    statuses: list[int] = []
    stop = threading.Event()
    with running(app) as base:

        def poll() -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                n = 0
                while not stop.is_set():
                    n += 1
                    statuses.append(http.get(f"/api/documents?n={n}").status_code)  # misses the cache

        with httpx.Client(base_url=base, timeout=30) as http:
            before = http.get("/api/documents").json()
            assert http.get("/api/documents").headers["x-dragoman-cache"] == "hit"
        assert before["total"] == 2
        assert app.state.access.shared  # the server holds the file: an unannounced writer would fail
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        time.sleep(0.3)  # requests are in flight when the writer comes
        writer = subprocess.run(
            [sys.executable, "-c", WRITER, str(store_path)], capture_output=True, text=True, timeout=60
        )
        time.sleep(0.3)
        stop.set()
        poller.join(timeout=30)
        assert writer.returncode == 0, writer.stderr
        waited = float(writer.stdout.split()[-1])
        assert waited < LOCK_TIMEOUT / 2, f"the writer waited {waited} s for the server"
        assert set(statuses) <= {200, 503} and statuses.count(200) > 0, statuses
        assert live_writers(store_path) == []
        assert _until(lambda: app.state.access.shared), "the server did not reopen the store"
        with httpx.Client(base_url=base, timeout=30) as http:
            after = http.get("/api/documents")
        assert after.headers["x-dragoman-cache"] == "miss"  # the write changed the store's version
        assert after.json()["total"] == 3
