"""Fitting the technique model on the PTC ``train`` split, tuned by cross-validation (offline).

    python -m dragoman.framing.train [--out dragoman/framing/data/techniques.npz] [--cache DIR]

The articles are parsed by the process's pipeline (as the component will see them), turned into
features (:mod:`dragoman.framing.features`), and 14 one-vs-rest logistic regressions are fitted
by full-batch Adam with an L2 penalty, in numpy. How each technique is decoded (threshold, gap,
whole sentences or token runs: :mod:`dragoman.framing.tuning`) is chosen on out-of-fold scores
of a four-fold cross-validation, for each technique's own technique-matched F1, and what each
span's confidence is worth is calibrated on the same out-of-fold spans; the shipped
weights are then fitted on the whole split (about 10 minutes on two cores; deterministic: a rerun
writes the same file byte for byte). The held-out ``test`` split is never read here:
``python -m dragoman.evaluation.framing`` reports it.
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

from dragoman.evaluation.framing import N_FOLDS, PtcArticle, fold_of, load_ptc, score_spans
from dragoman.evaluation.gold import require_gold_dir
from dragoman.framing.features import DocFeatures, doc_features
from dragoman.framing.lexicon import load_lexicon
from dragoman.framing.model import MODEL_FILE, TechniqueModel, lookup, sigmoid
from dragoman.framing.tuning import Scored, fit_calibration, tune_decoding
from dragoman.record import FRAMING_TECHNIQUES

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Hyper:
    """Fitting settings (chosen on ``dev``)."""

    l2: float = 1e-4
    iterations: int = 100
    learning_rate: float = 0.05
    positive_weight: float = 2.0
    min_count: int = 2


def parse_articles(articles: list[PtcArticle], cache: Path | None = None) -> list[Doc]:
    """The articles parsed by the pipeline (cached as a DocBin in ``cache`` when given).

    Only the steps the framing features read run: spaCy's own and ``dragoman_actors`` (whose
    merged entities give the entity-type feature); the other Dragoman components leave tokens
    and entities as they are.
    """
    from dragoman.nlp.framing import unused_components
    from dragoman.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    key = f"ptc-{len(articles)}-{articles[0].id if articles else 'none'}.spacy"
    if cache is not None and (cache / key).is_file():
        return list(DocBin().from_disk(cache / key).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), disable=unused_components(nlp)))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(cache / key)
    return docs


def token_labels(doc: Doc, spans: list[tuple[str, int, int]]) -> np.ndarray:
    """Token × technique 0/1 matrix: a token is positive when it overlaps a gold span."""
    labels = np.zeros((len(doc), len(FRAMING_TECHNIQUES)), dtype=np.float32)
    if not spans:
        return labels
    starts = np.array([t.idx for t in doc])
    ends = starts + np.array([len(t) for t in doc])
    for technique, start, end in spans:
        k = FRAMING_TECHNIQUES.index(technique)
        labels[(starts < end) & (ends > start), k] = 1.0
    return labels


@dataclass(slots=True)
class Matrix:
    """Many documents' features indexed into one vocabulary, stacked for fitting."""

    token_idx: np.ndarray
    sent_idx: np.ndarray
    sent_key_ptr: np.ndarray
    sent_tok_ptr: np.ndarray
    labels: np.ndarray


def stack(feats: list[DocFeatures], labels: list[np.ndarray], token_vocab: np.ndarray,
          sent_vocab: np.ndarray) -> Matrix:  # fmt: skip
    """Index and concatenate documents (sentences stay contiguous, so segment sums work)."""
    token_idx = lookup(np.concatenate([f.token_keys for f in feats]), token_vocab).astype(np.int32)
    sent_idx = lookup(np.concatenate([f.sent_keys for f in feats]), sent_vocab).astype(np.int32)
    key_ptr, tok_ptr = [0], [0]
    for f in feats:
        key_ptr.extend((f.sent_ptr[1:] + key_ptr[-1]).tolist())
        sent_len = np.bincount(f.sent_of_token, minlength=len(f.sent_ptr) - 1)
        tok_ptr.extend((np.cumsum(sent_len) + tok_ptr[-1]).tolist())
    return Matrix(token_idx, sent_idx, np.array(key_ptr), np.array(tok_ptr), np.concatenate(labels))


def vocabulary(keys: np.ndarray, min_count: int) -> np.ndarray:
    """The sorted keys seen at least ``min_count`` times."""
    values, counts = np.unique(keys, return_counts=True)
    return values[counts >= min_count]


