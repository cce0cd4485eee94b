"""``dragoman ingest`` while ``dragoman serve`` answers requests: no errors, no lost documents.

The server keeps one read-only connection between requests; the ingest announces itself before it
opens the store (``<db>.writer``), the server closes its connection once the reads in flight are done,
the ingest's lock wait covers that moment, and requests made while the ingest writes wait, then answer
503 (or 200 from the cache while nothing has been written yet).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from dragoman.store import Store

from .server import free_port

pytestmark = pytest.mark.slow

DOCUMENTS = 12


def _dragoman(*args: str, **kwargs) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from dragoman.cli import main; main()", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_ingest_while_serving_loses_nothing(tmp_path: Path):
    db = tmp_path / "shared.duckdb"
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "date": "2026-01-20",
                        "text": f"Ilham Aliyev met Donald Trump in Washington on January {i + 1}."}) + "\n"
            for i in range(DOCUMENTS)
        ),
        encoding="utf-8",
    )  # fmt: skip
    port = free_port()
    server = _dragoman("serve", "--db", str(db), "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    statuses: Counter[int] = Counter()
    stop = threading.Event()

    def poll() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                for path in ("/api/documents?limit=5", "/", "/api/events?limit=5"):
                    statuses[http.get(path).status_code] += 1

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/documents", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.communicate()[1]
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        time.sleep(0.5)  # requests are in flight when the ingest opens the store
        ingest = _dragoman("ingest", "--quiet", "--db", str(db), str(articles))
        _, err = ingest.communicate(timeout=300)
        time.sleep(0.5)
        stop.set()
        poller.join(timeout=30)
        assert ingest.returncode == 0, err
        assert set(statuses) <= {200, 503}, statuses
        assert statuses[200] > 0
        final = httpx.get(base + "/api/documents?limit=100", timeout=10).json()
        assert final["total"] == DOCUMENTS
        assert {d["id"] for d in final["documents"]} == {f"a{i}" for i in range(DOCUMENTS)}
    finally:
        stop.set()
        server.terminate()
        server.communicate(timeout=30)
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == DOCUMENTS
