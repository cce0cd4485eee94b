"""Throughput of the pipeline with and without ``dragoman_framing`` on the same texts.

One pipeline with ``dragoman_framing`` (:func:`dragoman.nlp.pipeline.load_pipeline`) is built
before the clock starts and run both ways, the component disabled or not (``nlp.pipe(disable=…)``);
the runs alternate over several rounds so that machine noise hits both alike, and the median is
kept.

    python benchmarks/framing.py [--rounds 5] [--repeat 1] [--json]

Texts: the example corpus (``examples/demo/articles.jsonl`` and ``examples/seed``), each with the
seed's publication date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 1, 20)


def _texts() -> list[str]:
    lines = (REPO / "examples" / "demo" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "seed").glob("*.txt"))]
    return texts


def _seconds(nlp, texts: list[str], repeat: int, disable: list[str]) -> float:  # type: ignore[no-untyped-def]
    from dragoman.nlp.pipeline import make_doc

    start = time.perf_counter()
    for _ in range(repeat):
        for _doc in nlp.pipe((make_doc(nlp, t, DATE) for t in texts), disable=disable):
            pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (median kept)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus per measurement")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    from dragoman.nlp.pipeline import load_pipeline

    texts = _texts()
    nlp = load_pipeline()
    modes = {"without": ["dragoman_framing"], "with": []}
    for disable in modes.values():
        _seconds(nlp, texts[:2], 1, disable)  # warm up: first calls load lazily built tables
    runs: dict[str, list[float]] = {name: [] for name in modes}
    for _ in range(args.rounds):
        for name, disable in modes.items():
            runs[name].append(_seconds(nlp, texts, args.repeat, disable))
    docs = len(texts) * args.repeat
    result = {name: {"docs_per_s": docs / statistics.median(s), "seconds": statistics.median(s), "docs": docs}
              for name, s in runs.items()}  # fmt: skip
    ratio = result["with"]["docs_per_s"] / result["without"]["docs_per_s"]
    framing_ms = (result["with"]["seconds"] - result["without"]["seconds"]) / docs * 1000
    if args.json:
        print(
            json.dumps({**result, "ratio_with_to_without": ratio, "framing_ms_per_doc": framing_ms}, indent=2)
        )
        return
    print(f"{'pipeline':<18} {'docs/s':>8} {'seconds':>8}")
    for name in modes:
        print(f"{name + ' framing':<18} {result[name]['docs_per_s']:8.2f} {result[name]['seconds']:8.2f}")
    print(f"throughput with / without dragoman_framing: {ratio:.3f} ({docs} documents per run)")
    print(f"time added by dragoman_framing: {framing_ms:.1f} ms per document")


if __name__ == "__main__":
    main()
