"""From a parsed Doc to its framing spans: techniques, then targets and tone."""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.framing.features import doc_features
from dragoman.framing.lexicon import PolarityLexicon, load_lexicon
from dragoman.framing.model import TechniqueModel, load_model
from dragoman.framing.targets import MentionIndex, find_polarity, find_target
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
        Spans sorted by offset; ``target``/``polarity`` are ``None`` where no actor is found.
    """
    model = model or load_model()
    lexicon = lexicon or load_lexicon()
    if len(doc) == 0:
        return []
    feats = doc_features(doc, lexicon)
    raw = model.decode(doc, feats, model.probabilities(feats))
    index = MentionIndex.of(doc)
    text = doc.text  # a property that joins every token: read once
    spans = []
    for technique, start, end, confidence in raw:
        span = doc.char_span(start, end, alignment_mode="expand")
        target = polarity = None
        if span is not None and len(span):
            target = find_target(span, index)
            polarity = find_polarity(span, technique, lexicon) if target else None
        spans.append(
            FramingSpan(start, end, text[start:end], technique, round(confidence, 3), target, polarity)
        )
    spans.sort(key=lambda s: (s.start, s.end, s.technique))
    return spans
