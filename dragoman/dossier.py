"""An actor's dossier: what the knowledge base says of it and where the corpus mentions it."""

from __future__ import annotations

from dataclasses import dataclass

from dragoman.kb import Office, load_kb
from dragoman.store import ActorMention, ActorSummary, Store


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
    """

    actor: ActorSummary
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]
    names: list[tuple[str, int]]
    documents: list[tuple[str, str | None, str | None, int]]
    mentions: list[ActorMention]


def actor_dossier(store: Store, actor_id: str, *, mention_limit: int = 20) -> Dossier | None:
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
    )
