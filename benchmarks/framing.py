"""Throughput of the pipeline with and without ``dragoman_framing`` on the same texts.

One pipeline with ``dragoman_framing`` (:func:`dragoman.nlp.pipeline.load_pipeline`) is built
before the clock starts and run both ways, the component disabled or not (``nlp.pipe(disable=…)``);
the runs alternate over several rounds so that machine noise hits both alike, and the median is
kept.

    python benchmarks/framing.py [--rounds 5] [--repeat 1] [--json] [--encoder]

Texts: the example corpus (``examples/demo/articles.jsonl`` and ``examples/seed``), each with the
seed's publication date.

``--encoder`` also times what a transformer tagger would cost on the same texts and machine: a
numpy forward pass of an encoder the size of MiniLM-L6 (6 layers, width 384, 12 heads, feed-forward
1536; random weights, since the cost does not depend on them) over each text in windows of 256
word pieces (counted as 1.3 per spaCy token, their usual ratio for English news). It is the
smallest encoder of the size that span-level propaganda systems are built on; this says what
running one per article would do to throughput, not how accurate it would be.
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


#: MiniLM-L6's shape: layers, width, heads, feed-forward width; and the window in word pieces.
ENCODER = (6, 384, 12, 1536)
WINDOW = 256


def _encoder_seconds(lengths: list[int]) -> float:
    """Seconds for a numpy forward pass of a MiniLM-L6-sized encoder over texts of ``lengths``
    word pieces (windows of :data:`WINDOW`; float32, random weights)."""
    import numpy as np

    layers, width, heads, ff = ENCODER
    rng = np.random.default_rng(0)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    blocks = [(weights(width, 3 * width), weights(width, width), weights(width, ff), weights(ff, width))
              for _ in range(layers)]  # fmt: skip

    def norm(x: np.ndarray) -> np.ndarray:
        return (x - x.mean(-1, keepdims=True)) / (x.std(-1, keepdims=True) + 1e-6)

    start = time.perf_counter()
    for length in lengths:
        for at in range(0, length, WINDOW):
            n = min(WINDOW, length - at)
            x = rng.standard_normal((n, width)).astype(np.float32)
            for qkv, out, up, down in blocks:
                q, k, v = np.split(x @ qkv, 3, axis=1)
                q, k, v = (m.reshape(n, heads, -1).transpose(1, 0, 2) for m in (q, k, v))
                att = q @ k.transpose(0, 2, 1) / np.sqrt(width // heads)
                att = np.exp(att - att.max(-1, keepdims=True))
                att /= att.sum(-1, keepdims=True)
                x = norm(x + (att @ v).transpose(1, 0, 2).reshape(n, width) @ out)
                h = x @ up
                x = norm(x + (h * 0.5 * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))) @ down)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (median kept)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus per measurement")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--encoder", action="store_true", help="also time a MiniLM-L6-sized encoder")
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
    encoder: dict[str, float] = {}
    if args.encoder:
        lengths = [round(1.3 * len(nlp.make_doc(t))) for t in texts] * args.repeat
        seconds = statistics.median(_encoder_seconds(lengths) for _ in range(args.rounds))
        encoder = {
            "encoder_ms_per_doc": seconds / docs * 1000,
            "ratio_with_encoder_to_without": result["without"]["seconds"]
            / (result["without"]["seconds"] + seconds),
        }
    if args.json:
        print(
            json.dumps(
                {**result, "ratio_with_to_without": ratio, "framing_ms_per_doc": framing_ms, **encoder},
                indent=2,
            )
        )
        return
    print(f"{'pipeline':<18} {'docs/s':>8} {'seconds':>8}")
    for name in modes:
        print(f"{name + ' framing':<18} {result[name]['docs_per_s']:8.2f} {result[name]['seconds']:8.2f}")
    print(f"throughput with / without dragoman_framing: {ratio:.3f} ({docs} documents per run)")
    print(f"time added by dragoman_framing: {framing_ms:.1f} ms per document")
    if encoder:
        print(
            f"a MiniLM-L6-sized encoder instead: {encoder['encoder_ms_per_doc']:.1f} ms per document; "
            f"throughput with it / without framing: {encoder['ratio_with_encoder_to_without']:.3f}"
        )


if __name__ == "__main__":
    main()
