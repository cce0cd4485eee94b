"""From a parsed Doc to its framing spans: techniques, then targets and tone.

Besides the model's spans, an attacking adjective of our own lexicon ("ill-fated", "sinister",
``data/polarity.tsv``) is always Loaded_Language: such words are loaded language by definition,
and the model, fitted on a corpus where many of them never occur, may rate one too low. On the
PTC ``train`` split (out of fold), the ones the model leaves out raise Loaded_Language recall from
0.250 to 0.269 and leave its F1 as it was (0.198 against 0.199): a coverage rule, not a gain.
Their confidence goes through Loaded_Language's calibration like the model's own spans.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

from dragoman.framing.features import doc_features
from dragoman.framing.lexicon import NEGATIVE, PolarityLexicon, load_lexicon
from dragoman.framing.model import RawSpan, TechniqueModel, load_model
from dragoman.framing.targets import MentionIndex, target_and_tone
from dragoman.record import FramingSpan


def detect_framing(
    doc: Doc, model: TechniqueModel | None = None, lexicon: PolarityLexicon | None = None
) -> list[FramingSpan]:
    """The persuasion-technique spans of ``doc``, each with its target actor and tone.

    Args:
        doc: a Doc with tags and a dependency parse; ``doc._.actor_mentions`` (from
            ``dragoman_actors``) supplies the targets where present.
        model: the technique model (default: the shipped one).
        lexicon: the evaluative-word lexicon (default: the shipped one).

    Returns:
        Spans sorted by offset, each with the sentence(s) it lies in; ``target``/``polarity``
        are ``None`` where no actor is found.
    """
    model = model or load_model()
    lexicon = lexicon or load_lexicon()
    if len(doc) == 0:
        return []
    feats = doc_features(doc, lexicon)
    probs = model.probabilities(feats)
    raw = model.decode(doc, feats, probs)
    if LOADED in model.techniques:
        k = model.techniques.index(LOADED)
        raw += [
            (technique, start, end, model.calibrated(k, score))
            for technique, start, end, score in _attacking_adjectives(doc, lexicon, probs[:, k], raw)
        ]
    index = MentionIndex.of(doc)
    text = doc.text  # a property that joins every token: read once
    spans = []
    for technique, start, end, confidence in raw:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and all(t.is_stop or t.is_punct for t in span):
            continue  # "of", "This": function words carry no technique of their own
        target = polarity = None
        if span is not None and len(span):
            target, polarity = target_and_tone(span, index, lexicon)
        sentence = (index.sentence_chars(start)[0], index.sentence_chars(max(start, end - 1))[1])
        sentence = (sentence[0], sentence[0] + len(text[sentence[0] : sentence[1]].rstrip()))
        spans.append(
            FramingSpan(
                start, end, text[start:end], technique, round(confidence, 3), target, polarity, sentence
            )
        )
    spans.sort(key=lambda s: (s.start, s.end, s.technique))
    return spans


LOADED = "Loaded_Language"
_HYPHEN = hash_string("-")


def _attacking_adjectives(
    doc: Doc, lexicon: PolarityLexicon, probs: np.ndarray, found: list[RawSpan]
) -> list[RawSpan]:
    """Loaded_Language spans for the lexicon's attacking adjectives the model left out."""
    covered = [(start, end) for technique, start, end, _ in found if technique == LOADED]
    spans: list[RawSpan] = []
    low = doc.to_array([LOWER, LEMMA])
    candidates = np.flatnonzero((lexicon.codes(low[:, 0], low[:, 1]) == 2) | (low[:, 0] == _HYPHEN))
    for token in (doc[int(i)] for i in candidates):
        first = last = token
        if token.text == "-" and 0 < token.i < len(doc) - 1 and not doc[token.i - 1].whitespace_:
            first, last = doc[token.i - 1], doc[token.i + 1]
            word = f"{first.lower_}-{last.lower_}" if not token.whitespace_ else ""
            adjective = last.dep_ == "amod" or last.pos_ == "ADJ"
        else:
            word = token.lower_
            adjective = token.pos_ == "ADJ" and not (token.i + 1 < len(doc) and doc[token.i + 1].text == "-")
            adjective = adjective and not (token.i > 0 and doc[token.i - 1].text == "-")
        if not adjective or lexicon.polarity(word) != NEGATIVE:
            continue
        start, end = first.idx, last.idx + len(last)
        if any(s < end and start < e for s, e in covered):
            continue
        spans.append((LOADED, start, end, float(probs[first.i : last.i + 1].max())))
        covered.append((start, end))
    return spans
