"""``dragoman serve`` under abuse: path traversal, oversized requests, SQL-ish filters, the token rules,
read-only by default, and a busy pipeline that answers 503 instead of holding every worker thread.

Most requests go through TestClient; the ones a client library would tidy up (``..`` in a path, a huge
header, a lying Content-Length) are sent as raw bytes to a real uvicorn on a loopback port.
"""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time
import warnings
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from dragoman.store import Store
from dragoman.web import create_app
from dragoman.web.access import Analyser, AnalyserBusy

from ..web.conftest import FakeAnalyser, make_store
from ..web.server import running

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r".*httpx2", category=UserWarning)
    from fastapi.testclient import TestClient

WEB = Path(__file__).resolve().parents[2] / "dragoman" / "web"


@pytest.fixture
def store_path(tmp_path):
    return make_store(tmp_path / "abuse.duckdb")


@pytest.fixture
def client(store_path):
    return TestClient(create_app(store_path, analyser=FakeAnalyser()))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real uvicorn over a store of its own (these tests only read); yields ``(host, port)``."""
    path = make_store(tmp_path_factory.mktemp("served") / "served.duckdb")
    with running(create_app(path, analyser=FakeAnalyser())) as url:  # type: ignore[arg-type]
        parts = urlsplit(url)
        yield parts.hostname, parts.port


def raw(server: tuple[str, int], request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send ``request`` as bytes; return the status code and the whole response."""
    with socket.create_connection(server, timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
    response = b"".join(chunks)
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    assert match, response[:200]
    return int(match.group(1)), response


def get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- path traversal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/app.py",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static/..%2fapp.py",
        "/static/..%5capp.py",
        "/static//etc/passwd",
        "/static/%252e%252e/app.py",
        "/static/templates/../../app.py",
    ],
)
def test_static_files_do_not_leave_their_folder(server, path):
    status, response = raw(server, get(path))
    assert status in (400, 404), response[:300]
    assert b"create_app" not in response and b"root:" not in response and b"[project]" not in response


def test_static_files_are_served(server):
    names = [p.name for p in (WEB / "static").iterdir() if p.is_file()]
    status, _ = raw(server, get(f"/static/{names[0]}"))
    assert status == 200


@pytest.mark.parametrize(
    "path",
    ["/api/documents/..%2f..%2fetc%2fpasswd", "/api/documents/../../etc/passwd", "/documents/%2e%2e%2fapp.py",
     "/api/actors/..%2F..%2Fapp.py", "/api/dyads/..%2f/..%2f"],
)  # fmt: skip
def test_ids_with_dot_segments_are_just_unknown_ids(server, path):
    status, response = raw(server, get(path))
    assert status in (400, 404), response[:300]
    assert b"create_app" not in response and b"root:" not in response


# -- sizes ------------------------------------------------------------------------------------


def test_declared_huge_body_is_refused_before_it_is_read(server):
    request = (
        b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 1000000000000\r\nConnection: close\r\n\r\n{"text": "x'
    )
    started = time.monotonic()
    status, response = raw(server, request)
    assert status == 413 and b'"too_large"' in response
    assert time.monotonic() - started < 5  # answered at once, not after waiting for a terabyte


def test_streamed_body_over_the_limit_is_refused(store_path):
    client = TestClient(create_app(store_path, analyser=FakeAnalyser(), max_body=64 * 1024))  # type: ignore[arg-type]
    chunks = (b'{"text": "' + b"a" * 32 * 1024 for _ in range(4))
    response = client.post("/api/extract", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_page_form_over_the_limit_is_refused(store_path):
    client = TestClient(create_app(store_path, analyser=FakeAnalyser(), max_body=1024))  # type: ignore[arg-type]
    response = client.post("/analyse", data={"text": "word " * 1000})
    assert response.status_code == 413


def test_huge_header_is_refused_and_the_server_lives_on(server):
    request = b"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " + b"a" * 200_000 + b"\r\n\r\n"
    status, _ = raw(server, request)
    assert 400 <= status < 500
    assert raw(server, get("/api/documents"))[0] == 200


def test_huge_url_is_refused_and_the_server_lives_on(server):
    status, _ = raw(server, get("/api/search?q=" + "a" * 100_000))
    assert 400 <= status < 500
    assert raw(server, get("/api/documents"))[0] == 200


@pytest.mark.parametrize(
    "query",
    ["/api/documents?limit=1001", "/api/documents?limit=99999999999999999999999", "/api/documents?offset=-5",
     "/api/events?since=" + "2" * 11, "/api/search?q=" + "x" * 201, "/api/dyads?limit=101"],
)  # fmt: skip
def test_listing_limits_are_enforced(client, query):
    response = client.get(query)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


# -- SQL-ish input ----------------------------------------------------------------------------

SQLISH = [
    "' OR 1=1 --",
    "'; DROP TABLE documents; --",
    "doc-one' UNION SELECT * FROM documents --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "1); DELETE FROM events; --",
    "ARM'/*",
    "\x00",
]


@pytest.mark.parametrize("value", SQLISH)
def test_sqlish_strings_in_filters_are_only_data(client, store_path, value):
    before = _digest(store_path)
    answers = [
        client.get("/api/documents/" + quote(value, safe="")),
        client.get("/api/actors/" + quote(value, safe="")),
        client.get("/api/events", params={"actor": value}),
        client.get("/api/events", params={"type": value}),
        client.get("/api/events", params={"factuality": value}),
        client.get("/api/events", params={"since": value[:10]}),
        client.get("/api/actors", params={"kind": value}),
        client.get("/api/dyads/USA/" + quote(value, safe="")),
        client.get("/api/search", params={"q": value}),
        client.get("/search", params={"q": value}),
    ]
    for response in answers:
        assert response.status_code in (200, 400, 404, 422), (response.request.url, response.text[:300])
    search = answers[8].json()
    if value not in ("%", "_", "\\"):
        # matched as text, not as a pattern or a clause: no document contains these strings
        assert search["documents"] == [] and search["actors"] == []
    else:
        assert search["documents"] == []  # LIKE wildcards are not wildcards here
    assert client.get("/api/documents").json()["total"] == 2
    assert len(client.get("/api/events").json()["events"]) == 3
    assert _digest(store_path) == before


def test_web_code_builds_no_sql_from_strings():
    """Only parameters reach the SQL: no f-string, %-format or concatenation in an ``execute`` call."""
    offenders = []
    for path in WEB.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"execute\(\s*(f[\"']|[\"'][^\"']*[\"']\s*(%|\+|\.format))", source):
            offenders.append(f"{path.name}: {match.group(0)}")
    assert offenders == []


