"""Evaluative words: ours that praise or attack (``data/polarity.tsv``), and VADER's valences.

The list is Dragoman's own, written by hand for news about politics (not derived from any gold
set). It serves twice: as a feature of the technique model (an unseen strongly evaluative word,
"ill-fated", still looks like loaded language) and to give a span its tone toward its target.
``data/valence.tsv`` holds the word valences (−4 … +4) of the VADER sentiment lexicon (MIT, see
``data/LICENSE-VADER.txt``); the technique model reads them as a feature only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.strings import hash_string  # type: ignore[attr-defined]

from dragoman.errors import PipelineError

POSITIVE = "positive"
NEGATIVE = "negative"

#: The rounded VADER valence from which a word outside our list gives a tone.
STRONG_VALENCE = 2

#: Words that turn the tone of the next evaluative word ("not honest", "no longer reliable").
NEGATORS = frozenset({"not", "no", "never", "n't", "hardly", "without", "nor", "neither", "lack", "lacks"})


@dataclass(frozen=True, slots=True)
class PolarityLexicon:
    """Word → polarity, and the same as sorted spaCy string hashes for vectorised look-ups."""

    words: dict[str, str]
    positive_hashes: np.ndarray
    negative_hashes: np.ndarray
    valence_hashes: np.ndarray
    valence_buckets: np.ndarray

    def polarity(self, word: str) -> str | None:
        """``positive``, ``negative`` or ``None`` for a lower-case word or lemma (our list only)."""
        return self.words.get(word)

    def valence_of(self, word: str) -> int:
        """VADER's valence of a lower-case word, rounded to −4…+4 (0 where VADER lacks it)."""
        key = np.array([hash_string(word)], dtype=np.uint64)
        bucket = int(self.valence(key, key)[0])  # 1…9, 0 where VADER lacks the word
        return bucket - 5 if bucket else 0

    def tone(self, word: str) -> str | None:
        """The tone of a lower-case word: our list's, else VADER's where its valence is at least
        2 either way ("defeat" −2, "appreciate" +2), else ``None``."""
        if tone := self.words.get(word):
            return tone
        valence = self.valence_of(word)
        return POSITIVE if valence >= STRONG_VALENCE else NEGATIVE if valence <= -STRONG_VALENCE else None

    def codes(self, lower: np.ndarray, lemma: np.ndarray) -> np.ndarray:
        """Per token, 0 (neutral), 1 (positive) or 2 (negative), from ``LOWER``/``LEMMA`` hashes."""
        codes = np.zeros(len(lower), dtype=np.uint64)
        for code, table in ((1, self.positive_hashes), (2, self.negative_hashes)):
            hit = np.isin(lower, table) | np.isin(lemma, table)
            codes[hit] = code
        return codes

    def valence(self, lower: np.ndarray, lemma: np.ndarray) -> np.ndarray:
        """Per token, its VADER valence rounded to −4…+4 and shifted to 1…9 (0: not in VADER)."""
        out = np.zeros(len(lower), dtype=np.uint64)
        if len(self.valence_hashes) == 0:
            return out
        for column in (lemma, lower):
            pos = np.minimum(np.searchsorted(self.valence_hashes, column), len(self.valence_hashes) - 1)
            hit = self.valence_hashes[pos] == column
            out[hit] = self.valence_buckets[pos[hit]]
        return out


def _rows(name: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of a data file, comments and blank lines skipped."""
    source = resources.files("dragoman.framing") / "data" / name
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise PipelineError(f"framing lexicon {source} cannot be read: {exc}") from exc
    return [(number, line.split("\t")) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.startswith("#")]  # fmt: skip


@lru_cache(maxsize=1)
def load_lexicon() -> PolarityLexicon:
    """Read ``data/polarity.tsv`` (ours) and ``data/valence.tsv`` (VADER's) once per process.

    Raises:
        PipelineError: a file is missing or a line is malformed (file and line named).
    """
    words: dict[str, str] = {}
    for number, parts in _rows("polarity.tsv"):
        if len(parts) != 2 or parts[1] not in (POSITIVE, NEGATIVE):
            raise PipelineError(f"polarity.tsv:{number}: expected word<TAB>positive|negative")
        words[parts[0]] = parts[1]
    valence: dict[int, int] = {}
    for number, parts in _rows("valence.tsv"):
        try:
            valence[hash_string(parts[0])] = int(np.clip(round(float(parts[1])), -4, 4)) + 5
        except (IndexError, ValueError) as exc:
            raise PipelineError(f"valence.tsv:{number}: expected word<TAB>number") from exc
    keys = np.array(sorted(valence), dtype=np.uint64)
    buckets = np.array([valence[int(k)] for k in keys], dtype=np.uint64)

    def hashes(polarity: str) -> np.ndarray:
        return np.array(sorted(hash_string(w) for w, p in words.items() if p == polarity), dtype=np.uint64)

    return PolarityLexicon(words, hashes(POSITIVE), hashes(NEGATIVE), keys, buckets)
