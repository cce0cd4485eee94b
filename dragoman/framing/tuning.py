"""Choosing how each technique is decoded: mode, gap and threshold, for the best overall F1.

The technique-matched measure adds up over techniques (precision sums, predicted-span counts and
recall sums are per technique), so every (mode, gap, threshold) option of each technique is
scored once on its own, and the combination is then chosen by coordinate ascent on the overall
F1 without decoding again.
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


def _f1(rows: np.ndarray, n_gold: int) -> float:
    p = rows[:, 0].sum() / max(rows[:, 1].sum(), 1)
    r = rows[:, 2].sum() / max(n_gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def tune_decoding(model: TechniqueModel, data: Scored) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Per technique, the (threshold, gap, mode) that maximise the overall F1 on ``data``.

    Returns:
        thresholds, gaps, modes (one value per technique) and the F1 they reach.
    """
    table = _option_table(model, data)
    n_gold = sum(len(merge_spans(g)) for g in data.gold)
    k = len(model.techniques)
    flat = table.reshape(k, -1, 3)  # options × thresholds flattened per technique
    choice = np.full(k, flat.shape[1] - 1)
    best_f1 = 0.0
    for _ in range(4):
        for j in range(k):
            scores = []
            for c in range(flat.shape[1]):
                choice[j] = c
                scores.append(_f1(flat[np.arange(k), choice], n_gold))
            choice[j] = int(np.argmax(scores))
            best_f1 = max(scores)
    options, thresholds = np.divmod(choice, len(THRESHOLDS))
    modes = np.array([OPTIONS[o][0] for o in options])
    gaps = np.array([OPTIONS[o][1] for o in options])
    for j, technique in enumerate(model.techniques):
        log.info(
            "%-36s %-8s gap %d threshold %.3f", technique, MODES[modes[j]], gaps[j], THRESHOLDS[thresholds[j]]
        )
    return THRESHOLDS[thresholds].astype(np.float64), gaps, modes, best_f1
