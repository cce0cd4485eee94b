"""Choosing how each technique is decoded: mode, gap and threshold, for its own best F1.

Every (mode, gap, threshold) option of each technique is scored once on the out-of-fold token
probabilities (precision sum, predicted-span count, recall sum of that technique), and each
technique keeps the option with its best F1.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from dragoman.evaluation.framing import LabelledSpan, merge_spans, score_spans
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
