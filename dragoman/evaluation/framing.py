"""Scoring persuasion-technique spans on the Propaganda Techniques Corpus (PTC).

The measure is the SemEval-2020 task 11 span measure *with labels* (as in the 2019 FLC scorer of
Da San Martino et al.): a predicted span ``s`` earns ``|s ∩ t| / |s|`` of precision and a gold span
``t`` earns ``|s ∩ t| / |t|`` of recall for every pair whose technique is the same, and

    P = Σ |s ∩ t| / |s| over pairs, divided by the number of predicted spans
    R = Σ |s ∩ t| / |t| over pairs, divided by the number of gold spans

summed over all articles (micro-averaged); per technique, the same restricted to that technique.
Overlapping spans of one technique in one article are merged first, on both sides, so that no
character is counted twice (the SemEval-2020 SI scorer merges gold spans the same way).

The corpus (``gold/framing/ptc``: ``articles/article<ID>.txt`` and ``train-task2-TC.labels``) is
split by a checksum of the article id into ``train`` (≈80 %) and ``test`` (≈20 %, held out). The
technique model is fitted on ``train`` and tuned there by cross-validation over four folds (also
fixed by article id, :func:`fold_of`); its figures are reported on ``test``
(``python -m dragoman.evaluation.framing``), which fitting and tuning never read.
"""

from __future__ import annotations

import sys
import zlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dragoman.errors import GoldDataError
from dragoman.evaluation.gold import find_gold_dir
from dragoman.record import FRAMING_TECHNIQUES, FramingSpan

#: (technique, start, end) — one labelled span, offsets into the article text.
LabelledSpan = tuple[str, int, int]

SPLITS = ("train", "test")

#: Cross-validation folds of the ``train`` split (for tuning the decoding thresholds).
N_FOLDS = 4


@dataclass(slots=True)
class PtcArticle:
    """One PTC article: its id, text and gold technique spans."""

    id: str
    text: str
    spans: list[LabelledSpan] = field(default_factory=list)


def split_of(article_id: str) -> str:
    """The split an article belongs to, fixed by a checksum of its id (not by file order)."""
    bucket = zlib.crc32(article_id.encode("ascii")) % 20
    return "test" if bucket < 4 else "train"


def fold_of(article_id: str) -> int:
    """The cross-validation fold (0 … N_FOLDS − 1) of a ``train`` article, fixed by its id."""
    return (zlib.crc32(article_id.encode("ascii")) % 20 - 4) % N_FOLDS


