"""The knowledge base's records: actors, their offices, and lookup candidates.

These are plain frozen values, built once when the knowledge base loads; the linker passes them around
and the record serialises the few fields it needs (``id``, ``name``, ``kind``, ``country``, ``sector``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

#: what an actor is; ``location`` is for places that are not countries (a capital used as a place)
ActorKind = Literal["country", "person", "igo", "organization", "group", "location"]

#: how a lookup reached an actor, best first (the order `KnowledgeBase.lookup` sorts by)
VIA_ORDER: tuple[str, ...] = (
    "name",
    "alias",
    "acronym",
    "historical",
    "demonym",
    "capital",
    "seat",
    "region",
    "surname",
)


@dataclass(frozen=True)
class Office:
    """A position an actor held, and when.

    Attributes:
        role: the office in the role vocabulary ("president", "prime minister", …), or ``None`` where the
            source gives only a CAMEO code (the Phoenix dictionaries).
        of: the ISO 3166 alpha-3 code of the country, or the id of the organisation, the office belongs to.
        start: first day in office, or ``None`` when unknown or open-ended in the past.
        end: the day the office passed to someone else (so ``start <= day < end`` is "in office"),
            or ``None`` while it is held.
        sector: the PLOVER sector of the office (``GOV``, ``MIL``, ``ELI``, …), or ``None``.
        source: where the fact comes from.
        uncertain: ``True`` when the dates, or whether the office is still held, could not be checked.
        code: the CAMEO actor code the Phoenix dictionaries gave (e.g. ``AZEGOV``), or ``None``.
    """

    role: str | None
    of: str
    start: date | None
    end: date | None
    sector: str | None
    source: str
    uncertain: bool = False
    code: str | None = None

    def held_on(self, day: date) -> bool:
        """Whether the office was held on ``day`` (start inclusive, end exclusive)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    """A country, person, international organisation, organisation or armed group.

    Attributes:
        id: stable KB id: ISO 3166 alpha-3 for countries (``AZE``), an acronym or slug for
            organisations (``NATO``, ``board-of-peace``), a slug for people (``ilham-aliyev``).
        kind: ``country``, ``person``, ``igo``, ``organization``, ``group`` or ``location``.
        name: the display name.
        country: ISO alpha-3 of the actor's country, or ``None`` (IGOs, transnational groups).
        sector: PLOVER sector (``GOV``, ``REB``, …) or ``None``.
        aliases: other names the actor goes by (not demonyms or metonyms).
        offices: positions held, oldest first.
    """

    id: str
    kind: str
    name: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One actor a surface text may refer to.

    Attributes:
        actor_id: the KB id.
        via: how the text names it: ``name``, ``alias``, ``acronym``, ``demonym``, ``capital``, ``seat``,
            ``surname`` or ``historical``.
        sector: the sector the text implies, where it implies one ("the Pentagon" → ``MIL``), else ``None``.
    """

    actor_id: str
    via: str
    sector: str | None = None
