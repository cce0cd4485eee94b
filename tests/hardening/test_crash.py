"""Crash safety: an ingest killed outright, or whose writes start failing (a full disk), loses nothing.

``tests/test_batch.py`` kills an ingest of JSON lines (ids of their own); here the corpus is a folder of
plain-text files, whose ids are their content hashes, so a re-run must recognise each document from its
text alone. A store must then hold each document exactly once, each with exactly the rows a fresh
analysis gives (nothing half-written), and the re-run's summary must count the rest as new.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.ingest import content_hash
from dragoman.store import Store

from ..conftest import EXAMPLES
from ..stores import kill_mid_ingest

pytestmark = pytest.mark.slow

#: Tables with one row per annotation, keyed by ``doc_id``.
ROW_TABLES = ("entities", "mentions", "timexes", "events", "framing", "document_actors")

RUN_ROW = re.compile(r"│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│")


def _demo_texts() -> list[str]:
    path = EXAMPLES / "demo" / "articles.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]


def _corpus(folder: Path, size: int) -> dict[str, str]:
    """Write the first ``size`` demo texts as text files; return content hash → file name."""
    folder.mkdir()
    written = {}
    for number, text in enumerate(_demo_texts()[:size]):
        name = f"{number:03d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        written[content_hash(text)] = name
    return written


def _row_counts(db: Path) -> dict[str, dict[str, int]]:
    """Per table, each document's number of rows."""
    with Store(db, read_only=True) as store:
        con = store.connection
        return {
            table: dict(con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall())
            for table in ROW_TABLES
        }


def _orphans(db: Path) -> int:
    """Annotation rows whose document is not stored."""
    with Store(db, read_only=True) as store:
        con = store.connection
        total = 0
        for table in ROW_TABLES:
            row = con.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            ).fetchone()
            total += row[0] if row else 0
        return total


def _expected_rows(extractor, texts: list[str]) -> dict[str, dict[str, int]]:
    """What a fresh analysis of ``texts`` writes: per table, rows per document id."""
    from dragoman.ingest import InputDocument
    from dragoman.ingest.language import detect_language

    items = [InputDocument.from_text(t, language=detect_language(t)) for t in texts]
    expected: dict[str, dict[str, int]] = {table: {} for table in ROW_TABLES}
    for record in extractor.extract(items):
        doc_id = content_hash(record.text)
        sizes = {
            "entities": len(record.entities),
            "mentions": len(record.mentions),
            "timexes": len(record.timexes),
            "events": len(record.events),
            "framing": len(record.framing),
            "document_actors": len(record.actors),
        }
        for table, size in sizes.items():
            if size:
                expected[table][doc_id] = size
    return expected


def test_sigkill_mid_corpus_then_rerun_stores_each_document_once_and_whole(tmp_path, extractor):
    folder = tmp_path / "corpus"
    files = _corpus(folder, size=115)  # every demo text: the ingest outlasts its first commit
    db = tmp_path / "kill.duckdb"
    command = [sys.executable, "-m", "dragoman.cli", "ingest", "--quiet", "--db", str(db), str(folder)]
    kill_mid_ingest(command, db, min_wal_bytes=30_000, timeout=240)  # opening writes ~7 kB (migrations)

    with Store(db, read_only=True) as store:
        partial = set(store.iter_ids())
    assert 0 < len(partial) < len(files)
    assert partial <= set(files)
    assert _orphans(db) == 0

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    counts = RUN_ROW.search(rerun.stdout)
    assert counts, rerun.stdout
    ingested, updated, unchanged, failed = map(int, counts.groups())
    assert (ingested, updated, unchanged, failed) == (len(files) - len(partial), 0, len(partial), 0)

    with Store(db, read_only=True) as store:
        ids = list(store.iter_ids())
    assert len(ids) == len(set(ids)) == len(files)
    assert set(ids) == set(files)
    assert _orphans(db) == 0
    # The documents written before the kill hold exactly what a fresh analysis gives them.
    stored = _row_counts(db)
    survivors = sorted(partial)[:12]
    texts = [(folder / files[doc_id]).read_text(encoding="utf-8") for doc_id in survivors]
    expected = _expected_rows(extractor, texts)
    for table in ROW_TABLES:
        got = {d: n for d, n in stored[table].items() if d in survivors}
        assert got == expected[table], table


class _DiskFull:
    """Fault injection at the store's one write path: while :attr:`full`, every insert of an annotation
    row of a ``doomed`` document fails as DuckDB fails on a full disk. The document's own row is
    inserted first, so a failure is mid-document: the transaction must take that row back too."""

    def __init__(self, doomed: set[str]) -> None:
        self.doomed = doomed
        self.full = True
        self.failures = 0

    def wrap(self, insert):
        def insert_rows(store, table, rows, on_conflict=""):
            hits = not table.startswith(("documents", "actors ")) and any(r[0] in self.doomed for r in rows)
            if self.full and hits:
                self.failures += 1
                raise duckdb.IOException("Could not write file: No space left on device (simulated)")
            return insert(store, table, rows, on_conflict)

        return insert_rows


@pytest.fixture(scope="module")
def runner(nlp):
    return CliRunner()


def test_full_disk_mid_corpus_fails_each_document_by_name_and_rerun_completes(runner, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = _demo_texts()[:6]
    for number, text in enumerate(texts):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    doomed_files = {str(folder / f"{n}.txt") for n in (2, 4, 5)}
    disk = _DiskFull({content_hash(texts[n]) for n in (2, 4, 5)})
    monkeypatch.setattr(Store, "_insert_rows", disk.wrap(Store._insert_rows))
    db = tmp_path / "full.duckdb"

    first = runner.invoke(app, ["ingest", "--quiet", "--db", str(db), str(folder)])
    assert first.exit_code == 2, first.output
    assert disk.failures >= 3
    failed = [line for line in first.stderr.splitlines() if line.startswith("failed ")]
    assert len(failed) == 3, first.stderr
    assert all("No space left on device" in line for line in failed), failed
    assert {line.split(": ", 1)[0].removeprefix("failed ") for line in failed} == doomed_files
    counts = RUN_ROW.search(first.stdout)
    assert counts and tuple(map(int, counts.groups())) == (3, 0, 0, 3)
    with Store(db, read_only=True) as store:
        kept = set(store.iter_ids())
    assert kept == {content_hash(texts[n]) for n in (0, 1, 3)}
    assert _orphans(db) == 0  # a failed document left no rows behind

    disk.full = False  # space freed: the same command finishes the job
    second = runner.invoke(app, ["ingest", "--quiet", "--db", str(db), str(folder)])
    assert second.exit_code == 0, second.output
    counts = RUN_ROW.search(second.stdout)
    assert counts and tuple(map(int, counts.groups())) == (3, 0, 3, 0)
    with Store(db, read_only=True) as store:
        ids = list(store.iter_ids())
    assert sorted(ids) == sorted(content_hash(t) for t in texts)
    assert _orphans(db) == 0
