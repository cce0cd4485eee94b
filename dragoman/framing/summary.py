"""Per document: whom the framing praises and whom it attacks, with the spans as evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from dragoman.framing.lexicon import NEGATIVE, POSITIVE
from dragoman.record import FramingSpan, Record


@dataclass(slots=True)
class ActorTone:
    """The framing spans that praise (``positive``) or attack (``negative``) one actor."""

    actor: str
    name: str | None
    praise: list[FramingSpan] = field(default_factory=list)
    attack: list[FramingSpan] = field(default_factory=list)

    @property
    def n_praise(self) -> int:
        return len(self.praise)

    @property
    def n_attack(self) -> int:
        return len(self.attack)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: counts, and each span's offsets, text and technique as evidence."""

        def evidence(spans: list[FramingSpan]) -> list[dict[str, Any]]:
            return [{"start": s.start, "end": s.end, "text": s.text, "technique": s.technique} for s in spans]

        return {"actor": self.actor, "name": self.name, "praise": self.n_praise, "attack": self.n_attack,
                "evidence": {"praise": evidence(self.praise), "attack": evidence(self.attack)}}  # fmt: skip


def summarise_spans(spans: Iterable[FramingSpan], actors: dict[str, dict[str, Any]]) -> dict[str, ActorTone]:
    """Group spans with a target and a polarity by actor (most framed actors first)."""
    tones: dict[str, ActorTone] = {}
    for span in spans:
        if span.target is None or span.polarity not in (POSITIVE, NEGATIVE):
            continue
        entry = tones.get(span.target)
        if entry is None:
            name = (actors.get(span.target) or {}).get("name")
            entry = tones[span.target] = ActorTone(span.target, name)
        (entry.praise if span.polarity == POSITIVE else entry.attack).append(span)
    order = sorted(tones.values(), key=lambda t: (-(t.n_praise + t.n_attack), t.actor))
    return {t.actor: t for t in order}


def framing_summary(record_or_doc: Record | Doc) -> dict[str, ActorTone]:
    """Whom a document's framing praises and attacks.

    Args:
        record_or_doc: an extraction :class:`~dragoman.record.Record` or a Doc that went through
            ``dragoman_framing``.

    Returns:
        Actor id → :class:`ActorTone` (counts via ``n_praise``/``n_attack``, spans as evidence).
    """
    if isinstance(record_or_doc, Doc):
        return summarise_spans(record_or_doc._.framing or [], record_or_doc._.actors or {})
    return summarise_spans(record_or_doc.framing, record_or_doc.actors)