def load_ptc(ptc_dir: Path, split: str | None = None) -> list[PtcArticle]:
    """Read the PTC articles and their labels, optionally only those of one split.

    Args:
        ptc_dir: the ``gold/framing/ptc`` directory.
        split: ``train``, ``test`` or ``None`` for all.

    Raises:
        GoldDataError: the directory, an article or a label line is missing or malformed.
    """
    labels = Path(ptc_dir) / "train-task2-TC.labels"
    articles_dir = Path(ptc_dir) / "articles"
    if not labels.is_file() or not articles_dir.is_dir():
        raise GoldDataError(f"{ptc_dir}: expected articles/ and train-task2-TC.labels")
    by_id: dict[str, list[LabelledSpan]] = defaultdict(list)
    for number, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[1] not in FRAMING_TECHNIQUES:
            raise GoldDataError(f"{labels}:{number}: expected id<TAB>technique<TAB>start<TAB>end")
        by_id[parts[0]].append((parts[1], int(parts[2]), int(parts[3])))
    articles = []
    for path in sorted(articles_dir.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        if split is not None and split_of(article_id) != split:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(PtcArticle(article_id, text, sorted(by_id.get(article_id, []), key=lambda s: s[1:])))
    return articles


def merge_spans(spans: Iterable[LabelledSpan]) -> list[LabelledSpan]:
    """Merge overlapping spans of the same technique (empty spans are dropped)."""
    by_technique: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for technique, start, end in spans:
        if end > start:
            by_technique[technique].append((start, end))
    merged: list[LabelledSpan] = []
    for technique, ranges in by_technique.items():
        ranges.sort()
        current_start, current_end = ranges[0]
        for start, end in ranges[1:]:
            if start < current_end:
                current_end = max(current_end, end)
            else:
                merged.append((technique, current_start, current_end))
                current_start, current_end = start, end
        merged.append((technique, current_start, current_end))
    return sorted(merged, key=lambda s: (s[1], s[2], s[0]))


@dataclass(slots=True)
class _Tally:
    precision_sum: float = 0.0
    recall_sum: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def scores(self) -> dict[str, float]:
        p = self.precision_sum / self.n_pred if self.n_pred else 0.0
        r = self.recall_sum / self.n_gold if self.n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": p, "r": r, "f1": f1, "n_pred": self.n_pred, "n_gold": self.n_gold}


def score_spans(
    pairs: Iterable[tuple[Sequence[LabelledSpan], Sequence[LabelledSpan]]],
) -> dict[str, dict[str, float]]:
    """Technique-matched character-overlap precision, recall and F1 (see the module docstring).

    Args:
        pairs: per article, (gold spans, predicted spans), each ``(technique, start, end)``.

    Returns:
        ``{"all": {...}, technique: {...}}``, each with ``p``, ``r``, ``f1``, ``n_pred``, ``n_gold``
        (every technique of :data:`~dragoman.record.FRAMING_TECHNIQUES` is present).
    """
    tallies = {name: _Tally() for name in ("all", *FRAMING_TECHNIQUES)}
    for gold_spans, predicted_spans in pairs:
        gold = merge_spans(gold_spans)
        pred = merge_spans(predicted_spans)
        for technique, _, _ in gold:
            tallies[technique].n_gold += 1
        for technique, _, _ in pred:
            tallies[technique].n_pred += 1
        for p_tech, p_start, p_end in pred:
            for g_tech, g_start, g_end in gold:
                if g_tech != p_tech:
                    continue
                overlap = min(p_end, g_end) - max(p_start, g_start)
                if overlap > 0:
                    tallies[p_tech].precision_sum += overlap / (p_end - p_start)
                    tallies[p_tech].recall_sum += overlap / (g_end - g_start)
    total = tallies["all"]
    for technique in FRAMING_TECHNIQUES:
        t = tallies[technique]
        total.precision_sum += t.precision_sum
        total.recall_sum += t.recall_sum
        total.n_pred += t.n_pred
        total.n_gold += t.n_gold
    return {name: tally.scores() for name, tally in tallies.items()}


def span_precision(span: LabelledSpan, gold: Sequence[LabelledSpan]) -> float:
    """The share of ``span``'s characters inside ``gold`` spans of its technique (``gold`` merged
    with :func:`merge_spans`, so that no character counts twice): what the measure's precision
    credits this span with."""
    technique, start, end = span
    if end <= start:
        return 0.0
    covered = sum(
        max(0, min(end, g_end) - max(start, g_start)) for t, g_start, g_end in gold if t == technique
    )
    return covered / (end - start)


#: Upper edges of the confidence bins of :func:`reliability` (the last bin is closed).
RELIABILITY_EDGES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)


def reliability(
    pairs: Iterable[tuple[Sequence[LabelledSpan], Sequence[tuple[str, int, int, float]]]],
) -> list[dict[str, float]]:
    """How right the spans of each confidence are: per confidence bin (:data:`RELIABILITY_EDGES`),
    the number of predicted spans, their mean confidence and their mean :func:`span_precision`.

    A span's ``confidence`` claims the share of its text that annotators mark with its technique;
    a calibrated model's bins have mean confidence close to measured precision.

    Args:
        pairs: per article, (gold spans, predicted spans with their confidence).
    """
    bins = [{"upto": edge, "n": 0, "confidence": 0.0, "precision": 0.0} for edge in RELIABILITY_EDGES]
    for gold_spans, predicted in pairs:
        gold = merge_spans(gold_spans)
        for technique, start, end, confidence in predicted:
            at = min(bisect_right(RELIABILITY_EDGES, confidence), len(bins) - 1)
            bins[at]["n"] += 1
            bins[at]["confidence"] += confidence
            bins[at]["precision"] += span_precision((technique, start, end), gold)
    for b in bins:
        if b["n"]:
            b["confidence"] /= b["n"]
            b["precision"] /= b["n"]
    return bins


def calibration_error(bins: Sequence[dict[str, float]]) -> float:
    """Expected calibration error: the span-weighted mean gap between confidence and precision."""
    total = sum(b["n"] for b in bins)
    return sum(b["n"] * abs(b["confidence"] - b["precision"]) for b in bins) / total if total else 0.0


