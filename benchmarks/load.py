"""``dragoman serve`` under a fixed request rate: throughput, p50/p99 latency and errors.

Starts ``dragoman serve`` on a free loopback port over a store (``--db``, or one built once from
``examples/demo`` under ``--workdir``), then sends ``--rate`` requests per second for ``--seconds``
(an open loop: requests leave on schedule whether or not earlier ones have answered, so a slow server
shows as latency, not as a lower offered rate). The mix is the API's typical reads: the documents list,
one record, events with filters, an actor's dossier, a dyad, a search. Prints a Markdown table, with
how many answers came from the server's response cache and the machine's load average.

The mix repeats about thirty URLs, so once warm nearly every answer comes from the cache. ``--miss F``
gives a fraction F of the requests a parameter of their own (``_n=…``, which the routes ignore): those
miss the cache and do the full read, so ``--miss 1`` measures the store itself. Before the run each URL
of the mix is asked once, so that the cache is warm; ``--cold`` skips that (the first seconds then
queue behind the first reads).

    python benchmarks/load.py                         # 200 req/s for 30 s over the demo corpus
    python benchmarks/load.py --miss 1 --rate 50      # every request reads the store
    python benchmarks/load.py --rate 400 --seconds 10 --db my.duckdb

Latency is measured from each request's scheduled start, so queueing in the client counts too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"


@dataclass
class Results:
    """Latencies (seconds) per route, and what went wrong."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    cache: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_demo_store(path: Path) -> None:
    """Ingest ``examples/demo`` into ``path`` (once: an existing store is reused)."""
    if path.exists():
        return
    print(f"building {path} from {DEMO} …", file=sys.stderr)
    command = [sys.executable, "-m", "dragoman.cli", "ingest", "--quiet", "--db", str(path), str(DEMO)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``dragoman serve`` in a subprocess; returns once it answers."""
    command = [sys.executable, "-m", "dragoman.cli", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def request_mix(base: str) -> list[tuple[str, str]]:
    """(route name, path) pairs for the typical reads, with ids taken from the store itself."""
    with httpx.Client(base_url=base, timeout=30) as http:
        docs = http.get("/api/documents", params={"limit": 20}).json()["documents"]
        actors = http.get("/api/actors", params={"limit": 10}).json()["actors"]
        dyads = http.get("/api/dyads", params={"limit": 5}).json()["dyads"]
    if not docs or not actors:
        raise SystemExit("the store is empty: ingest something first")
    mix = [("documents", "/api/documents?limit=50"), ("documents", "/api/documents?limit=20&offset=20")]
    mix += [("record", f"/api/documents/{d['id']}") for d in docs[:10]]
    first = actors[0]["id"]
    mix += [
        ("events", "/api/events?limit=50"),
        ("events", f"/api/events?actor={first}&limit=50"),
        ("events", "/api/events?type=ASSAULT&factuality=asserted&limit=50"),
        ("events", "/api/events?since=2014&until=2016-06&limit=50"),
    ]
    mix += [("actor", f"/api/actors/{a['id']}") for a in actors[:5]]
    mix += [("dyad", f"/api/dyads/{d['a']}/{d['b']}?by=month") for d in dyads[:3]]
    mix += [("search", f"/api/search?q={q}") for q in ("president", "Syria", "ceasefire", "nato")]
    return mix


class Connections:
    """A small keep-alive HTTP/1.1 client for ``GET`` requests over asyncio streams.

    httpx's ``AsyncClient`` spends several milliseconds of CPU per request; on a two-core machine the
    load generator then competes with the server it measures. This client does only what the benchmark
    needs (``GET``, ``Content-Length`` or chunked bodies) at a small fraction of that cost.

    Args:
        host: the server's address.
        port: its port.
        size: most connections open at once (requests beyond wait for one, and that wait counts).
        timeout: seconds one request may take.
    """

    def __init__(self, host: str, port: int, size: int = 256, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._slots = asyncio.Semaphore(size)

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """``GET path``: the status, the headers (lower-case names) and the body."""
        async with self._slots:
            reused = bool(self._idle)
            stream = self._idle.pop() if reused else await asyncio.open_connection(self.host, self.port)
            try:
                status, headers, body = await asyncio.wait_for(self._exchange(stream, path), self.timeout)
            except (asyncio.IncompleteReadError, ConnectionError) as exc:
                stream[1].close()
                if not reused or (isinstance(exc, asyncio.IncompleteReadError) and exc.partial):
                    raise
                # The server closed this idle connection (uvicorn does after 5 s): as any client does,
                # send the request again on a new one.
                stream = await asyncio.open_connection(self.host, self.port)
                try:
                    status, headers, body = await asyncio.wait_for(self._exchange(stream, path), self.timeout)
                except BaseException:
                    stream[1].close()
                    raise
            except BaseException:
                stream[1].close()
                raise
            if headers.get("connection", "").lower() == "close":
                stream[1].close()
            else:
                self._idle.append(stream)
            return status, headers, body

    async def _exchange(
        self, stream: tuple[asyncio.StreamReader, asyncio.StreamWriter], path: str
    ) -> tuple[int, dict[str, str], bytes]:
        reader, writer = stream
        path = quote(path, safe="/?&=:%+,;@!$'()*~")
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1"))
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)
        }
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await reader.readexactly(size + 2))
            await reader.readuntil(b"\r\n")
            return status, headers, b"".join(p[:-2] for p in parts)
        return status, headers, await reader.readexactly(int(headers.get("content-length", "0")))

    def close(self) -> None:
        """Close the idle connections."""
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


async def drive(
    base: str, mix: list[tuple[str, str]], rate: float, seconds: float, seed: int, miss: float = 0.0
) -> Results:
    """Send ``rate`` requests per second for ``seconds``, drawn from ``mix``; gather their results.

    A fraction ``miss`` of the requests carry a parameter of their own, so that they miss the cache.
    """
    results = Results()
    rng = random.Random(seed)
    address = httpx.URL(base)
    http = Connections(address.host, address.port or 80)
    try:

        async def one(route: str, path: str, scheduled: float) -> None:
            try:
                status, headers, _ = await http.get(path)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError) as exc:
                results.errors[f"{route}: {type(exc).__name__}"] += 1
                return
            results.latencies[route].append(time.perf_counter() - scheduled)
            results.statuses[str(status)] += 1
            results.cache[headers.get("x-dragoman-cache", "none")] += 1
            if status != 200:
                results.errors[f"{route}: HTTP {status}"] += 1

        tasks = []
        start = time.perf_counter()
        total = int(rate * seconds)
        for n in range(total):
            scheduled = start + n / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            route, path = rng.choice(mix)
            if rng.random() < miss:
                path += ("&" if "?" in path else "?") + f"_n={n}"
            tasks.append(asyncio.create_task(one(route, path, scheduled)))
        await asyncio.gather(*tasks)
        results.statuses["_elapsed"] = round((time.perf_counter() - start) * 1000)
    finally:
        http.close()
    return results


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "–"
    ordered = sorted(values)
    return f"{1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]:.1f}"


def report(results: Results, rate: float, seconds: float) -> str:
    """The Markdown table: per route and overall, requests, req/s, p50/p99 latency (ms), errors."""
    elapsed = results.statuses.pop("_elapsed") / 1000
    lines = [
        f"offered {rate:g} req/s for {seconds:g} s; finished in {elapsed:.1f} s",
        "",
        "| route | requests | req/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    everything: list[float] = []
    for route in sorted(results.latencies):
        values = results.latencies[route]
        everything += values
        errors = sum(n for key, n in results.errors.items() if key.startswith(route + ":"))
        p50, p99 = _ms(values, 0.5), _ms(values, 0.99)
        lines.append(f"| {route} | {len(values)} | {len(values) / elapsed:.1f} | {p50} | {p99} | {errors} |")
    errors = sum(results.errors.values())
    lines.append(
        f"| **all** | {len(everything)} | {len(everything) / elapsed:.1f} | {_ms(everything, 0.5)} "
        f"| {_ms(everything, 0.99)} | {errors} |"
    )
    lines += ["", "cache: " + ", ".join(f"{k} ×{n}" for k, n in sorted(results.cache.items()))]
    if results.errors:
        lines += ["", "errors: " + ", ".join(f"{k} ×{n}" for k, n in results.errors.most_common())]
    if everything:
        lines += [
            "",
            f"mean {1000 * statistics.fmean(everything):.1f} ms, max {1000 * max(everything):.1f} ms",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the options, start the server, drive it, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: the demo corpus, built once)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dragoman-load"))
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second offered")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cold", action="store_true", help="do not warm the cache before the run")
    parser.add_argument("--miss", type=float, default=0.0, help="fraction of requests that miss the cache")
    args = parser.parse_args(argv)

    db = args.db
    if db is None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        db = args.workdir / "demo.duckdb"
        build_demo_store(db)
    port = free_port()
    server = start_server(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        mix = request_mix(base)
        if not args.cold:
            with httpx.Client(base_url=base, timeout=60) as http:
                for _, path in mix:
                    http.get(path)  # each URL once, so that the run measures a warm cache
        before = os.getloadavg()
        results = asyncio.run(drive(base, mix, args.rate, args.seconds, args.seed, args.miss))
        after = os.getloadavg()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    warmth = "cache cold at the start" if args.cold else "cache warmed by one pass over the mix"
    print(
        f"dragoman serve over {db} ({os.cpu_count()} CPUs); "
        f"{args.miss:.0%} of requests miss the cache; {warmth}"
    )
    print("load average (1, 5, 15 min) before: " + ", ".join(f"{x:.2f}" for x in before)
          + "; after: " + ", ".join(f"{x:.2f}" for x in after) + "\n")  # fmt: skip
    print(report(results, args.rate, args.seconds))


if __name__ == "__main__":
    main()
