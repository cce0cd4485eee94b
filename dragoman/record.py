"""The extraction record (contract version 1, see ``DESIGN.md``) and the value types inside it.

A :class:`Record` is what ``dragoman extract`` prints (one JSON object per document) and what the
store keeps. Offsets are character offsets into ``Record.text``. Fields may be added; none may
change meaning without bumping :data:`RECORD_VERSION`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

RECORD_VERSION = 1

#: Languages Dragoman codes; documents detected as another language are stored and flagged
#: (``language`` holds the code), not analysed.
CODED_LANGUAGES = frozenset({"en"})

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

#: The 16 PLOVER 0.8 event types, in the manual's order (cooperation first, then conflict).
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: How the text presents an event: as fact, as someone's claim, as a possibility, as a plan or
#: intention, or as something that did not happen.
FACTUALITIES = ("asserted", "attributed", "hypothetical", "future", "negated")

#: The techniques of the Propaganda Techniques Corpus (names as in ``DESIGN.md``).
FRAMING_TECHNIQUES = (
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt",
    "Exaggeration,Minimisation", "Appeal_to_fear-prejudice", "Flag-Waving",
    "Causal_Oversimplification", "Appeal_to_Authority", "Slogans",
    "Whataboutism,Straw_Men,Red_Herring", "Black-and-White_Fallacy",
    "Thought-terminating_Cliches", "Bandwagon,Reductio_ad_hitlerum",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span as the statistical NER found it (OntoNotes ``label``)."""

    start: int
    end: int
    text: str
    label: str
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to an actor, and how it was linked.

    Named entities, role descriptions ("the U.S. president"), metonyms ("Baku is joining") and the
    parts of compounds ("Azerbaijani-Chinese") each give a mention. ``actor`` is the chosen actor id
    (``None`` when nothing could be chosen); ``alternatives`` the other ids it may refer to, so that
    ambiguity is recorded, never silently guessed; ``via`` says how it was linked (``name``, ``alias``,
    ``acronym``, ``demonym``, ``capital``, ``seat``, ``surname``, ``coreference``, ``role``,
    ``compound``, ``unlinked``); ``role`` the office a role description named; ``sector`` a sector
    the mention implies ("the Pentagon" → MIL, "Russian troops" → MIL).
    """

    start: int
    end: int
    text: str
    actor: str | None
    via: str
    confidence: float
    alternatives: tuple[str, ...] = ()
    role: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 temporal expression with its value normalised against the publication date.

    ``type`` is one of :data:`TIMEX_TYPES`; ``value`` a TIMEX3 value such as ``2026-01-15``,
    ``2025-10``, ``2026-W03``, ``P3Y``, ``PRESENT_REF`` or ``XXXX-XX-XX`` when it cannot be resolved.
    ``mod`` is the TIMEX3 modifier (``APPROX``, ``START``, ``BEFORE``, …) where one applies.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where, as one sentence tells it, with its evidence.

    ``type``/``mode``/``context``: PLOVER 0.8; ``cameo``: the CAMEO code where one applies;
    ``intensity``: the PLOVER score of the type/mode (−10 … +10, conflict negative).
    ``source``/``target``: actor ids (keys of ``Record.actors``), several for compound actors.
    ``sentence``/``trigger``: ``[start, end)`` offsets of the sentence and of the word(s) that
    express the event (``trigger_text``). ``date``: a TIMEX3-style value from a time expression
    in the clause (its offsets in ``date_span``), else the publication date; ``date_precision``
    is ``day``, ``week``, ``month``, ``quarter``, ``year`` or ``decade``. ``location``: the id of
    a place actor (with country and coordinates in ``Record.actors``). ``factuality``: one of
    :data:`FACTUALITIES`; ``attributed_to``: who or what the claim or quotation is credited to
    as written ("analysts", "Trump"), ``attributed_actor`` its actor id where it is one, and
    ``quote`` the offsets of a direct quotation the event comes from.
    """

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    trigger_text: str
    factuality: str = "asserted"
    confidence: float = 0.5
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    intensity: float | None = None
    date: str | None = None
    date_precision: str | None = None
    date_span: tuple[int, int] | None = None
    location: str | None = None
    attributed_to: str | None = None
    attributed_actor: str | None = None
    quote: tuple[int, int] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from its JSON form (lists back to tuples; extra keys ignored)."""
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("source", "target", "sentence", "trigger", "context", "date_span", "quote"):
            if values.get(key) is not None:
                values[key] = tuple(values[key])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class FramingSpan:
    """A persuasion technique at ``[start, end)``, and the actor it praises or attacks.

    ``technique``: one of :data:`FRAMING_TECHNIQUES`; ``target``: an actor id (a key of
    ``Record.actors``) or ``None``; ``polarity``: ``positive`` (praise), ``negative`` (attack)
    or ``None`` where the span has no target or no clear tone; ``sentence``: ``[start, end)`` of
    the sentence(s) the span lies in, its evidence (``None`` in records written before it existed).
    """

    start: int
    end: int
    text: str
    technique: str
    confidence: float
    target: str | None = None
    polarity: str | None = None
    sentence: tuple[int, int] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FramingSpan:
        """Rebuild a span from its JSON form (``sentence`` back to a tuple; extra keys ignored)."""
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if values.get("sentence") is not None:
            values["sentence"] = tuple(values["sentence"])
        return cls(**values)


@dataclass(slots=True)
class Record:
    """One document's extraction record (contract version 1)."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str | None = None
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    version: int = RECORD_VERSION

    @property
    def coded(self) -> bool:
        """Whether the document is analysed: English, or too short for its language to be detected."""
        return is_coded(self.language)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, ``version`` first and ``text`` before the annotations."""
        data = asdict(self)
        ordered: dict[str, Any] = {"version": data.pop("version")}
        ordered.update(data)
        return ordered

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a record from :meth:`to_dict` output (extra keys are ignored)."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["entities"] = [Entity(**e) for e in data.get("entities", [])]
        values["mentions"] = [
            Mention(**{**m, "alternatives": tuple(m.get("alternatives", ()))})
            for m in data.get("mentions", [])
        ]
        values["timexes"] = [Timex(**t) for t in data.get("timexes", [])]
        values["events"] = [Event.from_dict(e) for e in data.get("events", [])]
        values["framing"] = [FramingSpan.from_dict(f) for f in data.get("framing", [])]
        return cls(**values)


def is_coded(language: str | None) -> bool:
    """Whether a document in ``language`` is analysed (undetected language counts as English)."""
    return language is None or language in CODED_LANGUAGES


def parse_date(value: str | None) -> dt.date | None:
    """``"2026-01-20"`` (or an ISO datetime) → ``date``; ``None`` or unparseable → ``None``."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
