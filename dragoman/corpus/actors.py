"""One actor across documents: how a document's local actors become corpus actors.

Mentions linked to a knowledge-base actor already share its id (``AZE``, ``ilham-aliyev``). An
actor the KB does not know gets a document-local id from its kind and normalised name
(``person:jane-smith``, ``org:acme-corp``); across documents those are merged by **normalised
name, kind and country**:

- same name and kind, same country (or one side's country unknown and one candidate) → merged;
- same name and kind, different known countries → kept apart: the newcomer's id gets the country
  (``person:jane-smith~gbr``);
- a user's split (``dragoman unmerge``) → that document's actor keeps an id of its own
  (``person:jane-smith~d41d8cd9``), also when the document is ingested again.

Every decision is recorded in ``actor_merges`` (document, local id, corpus id, name, kind,
country, rule), so each merge can be listed and undone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from dragoman.record import Record

#: Separates an actor's base id from what tells same-named actors apart.
SPLIT_MARK = "~"

# Rules, as recorded in actor_merges.rule.
NEW = "new"
SAME_COUNTRY = "name+kind+country"
COUNTRY_UNKNOWN = "name+kind, a country unknown"
AMBIGUOUS = "name+kind, country unknown, several candidates: the first"
OTHER_COUNTRY = "new: same name and kind, another country"
SPLIT = "split by the user"


@dataclass(frozen=True, slots=True)
class Merge:
    """One document-local actor and the corpus actor it was stored as."""

    doc_id: str
    local_id: str
    actor_id: str
    name: str
    kind: str | None
    country: str | None
    rule: str

    @property
    def merged(self) -> bool:
        """True when it joined an actor another document had already named."""
        return self.rule not in (NEW, OTHER_COUNTRY, SPLIT)


#: ``{corpus id: country}`` of the stored actors sharing a base id (``person:jane-smith`` and
#: ``person:jane-smith~gbr``), as the store answers it.
Candidates = Callable[[str], Mapping[str, str | None]]


def plan_merges(record: Record, candidates: Candidates, splits: set[str]) -> list[Merge]:
    """The corpus id of each of ``record``'s document-local actors.

    Args:
        record: the record about to be stored.
        candidates: the stored actors sharing a base id, with their countries.
        splits: the local ids a user split off in this document.
    """
    merges = []
    for local_id, actor in record.actors.items():
        if actor.get("kb_id"):
            continue
        name, kind, country = actor.get("name") or local_id, actor.get("kind"), actor.get("country")
        if local_id in splits:
            actor_id, rule = split_id(local_id, record.id), SPLIT
        else:
            actor_id, rule = choose_id(local_id, country, candidates(local_id))
        merges.append(Merge(record.id, local_id, actor_id, name, kind, country, rule))
    return merges


def split_id(local_id: str, doc_id: str) -> str:
    """The id of ``local_id`` split off in document ``doc_id``: ``person:jane-smith~d41d8cd9``."""
    return f"{base_id(local_id)}{SPLIT_MARK}{doc_id[:8].lower()}"


def base_id(actor_id: str) -> str:
    """``person:jane-smith~gbr`` → ``person:jane-smith``."""
    return actor_id.split(SPLIT_MARK, 1)[0]


def choose_id(local_id: str, country: str | None, found: Mapping[str, str | None]) -> tuple[str, str]:
    """The corpus id (and rule) of a local actor of ``country``, given the stored ``found`` ones."""
    if not found:
        return local_id, NEW
    if country:
        same = sorted(i for i, c in found.items() if c == country)
        if same:
            return same[0], SAME_COUNTRY
        unknown = sorted(i for i, c in found.items() if c is None)
        if len(found) == 1 and unknown:
            return unknown[0], COUNTRY_UNKNOWN
        return f"{base_id(local_id)}{SPLIT_MARK}{country.lower()}", OTHER_COUNTRY
    if len(found) == 1:
        return next(iter(found)), COUNTRY_UNKNOWN
    return (local_id if local_id in found else sorted(found)[0]), AMBIGUOUS


def remap_actors(record: Record, mapping: Mapping[str, str]) -> Record:
    """``record`` with every actor id in ``mapping`` replaced (actors, mentions, events, framing)."""
    changed = {k: v for k, v in mapping.items() if k != v}
    if not changed:
        return record

    def one(actor_id: str | None) -> str | None:
        return changed.get(actor_id, actor_id) if actor_id is not None else None

    def many(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(changed.get(i, i) for i in ids)

    actors: dict[str, dict[str, Any]] = {}
    for actor_id, actor in record.actors.items():
        actors[changed.get(actor_id, actor_id)] = actor
    return replace(
        record,
        actors=actors,
        entities=[replace(e, actor=one(e.actor)) for e in record.entities],
        mentions=[replace(m, actor=one(m.actor), alternatives=many(m.alternatives)) for m in record.mentions],
        events=[
            replace(
                e,
                source=many(e.source),
                target=many(e.target),
                location=one(e.location),
                attributed_actor=one(e.attributed_actor),
            )
            for e in record.events
        ],
        framing=[replace(f, target=one(f.target)) for f in record.framing],
    )