def fit(m: Matrix, n_token_keys: int, n_sent_keys: int, hyper: Hyper) -> tuple[np.ndarray, ...]:
    """Full-batch Adam on the weighted logistic loss; returns (token W, sentence V, bias)."""
    n, n_feats = m.token_idx.shape
    k = m.labels.shape[1]
    w = np.zeros((n_token_keys + 1, k), np.float32)
    v = np.zeros((n_sent_keys + 1, k), np.float32)
    prior = m.labels.mean(axis=0).clip(1e-4, 0.5)
    b = np.log(prior / (1 - prior)).astype(np.float32)
    params = [w, v, b]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    sample_weight = np.where(m.labels > 0, hyper.positive_weight, 1.0).astype(np.float32)
    flat_tok = m.token_idx.ravel()
    sent_sizes = np.diff(m.sent_key_ptr)
    sent_starts = m.sent_tok_ptr[:-1]
    for step in range(1, hyper.iterations + 1):
        z = np.repeat(b[None, :], n, axis=0)
        for f in range(n_feats):
            z += w[m.token_idx[:, f]]
        per_sent = np.add.reduceat(v[m.sent_idx], m.sent_key_ptr[:-1], axis=0)
        z += np.repeat(per_sent, np.diff(m.sent_tok_ptr), axis=0)
        g = (sigmoid(z) - m.labels) * sample_weight / n
        grad_w = np.stack([np.bincount(flat_tok, np.repeat(g[:, j], n_feats), len(w)) for j in range(k)], 1)
        g_sent = np.add.reduceat(g, sent_starts, axis=0)
        grad_v = np.stack([np.bincount(m.sent_idx, np.repeat(g_sent[:, j], sent_sizes), len(v))
                           for j in range(k)], 1)  # fmt: skip
        grads = [grad_w + hyper.l2 * w, grad_v + hyper.l2 * v, g.sum(axis=0)]
        for p, grad, (m1, m2) in zip(params, grads, moments, strict=True):
            m1 *= 0.9
            m1 += 0.1 * grad
            m2 *= 0.999
            m2 += 0.001 * grad * grad
            p -= hyper.learning_rate * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
        w[-1] = 0.0
        v[-1] = 0.0
        if step % 25 == 0:
            log.info("step %d", step)
    return w, v, b


def _fit_model(feats: list[DocFeatures], labels: list[np.ndarray], hyper: Hyper) -> TechniqueModel:
    token_vocab = vocabulary(np.concatenate([f.token_keys.ravel() for f in feats]), hyper.min_count)
    sent_vocab = vocabulary(np.concatenate([f.sent_keys for f in feats]), hyper.min_count)
    matrix = stack(feats, labels, token_vocab, sent_vocab)
    log.info("fitting: %d tokens, %d token keys, %d sentence keys", len(matrix.labels), len(token_vocab),
             len(sent_vocab))  # fmt: skip
    w, v, b = fit(matrix, len(token_vocab), len(sent_vocab), hyper)
    k = len(FRAMING_TECHNIQUES)
    return TechniqueModel(FRAMING_TECHNIQUES, token_vocab, w, sent_vocab, v, b,
                          np.full(k, 0.5), np.ones(k, np.int64), np.zeros(k, np.int64))  # fmt: skip


def train(gold_dir: Path, hyper: Hyper, cache: Path | None = None) -> tuple[TechniqueModel, dict]:
    """Fit on ``train`` and tune the decoding by cross-validation; return the model and CV scores.

    Each of the :data:`~dragoman.evaluation.framing.N_FOLDS` folds is scored by a model fitted on
    the others; the decoding settings are chosen on those out-of-fold scores, and the shipped
    weights are then fitted on the whole ``train`` split.
    """
    lexicon = load_lexicon()
    articles = load_ptc(gold_dir / "framing" / "ptc", "train")
    started = time.perf_counter()
    docs = parse_articles(articles, cache)
    log.info("parsed %d articles in %.0f s", len(docs), time.perf_counter() - started)
    feats = [doc_features(d, lexicon) for d in docs]
    labels = [token_labels(d, a.spans) for d, a in zip(docs, articles, strict=True)]
    folds = np.array([fold_of(a.id) for a in articles])
    probs: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for fold in range(N_FOLDS):
        inside = np.flatnonzero(folds != fold)
        model = _fit_model([feats[i] for i in inside], [labels[i] for i in inside], hyper)
        for i in np.flatnonzero(folds == fold):
            probs[i] = model.probabilities(feats[i])
    scored = Scored(docs, feats, probs, [a.spans for a in articles])
    model = _fit_model(feats, labels, hyper)
    model.thresholds, model.gaps, model.modes, f1 = tune_decoding(model, scored)
    log.info("cross-validated F1 after tuning: %.3f", f1)
    model.calibration_x, model.calibration_y, model.calibration_ptr = fit_calibration(model, scored)
    predicted = [[s[:3] for s in model.decode(d, f, p)] for d, f, p in zip(docs, feats, probs, strict=True)]
    return model, score_spans(zip(scored.gold, predicted, strict=True))


def main(argv: list[str] | None = None) -> int:
    """Fit, tune, print the dev table and write the model file."""
    from dragoman.evaluation.framing import format_table

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / MODEL_FILE)
    parser.add_argument("--cache", type=Path, default=None, help="directory for the parsed articles")
    for name in Hyper.__dataclass_fields__:
        default = getattr(Hyper(), name)
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(default), default=default)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    hyper = Hyper(**{name: getattr(args, name) for name in Hyper.__dataclass_fields__})
    model, scores = train(require_gold_dir(), hyper, args.cache)
    print(f"train split, {N_FOLDS}-fold cross-validated (out-of-fold) scores, {hyper}")
    print(format_table(scores))
    model.save(args.out)
    print(f"model written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
