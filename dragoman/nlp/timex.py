"""The ``dragoman_timex`` spaCy component: TIMEX3 expressions normalised against ``doc._.dct``.

A thin wrapper over :mod:`dragoman.time`. Like every Dragoman component (one module per step
under ``dragoman/nlp/``), it computes its annotations first and sets them second, in the manner
of spaCy's own ``SpanRuler``. Importing this module registers the factory with spaCy's registry
(a name only: nothing is loaded and no extension is set until a pipeline is built).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.nlp.extensions import register_extensions
from dragoman.record import Timex
from dragoman.time import tag_timexes


class TimexTagger:
    """Finds TIMEX3 expressions and normalises them against ``doc._.dct`` (the publication date)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def match(self, doc: Doc) -> list[Timex]:
        """Return the document's temporal expressions without modifying it."""
        return tag_timexes(doc.text, doc._.dct, doc)

    def set_annotations(self, doc: Doc, timexes: list[Timex]) -> None:
        """Store ``timexes`` on ``doc._.timexes``."""
        doc._.timexes = timexes

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory(
    "dragoman_timex",
    assigns=["doc._.timexes"],
    requires=["doc._.dct"],
    default_config={},
)
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Factory of the ``dragoman_timex`` component."""
    return TimexTagger(nlp, name)
