"""An actor's dossier: what the knowledge base says of it and where the corpus mentions it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dragoman.corpus.graph import DyadTotal, partners
from dragoman.kb import Office, load_kb
from dragoman.store import ActorMention, ActorSummary, EventRow, Store


@dataclass(frozen=True, slots=True)
class Dossier:
    """Everything ``dragoman actor ID`` shows.

    Attributes:
        actor: the stored actor with its mention and document counts.
        aliases: other names the knowledge base knows it by (empty for document-local actors).
        offices: its dated offices from the knowledge base, oldest first.
        names: the surface forms that name it in the corpus, with counts.
        documents: (id, title, date, mentions) of the documents that name it, newest first.
        mentions: its mentions with their context, newest document first.
        partners: the actors it has most events with (asserted ones), ``a`` being this actor.
        timeline: its latest events (any factuality), oldest first: one row per event (the
            earliest report of each cluster) with the number of reports of it.
    """

    actor: ActorSummary
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]
    names: list[tuple[str, int]]
    documents: list[tuple[str, str | None, str | None, int]]
    mentions: list[ActorMention]
    partners: list[DyadTotal] = field(default_factory=list)
    timeline: list[tuple[EventRow, int]] = field(default_factory=list)


def actor_dossier(
    store: Store, actor_id: str, *, mention_limit: int = 20, partner_limit: int = 10, timeline_limit: int = 50
) -> Dossier | None:
    """The dossier of ``actor_id`` (a KB id such as ``AZE`` or a stored local id), or ``None``."""
    actor = store.actor(actor_id)
    if actor is None:
        return None
    known = load_kb().actor(actor.kb_id) if actor.kb_id else None
    return Dossier(
        actor=actor,
        aliases=known.aliases if known else (),
        offices=known.offices if known else (),
        names=store.actor_names(actor_id),
        documents=store.actor_documents(actor_id),
        mentions=store.actor_mentions(actor_id, limit=mention_limit),
        partners=partners(store, actor_id, partner_limit),
        timeline=timeline(store, actor_id, timeline_limit),
    )


def timeline(store: Store, actor_id: str, limit: int = 50) -> list[tuple[EventRow, int]]:
    """``actor_id``'s latest ``limit`` events, oldest first, each as its earliest report and its
    number of reports."""
    reports: dict[str, list[str]] = defaultdict(list)
    for fact in store.event_facts(actor=[actor_id]):
        reports[fact.cluster_id].append(fact.key)
    # A cluster is named after its earliest report: show that one when the actor is in it.
    shown = {(c if c in keys else keys[0]): len(keys) for c, keys in reports.items()}
    rows = store.event_rows(sorted(shown))
    return [(row, shown[f"{row.doc_id}:{row.idx}"]) for row in rows][-limit:] if limit else []
