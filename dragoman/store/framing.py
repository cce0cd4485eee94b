"""Framing in the store: the query over stored technique spans and the praise/attack summary.

The ``framing`` table (migrations ``0001``/``0003``) holds one row per
:class:`~dragoman.record.FramingSpan`. Writes stay in :mod:`dragoman.store.database`; this module
only reads. The summary counts in SQL rather than loading every span, so that it scales to the
whole corpus and its evidence can name the document each span comes from; it counts exactly as
:func:`dragoman.framing.summary.summarise_spans` does (a span praises or attacks its ``target``
when its polarity is ``positive`` or ``negative``), which a test holds it to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from dragoman.errors import StoreError
from dragoman.record import FRAMING_TECHNIQUES, FramingSpan
from dragoman.store.events import _choices

#: The polarities a framing span can have toward its target (``None`` aside).
POLARITIES = ("positive", "negative")

#: Characters read on each side of a span to find its sentence (rows stored before migration
#: ``0005``, which have no sentence offsets).
_WINDOW = 240

#: Where a sentence ends: a full stop, question or exclamation mark (and any closing quote or
#: bracket) before white space and a word that is not lower case ("U.S. officials" goes on), or a
#: blank line. Only for rows stored without their sentence; near enough to show one.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?![\sa-z])|\n\s*\n")

_WINDOW_START = f"greatest(f.start_char - {_WINDOW}, 0)"

#: The columns :func:`_row` reads, and the tables they come from: the span's sentence as the
#: pipeline found it, or (rows from before ``0005``) a window of text around the span.
_COLUMNS = (
    "f.doc_id, f.idx, d.title, d.date, f.start_char, f.end_char, coalesce(f.text, ''), "
    "f.technique, coalesce(f.confidence, 0.0), f.target, f.polarity, a.name, "
    f"coalesce(f.sentence_start, {_WINDOW_START}), "
    f"substr(d.text, coalesce(f.sentence_start, {_WINDOW_START}) + 1, "
    f"coalesce(f.sentence_end - f.sentence_start, f.end_char + {_WINDOW} - {_WINDOW_START})), "
    "f.sentence_end"
)
_FROM = "FROM framing f JOIN documents d ON d.id = f.doc_id LEFT JOIN actors a ON a.id = f.target "
_ORDER = "d.date NULLS LAST, f.doc_id, f.idx"


@dataclass(frozen=True, slots=True)
class FramingRow:
    """One stored framing span with what a reader needs beside it.

    Attributes:
        doc_id: the document the span was read from; ``idx`` its position in the record's framing.
        span: the span itself, as in the record.
        context: the sentence the span is in (for rows stored before sentences were kept, the
            sentence found around it, or a window of text where no sentence end is near), on one
            line; ``context_start`` is its offset in the document, so the span lies at
            ``span.start - context_start`` in it.
        doc_title, doc_date: the document's title and publication date (ISO).
        target_name: the name of ``span.target`` (its id where the store has no name), if any.
    """

    doc_id: str
    idx: int
    span: FramingSpan
    context: str
    context_start: int
    doc_title: str | None
    doc_date: str | None
    target_name: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the document keys, the span's fields as in the record, then the texts."""
        return {
            "doc_id": self.doc_id,
            "idx": self.idx,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date,
            **asdict(self.span),
            "target_name": self.target_name,
            "context": self.context,
            "context_start": self.context_start,
        }


