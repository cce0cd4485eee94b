"""Choosing how each technique is decoded: mode, gap and threshold, for its own best F1; and
what a span's confidence should say.

Every (mode, gap, threshold) option of each technique is scored once on the out-of-fold token
probabilities (precision sum, predicted-span count, recall sum of that technique), and each
technique keeps the option with its best F1. Then :func:`fit_calibration` maps each technique's
raw span score (the mean token probability) to the precision measured at that score, so that a
span's ``confidence`` is the share of such spans' text that annotators mark with the technique.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from dragoman.evaluation.framing import LabelledSpan, merge_spans, score_spans, span_precision
from dragoman.framing.features import DocFeatures
from dragoman.framing.model import MODES, TechniqueModel

log = logging.getLogger(__name__)

THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.025), 3)
#: (mode index, gap) options tried for every technique.
OPTIONS = ((0, 0), (0, 1), (0, 3), (1, 0))


@dataclass(slots=True)
class Scored:
    """Documents with their token probabilities and gold spans, ready for decoding trials."""

    docs: list[Doc]
    feats: list[DocFeatures]
    probs: list[np.ndarray]
    gold: list[list[LabelledSpan]]


def _option_table(model: TechniqueModel, data: Scored) -> np.ndarray:
    """technique × option × threshold → (precision sum, n_pred, recall sum)."""
    k = len(model.techniques)
    table = np.zeros((k, len(OPTIONS), len(THRESHOLDS), 3))
    for j, technique in enumerate(model.techniques):
        for o, (mode, gap) in enumerate(OPTIONS):
            for t, limit in enumerate(THRESHOLDS):
                limits = np.full(k, 2.0)
                limits[j] = limit
                settings = (limits, np.full(k, gap), np.full(k, mode))
                pairs = [
                    (g, [s[:3] for s in model.decode(d, f, p, settings)])
                    for d, f, p, g in zip(data.docs, data.feats, data.probs, data.gold, strict=True)
                ]
                s = score_spans(pairs)[technique]
                table[j, o, t] = (s["p"] * s["n_pred"], s["n_pred"], s["r"] * s["n_gold"])
                if s["n_pred"] == 0:
                    table[j, o, t + 1 :] = table[j, o, t]
                    break
    return table


def _f1(rows: np.ndarray, n_gold: float) -> np.ndarray | float:
    """F1 from (precision sum, n_pred, recall sum) rows (summed first when 2-D)."""
    psum, n_pred, rsum = (rows[..., i] for i in range(3))
    p = psum / np.maximum(n_pred, 1)
    r = rsum / max(n_gold, 1)
    return np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)


def tune_decoding(model: TechniqueModel, data: Scored) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Per technique, the (threshold, gap, mode) that maximise that technique's own F1 on ``data``.

    Each technique is tuned for itself, not for the pooled F1: the pooled measure can be raised
    by mixing techniques decoded as few long high-recall spans with techniques decoded as many
    short high-precision ones, which says nothing about either (see ``data/MODEL.md``).

    Returns:
        thresholds, gaps, modes (one value per technique) and the pooled F1 they reach.
    """
    table = _option_table(model, data)
    k = len(model.techniques)
    n_gold = np.zeros(k)
    for gold in data.gold:
        for technique, _, _ in merge_spans(gold):
            n_gold[model.techniques.index(technique)] += 1
    flat = table.reshape(k, -1, 3)  # options × thresholds flattened per technique
    choice = np.array([int(np.argmax(_f1(flat[j], n_gold[j]))) for j in range(k)])
    rows = flat[np.arange(k), choice]
    pooled = float(_f1(rows.sum(axis=0), n_gold.sum()))
    options, thresholds = np.divmod(choice, len(THRESHOLDS))
    modes = np.array([OPTIONS[o][0] for o in options])
    gaps = np.array([OPTIONS[o][1] for o in options])
    for j, technique in enumerate(model.techniques):
        log.info("%-36s %-8s gap %d threshold %.3f F1 %.3f", technique, MODES[modes[j]], gaps[j],
                 THRESHOLDS[thresholds[j]], float(_f1(rows[j], n_gold[j])))  # fmt: skip
    return THRESHOLDS[thresholds].astype(np.float64), gaps, modes, pooled


#: Fewest spans a calibration bin pools (fewer spans of a technique: one bin, its mean precision).
MIN_BIN = 25
#: Most bins per technique.
MAX_BINS = 8


def fit_calibration(model: TechniqueModel, data: Scored) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per technique, knots of a non-decreasing curve from raw span score to measured precision.

    The spans the model's own decoding finds in ``data`` (out-of-fold probabilities) are sorted by
    raw score and cut into equal-count bins (at least :data:`MIN_BIN` spans, at most
    :data:`MAX_BINS` bins); each bin gives a knot (mean score, mean :func:`span_precision`), and
    adjacent bins that would make the curve fall are pooled (pool-adjacent-violators).

    Returns:
        ``x``, ``y`` (the knots of every technique, concatenated) and ``ptr`` (technique ``k``'s
        knots are ``ptr[k]:ptr[k + 1]``; none where it found no span).
    """
    scores: list[list[tuple[float, float]]] = [[] for _ in model.techniques]
    uncalibrated = dataclasses.replace(  # its spans' confidence is their raw score
        model, calibration_x=np.zeros(0), calibration_y=np.zeros(0), calibration_ptr=np.zeros(0, np.int64)
    )
    for doc, feats, probs, gold in zip(data.docs, data.feats, data.probs, data.gold, strict=True):
        merged = merge_spans(gold)
        for technique, start, end, raw in uncalibrated.decode(doc, feats, probs):
            scores[model.techniques.index(technique)].append(
                (raw, span_precision((technique, start, end), merged))
            )
    xs: list[float] = []
    ys: list[float] = []
    ptr = [0]
    for technique, pairs in zip(model.techniques, scores, strict=True):
        pairs.sort()
        n_bins = max(1, min(MAX_BINS, len(pairs) // MIN_BIN))
        bins = [b for b in np.array_split(np.array(pairs).reshape(-1, 2), n_bins) if len(b)]
        knots = _pool_adjacent_violators(
            [(float(b[:, 0].mean()), float(b[:, 1].mean()), len(b)) for b in bins]
        )
        xs.extend(x for x, _ in knots)
        ys.extend(y for _, y in knots)
        ptr.append(len(xs))
        log.info("%-36s calibration %s", technique, " ".join(f"{x:.2f}→{y:.2f}" for x, y in knots))
    return np.array(xs), np.array(ys), np.array(ptr, dtype=np.int64)


def _pool_adjacent_violators(bins: list[tuple[float, float, int]]) -> list[tuple[float, float]]:
    """Merge neighbouring (x, y, weight) bins until ``y`` never falls; the knots (x, y) left."""
    pooled: list[list[float]] = []
    for x, y, w in bins:
        pooled.append([x * w, y * w, w])
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] > pooled[-1][1] / pooled[-1][2]:
            last = pooled.pop()
            pooled[-1] = [a + b for a, b in zip(pooled[-1], last, strict=True)]
    return [(sx / w, sy / w) for sx, sy, w in pooled]
