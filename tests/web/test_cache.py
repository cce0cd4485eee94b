"""The response cache: answers again while the store is unchanged, never after a write."""

from __future__ import annotations

from dragoman.web.cache import CachedResponse, ResponseCache


def test_cache_answers_a_repeated_read_from_memory(client):
    first = client.get("/api/documents?limit=5&offset=0")
    again = client.get("/api/documents?offset=0&limit=5")  # the same parameters, in another order
    assert first.headers["x-dragoman-cache"] == "miss"
    assert again.headers["x-dragoman-cache"] == "hit"
    assert again.json() == first.json()
    assert client.get("/api/documents?limit=4").headers["x-dragoman-cache"] == "miss"


def test_cache_invalidates_after_a_write(client):
    assert client.get("/api/documents").json()["total"] == 2
    assert client.get("/api/documents").headers["x-dragoman-cache"] == "hit"
    stored = client.post("/api/extract", json={"text": "Armenia met Azerbaijan.", "store": True})
    assert stored.json()["stored"] == "ingested"
    after = client.get("/api/documents")
    assert after.headers["x-dragoman-cache"] == "miss"
    assert after.json()["total"] == 3


def test_cache_keeps_neither_errors_nor_posts(client):
    assert client.get("/api/documents/nothing").status_code == 404
    assert client.get("/api/documents/nothing").headers["x-dragoman-cache"] == "miss"
    for _ in range(2):
        response = client.post("/api/extract", json={"text": "Armenia met Azerbaijan."})
        assert response.status_code == 200 and "x-dragoman-cache" not in response.headers


def test_cache_pages_are_kept_per_host(client):
    assert client.get("/", headers={"host": "localhost"}).headers["x-dragoman-cache"] == "miss"
    assert client.get("/", headers={"host": "localhost"}).headers["x-dragoman-cache"] == "hit"
    assert client.get("/", headers={"host": "127.0.0.1"}).headers["x-dragoman-cache"] == "miss"


def test_cache_drops_the_least_recently_used():
    cache = ResponseCache(entries=2, max_bytes=10, max_entry=6)

    def answer(body: bytes) -> CachedResponse:
        return CachedResponse(200, (), body)

    cache.put("a", answer(b"aaa"))
    cache.put("b", answer(b"bbb"))
    assert cache.get("a") is not None  # now b is the least recently used
    cache.put("c", answer(b"ccc"))
    assert cache.get("b") is None and len(cache) == 2
    assert not cache.put("big", answer(b"x" * 7))  # larger than one entry may be
    cache.put("d", answer(b"dddddd"))  # 3 + 6 bytes fit, 9 + 3 would not
    assert cache.size <= 10 and cache.get("a") is None and cache.get("d") is not None
