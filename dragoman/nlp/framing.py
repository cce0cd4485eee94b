"""The ``dragoman_framing`` spaCy component: persuasion-technique spans, their targets and tone.

A thin wrapper over :mod:`dragoman.framing`. It goes after ``dragoman_actors`` (targets are the
actors of ``doc._.actor_mentions``); like every Dragoman component it computes first
(:meth:`FramingTagger.match`) and writes second (:meth:`FramingTagger.set_annotations`).
Importing this module registers the factory by name only: the model is loaded when a pipeline
adds the component.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.framing.detect import detect_framing
from dragoman.framing.lexicon import load_lexicon
from dragoman.framing.model import TechniqueModel, load_model
from dragoman.nlp.extensions import register_extensions
from dragoman.record import FramingSpan


class FramingTagger:
    """Finds technique spans (:class:`~dragoman.record.FramingSpan`) and sets ``doc._.framing``."""

    def __init__(self, nlp: Language, name: str, model_path: str | None = None) -> None:
        self.name = name
        register_extensions()
        self.model = TechniqueModel.load(Path(model_path)) if model_path else load_model()
        self.lexicon = load_lexicon()

    def match(self, doc: Doc) -> list[FramingSpan]:
        """Return the document's framing spans without modifying it."""
        return detect_framing(doc, self.model, self.lexicon)

    def set_annotations(self, doc: Doc, spans: list[FramingSpan]) -> None:
        """Store ``spans`` on ``doc._.framing``."""
        doc._.framing = spans

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory(
    "dragoman_framing",
    assigns=["doc._.framing"],
    requires=["token.dep", "token.tag", "doc._.actor_mentions"],
    default_config={"model_path": None},
)
def make_framing_tagger(nlp: Language, name: str, model_path: str | None) -> FramingTagger:
    """Factory of the ``dragoman_framing`` component (``model_path``: another fitted model)."""
    return FramingTagger(nlp, name, model_path)


#: Dragoman components whose results ``dragoman_framing`` reads (targets come from the actors).
NEEDED_COMPONENTS = ("dragoman_actors", "dragoman_framing")


def unused_components(nlp: Language) -> list[str]:
    """Dragoman's components in ``nlp`` that framing does not read (to skip when only framing is
    wanted: its spans are the same with or without them)."""
    from dragoman.nlp.pipeline import DRAGOMAN_COMPONENTS

    return [name for name in nlp.pipe_names if name in DRAGOMAN_COMPONENTS and name not in NEEDED_COMPONENTS]
