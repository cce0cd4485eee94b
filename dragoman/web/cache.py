"""A small cache of whole responses to ``GET`` requests, keyed by the store's version.

Every page and API read is a function of its URL and the store's content, so an answer may be given
again as long as the store has not changed. The key is the request (host, path, query parameters in a
canonical order) plus :meth:`~dragoman.web.access.StoreAccess.version` — the size and modification time
of the DuckDB file and of its write-ahead log, and the generation of the server's shared connection —
taken *before* the request reads. Any write, by this server or by another process, changes the version,
so no answer outlives the data it was read from; old entries simply stop being asked for and fall out
of the LRU. Only ``200`` answers are kept; ``POST`` requests (``/api/extract``, the analyse page) and the
static files are never cached.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Most answers kept.
MAX_ENTRIES = 256

#: Most bytes of answers kept, all together.
MAX_BYTES = 32 * 1024 * 1024

#: Largest single answer kept, in bytes.
MAX_ENTRY_BYTES = 1024 * 1024

#: Seconds a request waits for an identical one being answered before it reads for itself.
COALESCE_WAIT = 30.0

#: The header that says whether an answer came from the cache (``hit``) or not (``miss``).
CACHE_HEADER = b"x-dragoman-cache"


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A whole response: its status, headers and body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class ResponseCache:
    """A least-recently-used map of responses, bounded in entries and in bytes.

    Args:
        entries: most responses kept.
        max_bytes: most bytes of bodies kept, all together.
        max_entry: largest body kept.
    """

    def __init__(
        self, entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES, max_entry: int = MAX_ENTRY_BYTES
    ) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, CachedResponse] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """Bytes of bodies kept now."""
        return self._bytes

    def get(self, key: Hashable) -> CachedResponse | None:
        """The response kept under ``key`` (now the most recently used), or ``None``."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, response: CachedResponse) -> bool:
        """Keep ``response`` under ``key``, dropping the least recently used; whether it was kept."""
        if len(response.body) > self.max_entry:
            return False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = response
            self._bytes += len(response.body)
            while len(self._items) > self.entries or self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)
        return True

    def clear(self) -> None:
        """Forget every response."""
        with self._lock:
            self._items.clear()
            self._bytes = 0


class CacheMiddleware:
    """ASGI middleware: answer a ``GET`` from ``cache`` when the same request was answered ``200`` at
    the same store version; otherwise pass it on and keep its answer. Identical requests that arrive
    while one is being answered wait for its answer.

    Args:
        app: the application.
        cache: where answers are kept.
        version: the store's version now (:meth:`~dragoman.web.access.StoreAccess.version`).
        skip: path prefixes never cached.
    """

    def __init__(
        self,
        app: ASGIApp,
        cache: ResponseCache,
        version: Callable[[], Hashable],
        skip: tuple[str, ...] = ("/static/",),
    ) -> None:
        self.app = app
        self.cache = cache
        self.version = version
        self.skip = skip
        # Requests being answered now, by key: identical ones arriving meanwhile wait for the answer.
        self._inflight: dict[Hashable, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or scope.get("method") != "GET" or path.startswith(self.skip):
            await self.app(scope, receive, send)
            return
        key = request_key(scope), self.version()
        cached = self.cache.get(key)
        leader = self._inflight.get(key)
        if cached is None and leader is not None:
            # The same request is being answered: wait for that answer rather than read again, or a
            # burst of identical requests would each miss and queue up behind one another.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(leader.wait(), timeout=COALESCE_WAIT)
            cached = self.cache.get(key)
        if cached is not None:
            await send({"type": "http.response.start", "status": cached.status,
                        "headers": [*cached.headers, (CACHE_HEADER, b"hit")]})  # fmt: skip
            await send({"type": "http.response.body", "body": cached.body})
            return
        if leader is not None:
            await self.app(scope, receive, send)  # the answer was not kept (an error): read ourselves
            return
        done = self._inflight[key] = asyncio.Event()
        try:
            await self._answer(key, scope, receive, send)
        finally:
            del self._inflight[key]
            done.set()

    async def _answer(self, key: Hashable, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, keeping a ``200`` answer under ``key``."""

        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
                message = {**message, "headers": [*message.get("headers", []), (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                keep = size <= self.cache.max_entry
                if keep:
                    chunks.append(body)
                else:
                    chunks.clear()
                if keep and not message.get("more_body", False) and start is not None:
                    headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", []))
                    self.cache.put(key, CachedResponse(start["status"], headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)


def request_key(scope: Scope) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What a ``GET`` answer depends on besides the store: the host (pages link to it), the path and
    the query parameters, sorted by name (repeated ones keep their order)."""
    host = ""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1")
            break
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return host, str(scope.get("path", "")), tuple(sorted(query, key=lambda item: item[0]))
