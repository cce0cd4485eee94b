"""Helpers shared by tests that write hand-made records to a store file, read CLI output, or kill an
ingest mid-way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

from dragoman.record import Record
from dragoman.store import Store


def store_file(path: Path, records: Iterable[Record]) -> str:
    """Write ``records`` into a new store file at ``path``, close it, and return the path as text."""
    with Store(path) as store:
        for record in records:
            store.save(record)
    return str(path)


def json_lines(output: str) -> list[dict]:
    """The JSON objects of a command's one-per-line output."""
    return [json.loads(line) for line in output.splitlines() if line]


def kill_mid_ingest(command: list[str], db: Path, *, min_wal_bytes: int, timeout: float) -> None:
    """Run ``command`` (an ingest into ``db``) and SIGKILL it between two commits.

    Every commit is appended to DuckDB's write-ahead log, so the log growing past ``min_wal_bytes``
    shows documents are being committed, whatever the machine's speed. The log also grows while a
    commit is written (up to 32 documents at once), so the kill waits until it has stopped growing
    for 0.3 s: a kill mid-commit would rightly leave no document of that commit.
    """
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and victim.poll() is None:
        if wal.exists() and wal.stat().st_size > min_wal_bytes:
            break
        time.sleep(0.02)
    size, still = -1, time.monotonic()
    while time.monotonic() < deadline and victim.poll() is None and time.monotonic() - still < 0.3:
        now = wal.stat().st_size if wal.exists() else 0
        if now != size:
            size, still = now, time.monotonic()
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL, "the ingest finished before it was killed: enlarge the corpus"
