"""The technique model: per-token logistic scores for the 14 techniques, decoded into spans.

For each token and technique, ``p = sigmoid(b + Σ w[token feature] + Σ v[feature of its sentence])``
(14 independent one-vs-rest classifiers, so one stretch may carry two techniques, as in the PTC).
Each technique is decoded in one of two modes, chosen when the model is tuned:

* ``tokens`` — a span is a run of tokens whose ``p`` is at least the technique's threshold (runs
  at most ``gaps[k]`` tokens apart are joined; punctuation at the edges is trimmed; a run that
  ends inside a hyphenated word is widened to the whole word);
* ``sentence`` — a span is a whole sentence (edge punctuation trimmed) whose mean ``p`` is at
  least the threshold: for clause-long techniques (doubt, appeals, fallacies).

A span's raw score is its mean ``p``; its confidence is the precision measured at that score for
its technique (a calibration curve fitted out of fold), so 0.3 means about 30 % of such spans'
text is marked with the technique by the corpus's annotators.

Weights, thresholds, gaps, modes and calibration are fitted offline by :mod:`dragoman.framing.train` and
shipped as ``data/techniques.npz`` (see ``data/MODEL.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from dragoman.errors import PipelineError
from dragoman.framing.features import DocFeatures

#: (technique, start, end, confidence): a detected span, offsets in characters.
RawSpan = tuple[str, int, int, float]

MODEL_FILE = "techniques.npz"

#: Decoding modes (see the module docstring), stored per technique as their index.
MODES = ("tokens", "sentence")


def lookup(keys: np.ndarray, vocab: np.ndarray) -> np.ndarray:
    """Row index of each key in the sorted ``vocab``; ``len(vocab)`` (a zero row) when unknown."""
    if len(vocab) == 0:
        return np.zeros(keys.shape, dtype=np.int64)
    pos = np.searchsorted(vocab, keys)
    pos_clipped = np.minimum(pos, len(vocab) - 1)
    return np.where(vocab[pos_clipped] == keys, pos_clipped, len(vocab))


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, safe for large magnitudes."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass(slots=True)
class TechniqueModel:
    """Fitted weights (one column per technique), how each technique is decoded, and what its
    spans' confidence is worth.

    ``token_weights``/``sent_weights`` have one row per vocabulary key plus a last zero row for
    unknown keys; ``thresholds``, ``gaps`` and ``modes`` (indexes into :data:`MODES`) hold one
    value per technique.
    """

    techniques: tuple[str, ...]
    token_vocab: np.ndarray
    token_weights: np.ndarray
    sent_vocab: np.ndarray
    sent_weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    gaps: np.ndarray
    modes: np.ndarray
    #: Knots of each technique's curve from raw span score to measured precision (see
    #: :func:`dragoman.framing.tuning.fit_calibration`): technique ``k``'s are
    #: ``calibration_ptr[k]:calibration_ptr[k + 1]``; empty: confidence is the raw score.
    calibration_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    calibration_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    calibration_ptr: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def calibrated(self, k: int, raw: float) -> float:
        """Technique ``k``'s confidence for a span of raw score ``raw``: the precision measured at
        that score (interpolated between knots, flat past the ends); ``raw`` itself without one."""
        if len(self.calibration_ptr) <= k + 1 or self.calibration_ptr[k] == self.calibration_ptr[k + 1]:
            return raw
        knots = slice(int(self.calibration_ptr[k]), int(self.calibration_ptr[k + 1]))
        return float(np.interp(raw, self.calibration_x[knots], self.calibration_y[knots]))

    def logits(self, feats: DocFeatures) -> np.ndarray:
        """Token × technique scores before the sigmoid."""
        token_idx = lookup(feats.token_keys, self.token_vocab)
        z = self.token_weights[token_idx].sum(axis=1) + self.bias
        if len(feats.sent_keys):
            per_key = self.sent_weights[lookup(feats.sent_keys, self.sent_vocab)]
            per_sent = np.add.reduceat(per_key, feats.sent_ptr[:-1], axis=0)
            z += per_sent[feats.sent_of_token]
        return np.asarray(z, dtype=np.float64)

    def probabilities(self, feats: DocFeatures) -> np.ndarray:
        """Token × technique probabilities."""
        return sigmoid(self.logits(feats))

    def decode(
        self,
        doc: Doc,
        feats: DocFeatures,
        probs: np.ndarray,
        settings: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> list[RawSpan]:
        """Turn token probabilities into character spans (see the module docstring).

        ``settings``: (thresholds, gaps, modes) to use instead of the model's own (for tuning).
        Each span's confidence is :meth:`calibrated` from its mean token probability.
        """
        limits, gaps, modes = settings or (self.thresholds, self.gaps, self.modes)
        words = np.flatnonzero(~feats.is_space)
        spans: list[RawSpan] = []
        if len(words) == 0:
            return spans
        sentence_of_word = feats.sent_of_token[words]
        for k, technique in enumerate(self.techniques):
            if limits[k] > 1.0:
                continue
            if MODES[int(modes[k])] == "sentence":
                sums = np.bincount(sentence_of_word, probs[words, k], minlength=len(feats.sent_ptr) - 1)
                sizes = np.bincount(sentence_of_word, minlength=len(sums))
                means = np.divide(sums, sizes, out=np.zeros_like(sums), where=sizes > 0)
                runs = [np.flatnonzero(sentence_of_word == s) for s in np.flatnonzero(means >= limits[k])]
            else:
                hits = np.flatnonzero(probs[words, k] >= limits[k])
                runs = (
                    np.split(hits, np.flatnonzero(np.diff(hits) > int(gaps[k]) + 1) + 1) if len(hits) else []
                )
            for run in runs:
                span = self._span(doc, feats, words, run, probs[:, k])
                if span is not None:
                    spans.append((technique, span[0], span[1], self.calibrated(k, span[2])))
        return spans

    @staticmethod
    def _span(
        doc: Doc, feats: DocFeatures, words: np.ndarray, run: np.ndarray, probs: np.ndarray
    ) -> tuple[int, int, float] | None:
        """Character offsets and confidence of a run of word positions, edges trimmed."""
        first, last = int(run[0]), int(run[-1])
        while first <= last and feats.is_punct[words[first]]:
            first += 1
        while last >= first and feats.is_punct[words[last]]:
            last -= 1
        if first > last:
            return None
        start_tok, end_tok = _whole_word(doc, int(words[first]), int(words[last]))
        confidence = float(probs[words[first : last + 1]].mean())
        return start_tok.idx, end_tok.idx + len(end_tok), confidence

    def save(self, path: Path) -> None:
        """Write the model as one ``.npz`` file (plain arrays, no pickles)."""
        np.savez_compressed(
            path,
            techniques=np.array(self.techniques),
            token_vocab=self.token_vocab,
            token_weights=self.token_weights.astype(np.float16),
            sent_vocab=self.sent_vocab,
            sent_weights=self.sent_weights.astype(np.float16),
            bias=self.bias,
            thresholds=self.thresholds,
            gaps=self.gaps,
            modes=self.modes,
            calibration_x=self.calibration_x,
            calibration_y=self.calibration_y,
            calibration_ptr=self.calibration_ptr,
        )

    @classmethod
    def load(cls, path: Path) -> TechniqueModel:
        """Read a model written by :meth:`save`.

        Raises:
            PipelineError: the file is missing or not a model.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    techniques=tuple(str(t) for t in data["techniques"]),
                    token_vocab=data["token_vocab"],
                    token_weights=data["token_weights"].astype(np.float32),
                    sent_vocab=data["sent_vocab"],
                    sent_weights=data["sent_weights"].astype(np.float32),
                    bias=data["bias"].astype(np.float32),
                    thresholds=data["thresholds"].astype(np.float64),
                    gaps=data["gaps"].astype(np.int64),
                    modes=data["modes"].astype(np.int64),
                    **{
                        name: data[name]
                        for name in ("calibration_x", "calibration_y", "calibration_ptr")
                        if name in data  # model files written before calibration have none
                    },
                )
        except (OSError, KeyError, ValueError) as exc:
            raise PipelineError(f"framing model {path} cannot be read: {exc}") from exc


def _whole_word(doc: Doc, first: int, last: int) -> tuple[Token, Token]:
    """Widen a token run to whole hyphenated words ("fated" → "ill-fated")."""
    while first > 0 and not doc[first - 1].whitespace_ and "-" in (doc[first - 1].text, doc[first].text):
        first -= 1
    while (last + 1 < len(doc) and not doc[last].whitespace_
           and "-" in (doc[last].text, doc[last + 1].text)):  # fmt: skip
        last += 1
    return doc[first], doc[last]


@lru_cache(maxsize=1)
def load_model() -> TechniqueModel:
    """The shipped model (``dragoman/framing/data/techniques.npz``), loaded once per process."""
    with resources.as_file(resources.files("dragoman.framing") / "data" / MODEL_FILE) as path:
        return TechniqueModel.load(path)
