"""Writers announce themselves in ``<db>.writer`` while they hold the store open for writing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dragoman.errors import StoreError
from dragoman.store import Store
from dragoman.store.writers import announce, live_writers, pid_alive, writer_path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_writer_file_names_the_writer_while_open_and_goes_on_close(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    marker = Path(writer_path(db))
    with Store(db):
        assert marker.read_text().split() == [str(os.getpid())]
        assert live_writers(db) == [os.getpid()]
    assert not marker.exists()
    assert live_writers(db) == []


def test_writer_file_is_made_before_the_file_is_opened(tmp_path: Path, monkeypatch):
    db = tmp_path / "w.duckdb"
    seen = []
    real = duckdb.connect

    def connect(path, *args, **kwargs):
        seen.append(live_writers(db))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", connect)
    Store(db).close()
    assert seen and seen[0] == [os.getpid()]


def test_writer_file_is_removed_when_opening_fails(tmp_path: Path):
    db = tmp_path / "a-folder.duckdb"
    db.mkdir()  # DuckDB cannot open a folder
    with pytest.raises(StoreError):
        Store(db)
    assert not Path(writer_path(db)).exists()


def test_reading_announces_nothing(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    Store(db).close()
    with Store(db, read_only=True):
        assert not Path(writer_path(db)).exists()


def test_stale_writer_file_is_ignored_and_cleaned(tmp_path: Path):
    db = tmp_path / "s.duckdb"
    marker = Path(writer_path(db))
    dead = _dead_pid()
    assert not pid_alive(dead)
    marker.write_text(f"{dead}\n")
    assert live_writers(db) == []
    assert not marker.exists()
    # a writer that finds a stale line drops it and writes its own
    marker.write_text(f"{dead}\n")
    with Store(db):
        assert marker.read_text().split() == [str(os.getpid())]
    assert not marker.exists()


def test_each_writer_withdraws_only_itself(tmp_path: Path):
    db = tmp_path / "two.duckdb"
    first, second = announce(db), announce(db)
    assert live_writers(db) == [os.getpid(), os.getpid()]
    first.withdraw()
    first.withdraw()  # idempotent: the other writer's line stays
    assert live_writers(db) == [os.getpid()]
    second.withdraw()
    assert not Path(writer_path(db)).exists()


def test_store_over_a_connection_leaves_it_open(tmp_path: Path):
    db = tmp_path / "o.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        store = Store.over(con.cursor(), db)
        assert store.counts()["documents"] == 0
        store.close()
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    finally:
        con.close()
