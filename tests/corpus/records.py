"""Hand-made records for the corpus-analysis tests: a few actors and events with known answers."""

from __future__ import annotations

from dragoman.record import Event, Record

ACTORS = {
    "USA": {"name": "United States", "kind": "country", "country": "USA", "kb_id": "USA"},
    "AZE": {"name": "Azerbaijan", "kind": "country", "country": "AZE", "kb_id": "AZE"},
    "ARM": {"name": "Armenia", "kind": "country", "country": "ARM", "kb_id": "ARM"},
    "donald-trump": {"name": "Donald Trump", "kind": "person", "country": "USA", "kb_id": "donald-trump"},
    "ilham-aliyev": {"name": "Ilham Aliyev", "kind": "person", "country": "AZE", "kb_id": "ilham-aliyev"},
    "baku": {"name": "Baku", "kind": "location", "country": "AZE", "kb_id": "baku"},
    "paris": {"name": "Paris", "kind": "location", "country": "FRA", "kb_id": "paris"},
}

TEXT = "Officials said the two sides met and talked at length about many things that week."


def event(
    type_: str,
    source: tuple[str, ...],
    target: tuple[str, ...],
    date: str | None,
    *,
    factuality: str = "asserted",
    trigger: str = "met",
    cameo: str | None = None,
    intensity: float | None = 2.5,
    location: str | None = None,
) -> Event:
    """An event of the sentence :data:`TEXT` (offsets are valid whatever the fields)."""
    return Event(
        type=type_,
        source=source,
        target=target,
        sentence=(0, len(TEXT)),
        trigger=(33, 36),
        trigger_text=trigger,
        factuality=factuality,
        confidence=0.7,
        cameo=cameo,
        intensity=intensity,
        date=date,
        location=location,
    )


def record(doc_id: str, date: str | None, events: list[Event], actors: dict | None = None) -> Record:
    """A document of :data:`TEXT` with ``events``; its content hash is its id."""
    return Record(
        id=doc_id,
        text=TEXT,
        title=f"Title {doc_id}",
        date=date,
        source=f"Outlet {doc_id[-1]}",
        language="en",
        content_hash=doc_id.ljust(64, "0")[:64],
        actors=dict(actors if actors is not None else ACTORS),
        events=events,
    )
