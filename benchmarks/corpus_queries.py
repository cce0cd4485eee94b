"""Corpus-analysis queries on a store of synthetic events: do they answer in under a second?

Builds (once, or again with ``--rebuild``) a DuckDB store of ``--events`` synthetic events
(default 100,000: 20,000 documents of 5 events among 60 countries and 240 people, over two
years, a third of them re-reported by a second document so that clustering has work), then
times each query ``--rounds`` times and prints the best and the median in a Markdown table.

    python benchmarks/corpus_queries.py                  # 100k events, ~2 minutes to build
    python benchmarks/corpus_queries.py --events 20000   # quicker

Timings are wall-clock seconds on this machine, single process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dragoman.corpus.clusters import recluster
from dragoman.corpus.dyads import dyad_series
from dragoman.corpus.graph import actor_graph, partners, strongest_dyads
from dragoman.dossier import actor_dossier
from dragoman.events.lexicon import QUAD
from dragoman.record import Event, Record
from dragoman.store import Store

TYPES = sorted(QUAD)
SENTENCE = "Officials of one side met officials of the other and agreed on several things this week."


def synthetic_records(docs: int, first: int = 0, seed: int = 7) -> Iterator[Record]:
    """``docs`` synthetic documents of 5 events each, numbered from ``first``."""
    rng = random.Random(seed + first)
    countries = [f"C{i:02d}" for i in range(60)]
    actors: dict[str, dict[str, Any]] = {
        c: {"name": f"Country {c}", "kind": "country", "country": c, "kb_id": c} for c in countries
    }
    people = []
    for i in range(240):
        pid = f"person-{i:03d}"
        actors[pid] = {"name": f"Person {i}", "kind": "person", "country": countries[i % 60], "kb_id": pid}
        people.append(pid)
    names = countries + people
    start = dt.date(2024, 1, 1)
    previous: list[Event] = []
    for d in range(first, first + docs):
        day = start + dt.timedelta(days=rng.randrange(730))
        evs = []
        for _ in range(5):
            if previous and rng.random() < 0.33:  # a second report of an earlier event
                evs.append(rng.choice(previous))
                continue
            a, b = rng.sample(names, 2)
            evs.append(
                Event(
                    type=rng.choice(TYPES), source=(a,), target=(b,), sentence=(0, len(SENTENCE)),
                    trigger=(22, 25), trigger_text="met", cameo="040", date=day.isoformat(),
                    date_precision="day", intensity=rng.choice((-8.0, -3.0, 2.5, 5.0)),
                )
            )  # fmt: skip
        previous = (previous + evs)[-50:]
        used = {x for e in evs for x in (*e.source, *e.target)}
        yield Record(
            id=f"doc-{d:06d}", text=SENTENCE, title=f"Doc {d}", date=day.isoformat(), language="en",
            content_hash=f"{d:064d}", actors={k: actors[k] for k in used}, events=evs,
        )  # fmt: skip


def save(store: Store, records: Iterator[Record]) -> None:
    """Write ``records`` 500 to a transaction."""
    batch: list[tuple[Record, str | None, str | None]] = []
    for record in records:
        batch.append((record, None, "synthetic"))
        if len(batch) == 500:
            store.save_many(batch)
            batch = []
    if batch:
        store.save_many(batch)


def timed(fn: Callable[[], Any], rounds: int) -> tuple[float, float, Any]:
    """(best, median) seconds of ``rounds`` calls of ``fn``, and its last result."""
    times, result = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    """Build the store if needed, time the queries, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/dragoman-bench-corpus.duckdb"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    if args.rebuild and args.db.exists():
        args.db.unlink()
    docs = args.events // 5
    if not args.db.exists():
        t = time.perf_counter()
        with Store(args.db) as store:
            save(store, synthetic_records(docs))
        print(f"built {args.db} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with Store(args.db) as store:
        counts = store.counts()
        best, _, summary = timed(lambda: recluster(store), 1)
        print(f"store: {counts['documents']} documents, {summary.reports} event reports, ", end="")
        print(f"{summary.events} events")
        print(f"recluster (whole corpus, written back): {best:.2f} s")
        save(store, synthetic_records(100, first=docs + store.counts()["documents"]))
        best, _, step = timed(lambda: recluster(store, full=False), 1)
        print(f"recluster after 100 more documents (their groups only, {step.reports} rows): {best:.2f} s\n")
        queries: list[tuple[str, Callable[[], Any]]] = [
            ("counts (events vs reports)", store.counts),
            ("dyad C01–C02 by month (country roll-up)", lambda: dyad_series(store, "C01", "C02")),
            ("dyad C01–C02 by week, all", lambda: dyad_series(store, "C01", "C02", by="week", include=())),
            ("strongest dyads (top 10)", lambda: strongest_dyads(store, 10)),
            ("partners of C03", lambda: partners(store, "C03")),
            ("actor dossier of C03", lambda: actor_dossier(store, "C03")),
            ("events of C04, first 100", lambda: store.events(actor="C04", limit=100)),
            ("events of 2025-03, top 100", lambda: store.events(since="2025-03", until="2025-03", limit=100)),
            ("actor network (whole corpus)", lambda: actor_graph(store)),
        ]  # fmt: skip
        print("| query | best (s) | median (s) |")
        print("|---|---:|---:|")
        for name, fn in queries:
            best, median, _ = timed(fn, args.rounds)
            print(f"| {name} | {best:.3f} | {median:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
