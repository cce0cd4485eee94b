"""The ``dragoman_events`` spaCy component: PLOVER/CAMEO events with actors, date, place and factuality.

A thin wrapper over :mod:`dragoman.events`; it runs after ``dragoman_actors`` and ``dragoman_timex``,
whose annotations it reads. Importing this module registers the factory (a name only).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.events.extractor import EventCoder
from dragoman.nlp.extensions import register_extensions
from dragoman.record import Event


class EventTagger:
    """Finds and codes the events of a parsed document (see :class:`dragoman.events.extractor.EventCoder`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        self.coder = EventCoder()

    def match(self, doc: Doc) -> tuple[list[Event], dict[str, dict]]:
        """Return the document's events, and actors they name that ``doc._.actors`` lacks, without
        modifying the document."""
        return self.coder.events(doc)

    def set_annotations(self, doc: Doc, found: tuple[list[Event], dict[str, dict]]) -> None:
        """Store the events on ``doc._.events`` and add the actors they name to ``doc._.actors``."""
        events, actors = found
        doc._.events = events
        if actors:
            doc._.actors = {**(doc._.actors or {}), **actors}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory(
    "dragoman_events",
    assigns=["doc._.events", "doc._.actors"],
    requires=["doc._.actor_mentions", "doc._.actors", "doc._.timexes", "token.dep"],
    default_config={},
)
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    """Factory of the ``dragoman_events`` component."""
    return EventTagger(nlp, name)
