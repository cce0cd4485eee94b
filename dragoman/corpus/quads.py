"""PLOVER quad classes and who an event relates to whom: shared by dyads and the network."""

from __future__ import annotations

from collections.abc import Iterator

from dragoman.events.lexicon import QUAD
from dragoman.store.corpus import EventFact

#: Quad class number → name, as the PLOVER manual groups event types.
QUAD_NAMES = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}


def quad_name(event_type: str) -> str:
    """The quad class name of a PLOVER event type (``CONSULT`` → ``verbal_cooperation``)."""
    return QUAD_NAMES[QUAD[event_type]]


def directed_pairs(fact: EventFact) -> Iterator[tuple[str, str, bool]]:
    """``(actor, recipient, mutual)`` for each pair of actors the event relates.

    Each source acts on each target. An event with several sources and no target (a meeting,
    which PLOVER codes with all its parties as the actor) relates every two of them, ``mutual``
    and yielded once per unordered pair, in id order.
    """
    if fact.target:
        for s in fact.source:
            for t in fact.target:
                if s != t:
                    yield s, t, False
    elif len(fact.source) > 1:
        parties = sorted(set(fact.source))
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                yield a, b, True