# -- read-only by default, and the token -------------------------------------------------------


def test_reads_never_write_the_store(client, store_path):
    before = _digest(store_path)
    pages = ("/", "/documents", "/documents/doc-one", "/actors", "/actors/ARM", "/events", "/dyads/USA/ARM",
             "/search?q=armenia", "/apidocs")  # fmt: skip
    api = ("/api/documents", "/api/documents/doc-one", "/api/actors", "/api/actors/ARM", "/api/events",
           "/api/dyads", "/api/dyads/USA/ARM", "/api/search?q=x")  # fmt: skip
    for path in pages + api:
        assert client.get(path).status_code == 200, path
    assert client.post("/api/extract", json={"text": "NATO met in Brussels."}).status_code == 200
    assert client.post("/analyse", data={"text": "NATO met in Brussels."}).status_code == 200
    assert _digest(store_path) == before


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/api/documents", "/api/documents/doc-one", "/api/actors/ARM"])
def test_no_route_writes_but_extract(client, store_path, method, path):
    response = client.request(method, path, json={"text": "x"})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    with Store(store_path, read_only=True) as store:
        assert store.counts()["documents"] == 2


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Basic czNjcmV0"}, 401),
        ({"Authorization": "Token s3cret"}, 401),
        ({"Authorization": "Bearer s3cre"}, 403),
        ({"Authorization": "Bearer s3cret-and-more"}, 403),
        ({"Authorization": "Bearer S3CRET"}, 403),
        ({"Authorization": "Bearer s3cret"}, 200),
        ({"Authorization": "bearer   s3cret  "}, 200),
    ],
)
def test_token_rules_off_loopback(store_path, headers, status):
    app = create_app(store_path, token="s3cret", loopback=False, analyser=FakeAnalyser())  # type: ignore[arg-type]
    client = TestClient(app)
    article = {"text": "NATO met in Brussels.", "id": "stored-by-token", "store": True}
    response = client.post("/api/extract", json=article, headers=headers)
    assert response.status_code == status, response.text
    if status != 200:
        assert response.json()["error"]["code"] in ("unauthorized", "forbidden")
    with Store(store_path, read_only=True) as store:
        assert (store.resolve_id("stored-by-token") is not None) is (status == 200)
    # reading and analysing without storing stay open to whoever reaches the server
    assert client.get("/api/documents", headers={"host": "dragoman.example"}).status_code == 200
    assert client.post("/api/extract", json={"text": "NATO met."}).status_code == 200


def test_loopback_server_refuses_rebinding_host_names(client):
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example"):
        assert client.get("/api/documents", headers={"host": host}).status_code == 400, host


# -- a busy pipeline ---------------------------------------------------------------------------


class _SlowExtractor:
    """Stands in for the pipeline: takes ``seconds`` per article."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def extract_one(self, item):
        from dragoman.record import Record

        time.sleep(self.seconds)
        return Record(id="x", text=item.text)


def test_analyser_answers_busy_instead_of_queueing_forever():
    analyser = Analyser(_SlowExtractor(1.0), wait=0.1)  # type: ignore[arg-type]
    first = threading.Thread(target=analyser.analyse, args=("first article",))
    first.start()
    time.sleep(0.2)
    with pytest.raises(AnalyserBusy, match="busy"):
        analyser.analyse("second article")
    first.join()
    assert analyser.analyse("third article").text == "third article"  # free again once the first is done


def test_busy_analyser_is_a_503_with_retry_after(store_path):
    analyser = Analyser(_SlowExtractor(1.0), wait=0.1)  # type: ignore[arg-type]
    client = TestClient(create_app(store_path, analyser=analyser))
    first = threading.Thread(target=client.post, args=("/api/extract",), kwargs={"json": {"text": "one"}})
    first.start()
    time.sleep(0.3)
    response = client.post("/api/extract", json={"text": "two"})
    first.join()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"]["code"] == "busy"
    assert client.get("/api/documents").status_code == 200
