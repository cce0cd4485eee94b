"""Framing: persuasion-technique spans (the 14 PTC techniques), whom they target, and their tone.

One stage of the pipeline, in the manner of :mod:`dragoman.time`: the logic lives here and the
``dragoman_framing`` component (:mod:`dragoman.nlp.framing`) only wraps it.

* :func:`detect_framing` — a parsed Doc → :class:`~dragoman.record.FramingSpan` list;
* :func:`framing_summary` — a Record or Doc → per actor, the spans that praise or attack it.

The technique model is a set of logistic regressions over spaCy token and sentence features
(:mod:`dragoman.framing.model`), fitted offline on the PTC by :mod:`dragoman.framing.train`
(``data/MODEL.md`` says on what, and how well it does on held-out articles).
"""

from dragoman.framing.detect import detect_framing
from dragoman.framing.summary import ActorTone, framing_summary

__all__ = ["ActorTone", "detect_framing", "framing_summary"]