@dataclass(frozen=True, slots=True)
class TechniqueCount:
    """How often one technique is used, how often it praises or attacks someone, and examples."""

    technique: str
    spans: int
    praise: int
    attack: int
    evidence: tuple[FramingRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "technique": self.technique,
            "spans": self.spans,
            "praise": self.praise,
            "attack": self.attack,
            "evidence": [row.to_dict() for row in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class ActorFraming:
    """Whether the framing praises or attacks one actor: counts, and the strongest spans of each."""

    actor: str
    name: str | None
    praise: int
    attack: int
    praise_evidence: tuple[FramingRow, ...] = ()
    attack_evidence: tuple[FramingRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "name": self.name,
            "praise": self.praise,
            "attack": self.attack,
            "evidence": {
                "praise": [row.to_dict() for row in self.praise_evidence],
                "attack": [row.to_dict() for row in self.attack_evidence],
            },
        }


@dataclass(frozen=True, slots=True)
class FramingSummary:
    """The techniques a corpus (or document) uses and whom it praises and attacks.

    Attributes:
        spans: framing spans matching the filters; ``documents`` how many documents they are in.
        techniques: per technique, most used first.
        actors: per target actor, most praised-or-attacked first (as ``summarise_spans`` orders).
    """

    spans: int
    documents: int
    techniques: list[TechniqueCount] = field(default_factory=list)
    actors: list[ActorFraming] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": self.spans,
            "documents": self.documents,
            "techniques": [t.to_dict() for t in self.techniques],
            "actors": [a.to_dict() for a in self.actors],
        }


def framing_filters(
    *,
    doc_id: str | None = None,
    actors: Sequence[str] = (),
    techniques: Sequence[str] = (),
    polarities: Sequence[str] = (),
    min_confidence: float = 0.0,
) -> tuple[list[str], list[Any]]:
    """The WHERE conditions (over the alias ``f``) and their parameters for these filters.

    Raises:
        StoreError: an unknown technique or polarity, a ``min_confidence`` outside 0…1.
    """
    where: list[str] = []
    params: list[Any] = []
    if not 0.0 <= min_confidence <= 1.0:
        raise StoreError(f"min_confidence must be between 0 and 1 (got {min_confidence})")
    if min_confidence > 0.0:
        where.append("f.confidence >= ?")
        params.append(min_confidence)
    if doc_id is not None:
        where.append("f.doc_id = ?")
        params.append(doc_id)
    if actors:
        where.append("list_contains(?::VARCHAR[], f.target)")
        params.append(list(actors))
    if techniques:
        canonical = {t.casefold(): t for t in FRAMING_TECHNIQUES}
        where.append("list_contains(?::VARCHAR[], f.technique)")
        params.append(
            _choices(techniques, FRAMING_TECHNIQUES, "technique", lambda v: canonical.get(v.casefold(), v))
        )
    if polarities:
        where.append("list_contains(?::VARCHAR[], f.polarity)")
        params.append(_choices(polarities, POLARITIES, "polarity", str.lower))
    return where, params


def query_framing(
    con: duckdb.DuckDBPyConnection,
    *,
    doc_id: str | None = None,
    actors: Sequence[str] = (),
    techniques: Sequence[str] = (),
    polarities: Sequence[str] = (),
    min_confidence: float = 0.0,
    limit: int = 100,
    offset: int = 0,
) -> list[FramingRow]:
    """Framing spans matching every given filter (within one filter, any value), by document date,
    document, then position in the document.

    ``actors`` are exact actor ids, matched against the span's target (resolve user input first
    with ``Store.resolve_actor``); ``techniques`` names of ``record.FRAMING_TECHNIQUES`` in any
    case; ``polarities`` ``positive``/``negative`` in any case; ``min_confidence`` keeps spans
    whose confidence (the precision measured at their score) is at least that. Only parameters
    reach the SQL.

    Raises:
        StoreError: an unknown technique or polarity, a negative limit or offset, a
            ``min_confidence`` outside 0…1.
    """
    if limit < 0 or offset < 0:
        raise StoreError(f"limit and offset must not be negative (got {limit}, {offset})")
    where, params = framing_filters(
        doc_id=doc_id, actors=actors, techniques=techniques, polarities=polarities,
        min_confidence=min_confidence,
    )  # fmt: skip
    sql = f"SELECT {_COLUMNS} {_FROM}" + _where(where) + f"ORDER BY {_ORDER} LIMIT ? OFFSET ?"
    return [_row(r) for r in con.execute(sql, [*params, limit, offset]).fetchall()]


def summarise_framing(
    con: duckdb.DuckDBPyConnection,
    *,
    doc_id: str | None = None,
    actors: Sequence[str] = (),
    techniques: Sequence[str] = (),
    polarities: Sequence[str] = (),
    min_confidence: float = 0.0,
    evidence: int = 3,
    limit: int | None = None,
) -> FramingSummary:
    """Counts per technique and per target actor over the spans matching the filters.

    Args:
        con: the store's connection.
        doc_id, actors, techniques, polarities, min_confidence: as for :func:`query_framing`.
        evidence: how many spans to keep as examples per technique and per actor and polarity,
            the most confident first.
        limit: at most this many actors (all techniques are always counted).

    Raises:
        StoreError: an unknown technique or polarity, a negative ``evidence`` or ``limit``.
    """
    if evidence < 0 or (limit is not None and limit < 0):
        raise StoreError(f"evidence and limit must not be negative (got {evidence}, {limit})")
    where, params = framing_filters(
        doc_id=doc_id, actors=actors, techniques=techniques, polarities=polarities,
        min_confidence=min_confidence,
    )  # fmt: skip
    # A span praises or attacks its target only when it has both (as summarise_spans counts).
    toned = "f.target IS NOT NULL AND f.polarity IN ('positive', 'negative')"
    totals = con.execute(
        "SELECT count(*), count(DISTINCT f.doc_id) FROM framing f " + _where(where), params
    ).fetchone() or (0, 0)
    by_technique = con.execute(
        "SELECT f.technique, count(*), "
        f"count(*) FILTER (WHERE {toned} AND f.polarity = 'positive'), "
        f"count(*) FILTER (WHERE {toned} AND f.polarity = 'negative') "
        "FROM framing f " + _where(where) + "GROUP BY f.technique ORDER BY count(*) DESC, f.technique",
        params,
    ).fetchall()
    by_actor = con.execute(
        "SELECT f.target, any_value(a.name), count(*) FILTER (WHERE f.polarity = 'positive'), "
        "count(*) FILTER (WHERE f.polarity = 'negative') "
        "FROM framing f LEFT JOIN actors a ON a.id = f.target "
        + _where([*where, toned])
        + "GROUP BY f.target ORDER BY count(*) DESC, f.target "
        + ("LIMIT ?" if limit is not None else ""),
        [*params, *([limit] if limit is not None else [])],
    ).fetchall()
    technique_examples = _evidence(con, where, params, "f.technique", evidence if by_technique else 0)
    actor_examples = _evidence(
        con, [*where, toned, "list_contains(?::VARCHAR[], f.target)"], [*params, [r[0] for r in by_actor]],
        "f.target, f.polarity", evidence if by_actor else 0,
    )  # fmt: skip
    return FramingSummary(
        spans=totals[0],
        documents=totals[1],
        techniques=[
            TechniqueCount(t, n, praise, attack, tuple(technique_examples.get((t,), [])))
            for t, n, praise, attack in by_technique
        ],
        actors=[
            ActorFraming(
                actor,
                name or actor,
                praise,
                attack,
                tuple(actor_examples.get((actor, "positive"), [])),
                tuple(actor_examples.get((actor, "negative"), [])),
            )
            for actor, name, praise, attack in by_actor
        ],
    )


def _evidence(
    con: duckdb.DuckDBPyConnection, where: list[str], params: list[Any], partition: str, n: int
) -> dict[tuple[Any, ...], list[FramingRow]]:
    """The ``n`` most confident rows of each ``partition`` group, keyed by the group's values."""
    if n == 0:
        return {}
    width = partition.count(",") + 1
    sql = (
        f"SELECT {partition}, {_COLUMNS} {_FROM}"
        + _where(where)
        + f"QUALIFY row_number() OVER (PARTITION BY {partition} "
        f"ORDER BY f.confidence DESC NULLS LAST, {_ORDER}) <= ? "
        f"ORDER BY f.confidence DESC NULLS LAST, {_ORDER}"
    )
    groups: dict[tuple[Any, ...], list[FramingRow]] = {}
    for r in con.execute(sql, [*params, n]).fetchall():
        groups.setdefault(tuple(r[:width]), []).append(_row(r[width:]))
    return groups


def _where(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) + " " if conditions else ""


def _row(r: Sequence[Any]) -> FramingRow:
    stored = r[14] is not None
    span = FramingSpan(r[4], r[5], r[6], r[7], r[8], r[9], r[10], (r[12], r[14]) if stored else None)
    if stored:  # one line, offsets kept: a line break or tab becomes one space
        context, context_start = re.sub(r"\s", " ", r[13] or ""), r[12]
    else:
        context, context_start = sentence_around(r[13] or "", r[12], span.start, span.end)
    return FramingRow(
        doc_id=r[0],
        idx=r[1],
        span=span,
        context=context,
        context_start=context_start,
        doc_title=r[2],
        doc_date=r[3].isoformat() if r[3] else None,
        target_name=(r[11] or span.target) if span.target else None,
    )


def sentence_around(window: str, window_start: int, start: int, end: int) -> tuple[str, int]:
    """The sentence of ``window`` (text from document offset ``window_start``) holding
    ``[start, end)``, on one line, and its document offset.

    Where no sentence end lies between the window's edge and the span, the window's edge is kept.
    """
    at, to = start - window_start, end - window_start
    if not 0 <= at <= to <= len(window):  # a span outside its text: keep the window as it is
        return " ".join(window.split()), window_start
    # not finditer(window, 0, at): cut there, the text would hide what follows a full stop
    left = max((m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= at), default=0)
    right = len(window)
    # from the span's last character: a span may end with its sentence's full stop
    if after := _SENTENCE_END.search(window, max(at, to - 1)):
        # the sentence keeps its full stop and closing quotes, not the space after them
        right = after.start() + len(after.group().rstrip())
    sentence = window[left:right]
    # one line, offsets kept: line breaks and tabs become spaces, one character for one
    return re.sub(r"\s", " ", sentence), window_start + left
