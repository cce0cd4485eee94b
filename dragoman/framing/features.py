"""Features of the technique model, computed for a whole Doc at once with numpy.

Every feature is a 64-bit key mixed from a template number and spaCy's own string hashes
(``Doc.to_array``), so no strings are built per token and the keys are the same in every process.
Two kinds:

* **token features** — exactly :data:`N_TOKEN_TEMPLATES` keys per token: the word, its lemma,
  shape, tag and dependency, the words around it and their bigrams, its syntactic head, whether
  it or its neighbours are evaluative words (:mod:`dragoman.framing.lexicon`), how often its
  lemma and bigram recur in the document (repetition), whether it stands inside quotation marks;
* **sentence features** — a bag per sentence: its words, length, question and exclamation
  marks, its first word, how many evaluative words it holds. The sentence's score is added to
  each of its tokens, which lets clause-long techniques (doubt, appeals to fear or authority)
  cover whole stretches of a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, SHAPE, TAG
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

from dragoman.framing.lexicon import PolarityLexicon

N_TOKEN_TEMPLATES = 27

_ATTRS = [LOWER, LEMMA, SHAPE, POS, TAG, DEP, ENT_TYPE, IS_SPACE, IS_PUNCT]
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_EDGE = np.uint64(hash_string("<edge>"))
_QUOTES_OPEN = {hash_string("“"), hash_string("«")}
_QUOTES_CLOSE = {hash_string("”"), hash_string("»")}
_QUOTES_STRAIGHT = {hash_string('"')}
_QUESTION = np.uint64(hash_string("?"))
_HYPHEN = np.uint64(hash_string("-"))
_EXCLAIM = np.uint64(hash_string("!"))
_CONTENT_POS = {hash_string(p) for p in ("NOUN", "PROPN", "ADJ", "VERB", "ADV")}


def _mix(template: int, *columns: np.ndarray) -> np.ndarray:
    """One uint64 key per row from a template number and columns of uint64 values."""
    seed = np.uint64(((template + 1) * int(_M1)) % 2**64)
    key = np.full(len(columns[0]), seed, dtype=np.uint64)
    for column in columns:
        key = (key ^ column.astype(np.uint64)) * _M2
        key ^= key >> np.uint64(31)
    return key


def _shift(column: np.ndarray, offset: int) -> np.ndarray:
    """``column`` moved by ``offset`` positions (value of token i+offset), edges filled."""
    out = np.full_like(column, _EDGE)
    if offset > 0:
        out[:-offset] = column[offset:]
    elif offset < 0:
        out[-offset:] = column[:offset]
    else:
        out[:] = column
    return out


def _bucket(counts: np.ndarray) -> np.ndarray:
    """Counts of 1, 2, 3–4, 5–9 and 10+ as buckets 0–4."""
    return np.searchsorted(np.array([2, 3, 5, 10]), counts, side="right").astype(np.uint64)


def _recurrence(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """How many times each token's value occurs among the masked tokens (0 where unmasked)."""
    counts = np.zeros(len(values), dtype=np.int64)
    if mask.any():
        _, inverse, n = np.unique(values[mask], return_inverse=True, return_counts=True)
        counts[mask] = n[inverse]
    return counts


@dataclass(slots=True)
class DocFeatures:
    """The keys of one Doc: ``token_keys`` (n_tokens × N_TOKEN_TEMPLATES), the sentence bags as
    CSR (``sent_keys`` sliced by ``sent_ptr``), and each token's sentence (``sent_of_token``)."""

    token_keys: np.ndarray
    sent_keys: np.ndarray
    sent_ptr: np.ndarray
    sent_of_token: np.ndarray
    is_space: np.ndarray
    is_punct: np.ndarray


