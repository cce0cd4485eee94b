"""A record's text cut into segments for the document page, each with the spans that cover it.

Actor mentions, time expressions, framing spans, event sentences and event triggers overlap freely,
so the text is cut at every span boundary and each piece carries the classes of all the spans over
it (``act``, ``tx``, ``fr``, ``fr-positive``/``fr-negative``; ``sent`` and ``s3`` for event 3's sentence,
``trg`` and ``t3`` for its trigger). The page's script highlights an event's evidence by those classes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from dragoman.record import Record


@dataclass(slots=True)
class Segment:
    """A stretch ``[start, end)`` of the text and what covers it."""

    start: int
    end: int
    text: str
    classes: list[str] = field(default_factory=list)
    actor: str | None = None
    titles: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        """The segment's classes, space-separated."""
        return " ".join(self.classes)

    @property
    def title(self) -> str:
        """What the segment's spans are, one per line (a tooltip)."""
        return "\n".join(dict.fromkeys(self.titles))


def segments(record: Record) -> list[Segment]:
    """``record.text`` cut at every span boundary, in order; the pieces cover the text exactly."""
    text = record.text
    n = len(text)
    spans: list[tuple[int, int, str, str | None, str]] = []  # start, end, class, actor, title

    def add(start: int, end: int, css: str, actor: str | None = None, title: str = "") -> None:
        start, end = max(0, start), min(n, end)
        if start < end:
            spans.append((start, end, css, actor, title))

    for m in record.mentions:
        if m.actor:
            name = (record.actors.get(m.actor) or {}).get("name") or m.actor
            add(m.start, m.end, "act", m.actor, f"{name} ({m.actor}) · {m.via}")
    for t in record.timexes:
        add(t.start, t.end, "tx", None, f"{t.type} {t.value}")
    for f in record.framing:
        tone = f" {f.polarity} toward {f.target}" if f.polarity and f.target else ""
        add(f.start, f.end, "fr" + (f" fr-{f.polarity}" if f.polarity else ""), None, f"{f.technique}{tone}")
    for i, e in enumerate(record.events):
        add(e.sentence[0], e.sentence[1], f"sent s{i}")
        add(e.trigger[0], e.trigger[1], f"trg t{i}", None, f"event {i + 1}: {e.type}")
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    pieces = [Segment(a, b, text[a:b]) for a, b in pairwise(cuts)]
    starts = [p.start for p in pieces]
    for start, end, css, actor, title in spans:
        at = bisect_left(starts, start)
        while at < len(pieces) and pieces[at].start < end:
            piece = pieces[at]
            for c in css.split():
                if c not in piece.classes:
                    piece.classes.append(c)
            if actor and piece.actor is None:
                piece.actor = actor
            if title:
                piece.titles.append(title)
            at += 1
    return pieces


def event_items(record: Record) -> list[dict[str, Any]]:
    """The record's events for the side list: index, type, parties by name, date, place, factuality."""

    def name(actor_id: str) -> str:
        return (record.actors.get(actor_id) or {}).get("name") or actor_id

    return [
        {
            "idx": i,
            "type": e.type,
            "mode": e.mode,
            "source": [(a, name(a)) for a in e.source],
            "target": [(a, name(a)) for a in e.target],
            "date": e.date,
            "location": name(e.location) if e.location else None,
            "factuality": e.factuality,
            "attributed_to": e.attributed_to,
            "trigger_text": e.trigger_text,
            "intensity": e.intensity,
            "confidence": e.confidence,
        }
        for i, e in enumerate(record.events)
    ]