def format_reliability(bins: Sequence[dict[str, float]]) -> str:
    """The :func:`reliability` bins as a plain-text table, the calibration error last."""
    lines = [f"{'confidence':<12} {'spans':>6} {'mean conf':>10} {'precision':>10}"]
    low = 0.0
    for b in bins:
        label = f"{low:.1f}–{b['upto']:.1f}"
        lines.append(f"{label:<12} {int(b['n']):>6} {b['confidence']:>10.3f} {b['precision']:>10.3f}")
        low = b["upto"]
    lines.append(f"expected calibration error {calibration_error(bins):.3f}")
    return "\n".join(lines)


Detector = Callable[[list[str]], Iterator[list[FramingSpan]]]


def _pipeline_detector(texts: list[str]) -> Iterator[list[FramingSpan]]:
    """The product's spans: the shared pipeline (:func:`~dragoman.nlp.pipeline.load_pipeline`).

    Dragoman's components that framing does not read (time, events) are skipped: the spans are
    the same without them, and the evaluation is faster.
    """
    from dragoman.nlp.framing import unused_components
    from dragoman.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    for doc in nlp.pipe(texts, disable=unused_components(nlp)):
        yield list(doc._.framing)


def predict_ptc(
    gold_dir: Path, split: str = "test", detector: Detector | None = None
) -> list[tuple[PtcArticle, list[FramingSpan]]]:
    """Each article of one PTC split with the spans a detector (default: the pipeline with
    ``dragoman_framing``) finds in it.

    Args:
        gold_dir: the gold directory (see :func:`dragoman.evaluation.gold.find_gold_dir`).
        split: ``test`` (held out, the reported figure) or ``train`` (what the model was fitted on).
        detector: ``detector(texts)`` yielding each text's :class:`~dragoman.record.FramingSpan` list.
    """
    articles = load_ptc(Path(gold_dir) / "framing" / "ptc", split)
    detect = detector or _pipeline_detector
    return list(zip(articles, detect([a.text for a in articles]), strict=True))


def evaluate_framing(
    gold_dir: Path,
    split: str = "test",
    detector: Detector | None = None,
    predictions: list[tuple[PtcArticle, list[FramingSpan]]] | None = None,
) -> dict[str, dict[str, float]]:
    """Score a detector on one PTC split (arguments as :func:`predict_ptc`, or its ``predictions``).

    Returns:
        The scores of :func:`score_spans`.
    """
    found = predictions if predictions is not None else predict_ptc(gold_dir, split, detector)
    return score_spans((a.spans, [(s.technique, s.start, s.end) for s in spans]) for a, spans in found)


def framing_reliability(predictions: list[tuple[PtcArticle, list[FramingSpan]]]) -> list[dict[str, float]]:
    """:func:`reliability` of the spans of :func:`predict_ptc`."""
    return reliability(
        (a.spans, [(s.technique, s.start, s.end, s.confidence) for s in spans]) for a, spans in predictions
    )


def format_table(scores: dict[str, dict[str, float]]) -> str:
    """The scores as a plain-text table, one row per technique and ``all`` last."""
    lines = [f"{'technique':<36} {'P':>6} {'R':>6} {'F1':>6} {'n_pred':>7} {'n_gold':>7}"]
    for name in (*FRAMING_TECHNIQUES, "all"):
        s = scores[name]
        counts = f"{int(s['n_pred']):>7} {int(s['n_gold']):>7}"
        lines.append(f"{name:<36} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {counts}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table for a split (default the held-out ``test``; ``--split train``: in-sample)."""
    args = sys.argv[1:] if argv is None else argv
    split = args[args.index("--split") + 1] if "--split" in args else "test"
    if split not in SPLITS:
        sys.stderr.write(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}\n")
        return 2
    gold = find_gold_dir()
    if gold is None:
        sys.stderr.write("gold sets not found: set DRAGOMAN_GOLD or put them at ../shared/gold\n")
        return 1
    predictions = predict_ptc(gold, split)
    sys.stdout.write(f"PTC split {split!r}, technique-matched character-overlap scores\n")
    sys.stdout.write(format_table(evaluate_framing(gold, split, predictions=predictions)) + "\n")
    sys.stdout.write("\nconfidence against measured precision (calibration)\n")
    sys.stdout.write(format_reliability(framing_reliability(predictions)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