def doc_features(doc: Doc, lexicon: PolarityLexicon) -> DocFeatures:
    """Compute the token and sentence feature keys of ``doc`` (needs tags and a parse)."""
    n = len(doc)
    if n == 0:
        empty = np.zeros(0, dtype=np.uint64)
        return DocFeatures(np.zeros((0, N_TOKEN_TEMPLATES), np.uint64), empty,
                           np.zeros(1, np.int64), np.zeros(0, np.int64),
                           np.zeros(0, bool), np.zeros(0, bool))  # fmt: skip
    arr = doc.to_array(_ATTRS).astype(np.uint64)
    low, lem, shape, pos, tag, dep, ent = (arr[:, i] for i in range(7))
    is_space, is_punct = arr[:, 7].astype(bool), arr[:, 8].astype(bool)
    head = np.arange(n) + doc.to_array([HEAD]).ravel().astype(np.int64)  # HEAD is relative
    polar = lexicon.codes(low, lem)
    valence = lexicon.valence(low, lem)
    _hyphen_compounds(doc, np.flatnonzero(low == _HYPHEN), lexicon, polar, valence)
    content = np.isin(pos, np.array(sorted(_CONTENT_POS), dtype=np.uint64)) & ~is_space
    lemma_count = _bucket(_recurrence(lem, content))
    bigram = _mix(99, low, _shift(low, 1))
    next_content = np.zeros(n, dtype=bool)
    next_content[:-1] = content[1:]
    bigram_count = _bucket(_recurrence(bigram, content & next_content))
    curly: np.ndarray = np.cumsum(np.isin(low, list(_QUOTES_OPEN))) - np.cumsum(
        np.isin(low, list(_QUOTES_CLOSE))
    )
    straight = np.cumsum(np.isin(low, list(_QUOTES_STRAIGHT))) % 2
    quoted = ((curly > 0) | (straight == 1)).astype(np.uint64)
    starts = np.array([s.start for s in doc.sents], dtype=np.int64)
    sent_of_token = np.searchsorted(starts, np.arange(n), side="right") - 1
    ends = np.append(starts[1:], n)
    position = np.arange(n) - starts[sent_of_token]
    remaining = ends[sent_of_token] - np.arange(n) - 1
    place = np.where(position == 0, 0, np.where(remaining <= 1, 1, np.minimum(position // 5 + 2, 6)))
    columns = [
        (low,), (lem,), (shape,), (tag,), (dep,),
        (_shift(low, -1),), (_shift(low, 1),), (_shift(low, -2),), (_shift(low, 2),),
        (_shift(low, -1), low), (low, _shift(low, 1)),
        (_shift(pos, -1), pos, _shift(pos, 1)),
        (lem[head],), (dep, lem[head]), (ent,),
        (polar, pos), (_shift(polar, -1), _shift(polar, 1)), (polar[head], dep),
        (lemma_count, pos), (lemma_count, lem), (bigram_count,),
        (quoted, pos), (place.astype(np.uint64),), (shape, _shift(shape, 1)),
        (valence, pos), (_shift(valence, -1), _shift(valence, 1)), (valence[head], dep),
    ]  # fmt: skip
    token_keys = np.stack([_mix(t, *cols) for t, cols in enumerate(columns)], axis=1)
    strong = (polar > 0) | ((valence > 0) & ((valence <= 3) | (valence >= 7)))
    sent_keys, sent_ptr = _sentence_bags(low, strong.astype(np.uint64), is_space, starts, ends)
    return DocFeatures(token_keys, sent_keys, sent_ptr, sent_of_token, is_space, is_punct)


def _hyphen_compounds(
    doc: Doc, hyphens: np.ndarray, lexicon: PolarityLexicon, polar: np.ndarray, valence: np.ndarray
) -> None:
    """Give the parts of "ill-fated", which spaCy splits in three, the compound's lexicon codes."""
    for i in hyphens.tolist():
        token = doc[i]
        if token.i == 0 or token.i + 1 >= len(doc):
            continue
        left = doc[token.i - 1]
        if left.whitespace_ or token.whitespace_:
            continue
        word = f"{left.lower_}-{doc[token.i + 1].lower_}"
        compound = np.array([hash_string(word)], dtype=np.uint64)
        code, score = lexicon.codes(compound, compound)[0], lexicon.valence(compound, compound)[0]
        parts = slice(token.i - 1, token.i + 2)
        if code:
            polar[parts] = code
        if score:
            valence[parts] = score


def _sentence_bags(
    low: np.ndarray,
    polar: np.ndarray,
    is_space: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    bags: list[np.ndarray] = []
    ptr = [0]
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        words = low[start:end][~is_space[start:end]]
        if len(words) == 0:
            words = low[start:end]
        n_polar = int(np.count_nonzero(polar[start:end]))
        summary = np.array([len(words) // 8, n_polar if n_polar < 4 else 4,
                            int(_QUESTION in words), int(_EXCLAIM in words)], dtype=np.uint64)  # fmt: skip
        keys = np.concatenate([
            np.unique(_mix(100, words)),
            _mix(101, summary[:1]), _mix(102, summary[1:2]), _mix(103, summary[2:3]), _mix(104, summary[3:4]),
            _mix(105, words[:1]),
        ])  # fmt: skip
        bags.append(keys)
        ptr.append(ptr[-1] + len(keys))
    return np.concatenate(bags), np.array(ptr, dtype=np.int64)
