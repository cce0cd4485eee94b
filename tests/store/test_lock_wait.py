"""Opening a store waits briefly for another process's lock (as ``dragoman serve`` holds one per request)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dragoman.errors import StoreError
from dragoman.store import Store


def _hold(path, seconds: float) -> subprocess.Popen[str]:
    """A process holding ``path`` open for writing for ``seconds``; returns once it holds it."""
    code = (
        "import duckdb,time; "
        + f"c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep({seconds})"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
    return holder


def test_store_open_waits_for_a_short_lock(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    holder = _hold(path, 0.8)
    try:
        with Store(path, lock_timeout=10) as store:
            assert store.counts()["documents"] == 0
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]


def test_store_open_without_wait_fails_on_a_lock(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    holder = _hold(path, 30)
    try:
        with pytest.raises(StoreError, match="cannot open the store"):
            Store(path, read_only=True, lock_timeout=0)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]
