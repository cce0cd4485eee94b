"""The DuckDB store: the one module that owns the schema, migrations and all writes.

A document and all its annotation rows are written in one transaction, so an interrupted
ingest leaves either the whole document or none of it; the document's content hash makes
re-ingesting the same text a no-op. DuckDB allows one writing process per file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import duckdb

from dragoman.corpus.actors import (
    SPLIT,
    SPLIT_MARK,
    Merge,
    base_id,
    choose_id,
    plan_merges,
    remap_actors,
    split_id,
)
from dragoman.errors import StoreError
from dragoman.record import Entity, FramingSpan, Mention, Record, Timex, parse_date
from dragoman.store.corpus import (
    EventFact,
    PairTotal,
    actor_event_totals,
    event_facts,
    pair_totals,
    top_pairs,
)
from dragoman.store.events import (
    EVENT_COLUMNS,
    EVENT_SELECT,
    EventRow,
    event_from_row,
    event_values,
    query_events,
)
from dragoman.store.framing import FramingRow, FramingSummary, query_framing, summarise_framing
from dragoman.store.schema import DOCUMENT_TABLES, MIGRATIONS
from dragoman.store.writers import Announcement, announce

#: Where the store lives when neither ``--db`` nor ``$DRAGOMAN_DB`` says otherwise.
DEFAULT_DB = "dragoman.duckdb"
DB_ENV = "DRAGOMAN_DB"

#: How long opening the store waits for another process's lock to go (``dragoman serve`` lets go of the
#: file within a fraction of a second of a writer's announcement, so an ingest waits instead of failing).
LOCK_TIMEOUT = 5.0

#: From this many rows on, an insert goes through an Arrow table: DuckDB binds a multi-row INSERT's
#: parameters one by one (about 0.1 ms per row of a mention), an Arrow scan in bulk; below it the
#: cost of registering the table outweighs the gain.
_ARROW_MIN_ROWS = 64

SaveStatus = Literal["ingested", "updated", "unchanged"]


def default_db_path() -> str:
    """``$DRAGOMAN_DB`` if set, else ``./dragoman.duckdb``."""
    return os.environ.get(DB_ENV) or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the document list."""

    id: str
    title: str | None
    date: str | None
    language: str | None
    coded: bool
    chars: int
    entities: int
    timexes: int
    events: int


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One row of the actor list: the actor and how often the corpus mentions it."""

    id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    kb_id: str | None
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor, with the document it is in (for dossiers)."""

    doc_id: str
    doc_title: str | None
    doc_date: str | None
    start: int
    end: int
    text: str
    via: str
    confidence: float
    sentence: str


class Store:
    """A Dragoman database in one DuckDB file (or ``":memory:"``).

    Use as a context manager, or call :meth:`close`. Opening applies pending migrations. Where
    another process holds the file's lock, opening retries for up to ``lock_timeout`` seconds
    (DuckDB allows one writing process, and no reader beside it). Opening a file for writing first
    announces the writer in ``<db>.writer`` (:mod:`dragoman.store.writers`), so that ``dragoman serve``
    lets go of it; :meth:`close` withdraws the announcement.

    Raises:
        StoreError: the file cannot be opened (e.g. another process is writing to it).
    """

    def __init__(
        self, path: str | Path = ":memory:", *, read_only: bool = False, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        self.path = str(path)
        self.lock_timeout = lock_timeout
        self._owned = True
        # A writer announces itself before it opens the file, so that a server holding it read-only
        # lets go (dragoman.store.writers); the announcement is withdrawn on close and on failure.
        self._announcement: Announcement | None = None
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                if not read_only:
                    self._announcement = announce(self.path)
            self._con = _connect(self.path, read_only, lock_timeout)
        except duckdb.Error as exc:
            self._withdraw()
            raise StoreError(f"cannot open the store {self.path}: {_first_line(exc)}") from exc
        except OSError as exc:
            self._withdraw()
            raise StoreError(f"cannot open the store {self.path}: {exc.strerror or exc}") from exc
        except BaseException:
            self._withdraw()
            raise
        if not read_only:
            try:
                self.migrate()
            except BaseException:
                self.close()
                raise
        elif self._pending_migrations():
            # A store made by an older Dragoman: upgrade it once, then go on reading.
            self._con.close()
            with Store(self.path, lock_timeout=lock_timeout):
                pass
            self._con = _connect(self.path, True, lock_timeout)

    # -- life cycle -----------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @classmethod
    def over(cls, connection: duckdb.DuckDBPyConnection, path: str | Path = "<shared>") -> Store:
        """A store reading through a connection (or cursor) someone else opened and will close.

        No migrations are applied and :meth:`close` leaves ``connection`` open: ``dragoman serve``
        hands each request a cursor of its one read-only connection this way.

        Args:
            connection: an open DuckDB connection or cursor on a migrated store.
            path: the file it reads, for messages.
        """
        store = cls.__new__(cls)
        store.path = str(path)
        store.lock_timeout = LOCK_TIMEOUT
        store._owned = False
        store._announcement = None
        store._con = connection
        return store

    def close(self) -> None:
        """Close the connection (idempotent); a store made by :meth:`over` leaves it open."""
        try:
            if self._owned:
                self._con.close()
        finally:
            self._withdraw()

    def _withdraw(self) -> None:
        """Withdraw this writer's announcement, if it made one."""
        if self._announcement is not None:
            announcement, self._announcement = self._announcement, None
            announcement.withdraw()

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; return their names."""
        con = self._con
        con.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
        )
        done = {row[0] for row in con.execute("SELECT name FROM _migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            try:
                con.execute("BEGIN TRANSACTION")
                con.execute(sql)
                con.execute("INSERT INTO _migrations VALUES (?, ?)", [name, _now()])
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path}: {_first_line(exc)}") from exc
            applied.append(name)
        return applied

    def _pending_migrations(self) -> list[str]:
        try:
            done = {r[0] for r in self._con.execute("SELECT name FROM _migrations").fetchall()}
        except duckdb.CatalogException:
            done = set()
        return [name for name, _ in MIGRATIONS if name not in done]

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r[0] for r in self._con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]

    # -- writes ---------------------------------------------------------------------------

    def known_hash(self, doc_id: str) -> str | None:
        """The stored content hash of ``doc_id``, or ``None`` when it is not stored."""
        row = self._con.execute("SELECT content_hash FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    def save(self, record: Record, *, origin: str | None = None, format: str | None = None) -> SaveStatus:
        """Write ``record`` and all its annotations in one transaction.

        Returns ``"unchanged"`` (same id, same content hash: nothing written), ``"updated"``
        (same id, new text: the old rows are replaced) or ``"ingested"``.

        Raises:
            StoreError: the write failed; the store is left as it was before the call.
        """
        return self.save_many([(record, origin, format)])[0]

    def save_many(self, entries: Sequence[tuple[Record, str | None, str | None]]) -> list[SaveStatus]:
        """Write several ``(record, origin, format)`` entries in one transaction; one status each.

        The result is that of calling :meth:`save` on each entry in turn (a later entry with the
        same id and new text replaces an earlier one), but each table takes one multi-row INSERT
        for all the entries: DuckDB spends milliseconds per statement and per commit, more than
        a news article's rows take to write.

        Raises:
            StoreError: the write failed; no entry is stored (the store is as before the call).
        """
        con = self._con
        statuses: list[SaveStatus] = []
        try:
            con.execute("BEGIN TRANSACTION")
            for group in _unique_id_runs(entries):
                statuses.extend(self._write_group(group))
            con.execute("COMMIT")
        except BaseException as exc:
            # Whatever stopped the write (a DuckDB error, a full disk, Ctrl-C), each document is
            # either wholly stored or not at all. The transaction may already be gone.
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error | OSError):
                ids = ", ".join(record.id for record, _, _ in entries[:3])
                more = f" and {len(entries) - 3} more" if len(entries) > 3 else ""
                raise StoreError(f"could not store document {ids}{more}: {_first_line(exc)}") from exc
            raise
        return statuses

    def _write_group(self, entries: Sequence[tuple[Record, str | None, str | None]]) -> list[SaveStatus]:
        """Write entries of distinct ids inside the caller's transaction."""
        ids = [record.id for record, _, _ in entries]
        previous = dict(
            self._con.execute(
                "SELECT id, content_hash FROM documents WHERE list_contains(?, id)", [ids]
            ).fetchall()
        )
        statuses: list[SaveStatus] = []
        changed: list[tuple[Record, str | None, str | None]] = []
        replaced: list[str] = []
        for entry in entries:
            record = entry[0]
            before = previous.get(record.id)
            if before is not None and before == record.content_hash:
                statuses.append("unchanged")
                continue
            statuses.append("updated" if before is not None else "ingested")
            changed.append(entry)
            if before is not None:
                replaced.append(record.id)
        if replaced:
            for table in DOCUMENT_TABLES:
                self._con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [replaced])
            self._con.execute("DELETE FROM documents WHERE list_contains(?, id)", [replaced])
        if changed:
            changed, merges = self._corpus_actors(changed)
            self._insert_records(changed)
            self._insert_rows(
                "actor_merges",
                [(m.doc_id, m.local_id, m.actor_id, m.name, m.kind, m.country, m.rule) for m in merges],
            )
        return statuses

    def _corpus_actors(
        self, entries: Sequence[tuple[Record, str | None, str | None]]
    ) -> tuple[list[tuple[Record, str | None, str | None]], list[Merge]]:
        """The entries with their document-local actors renamed to corpus actors, and each decision.

        See :mod:`dragoman.corpus.actors`; a later entry of the batch sees the earlier ones' actors.
        """
        local = {a for r, _, _ in entries for a, actor in r.actors.items() if not actor.get("kb_id")}
        if not local:
            return list(entries), []
        known: dict[str, dict[str, str | None]] = defaultdict(dict)
        for actor_id, country in self._con.execute(
            "SELECT id, country FROM actors WHERE list_contains(?, split_part(id, ?, 1))",
            [sorted({base_id(a) for a in local}), SPLIT_MARK],
        ).fetchall():
            known[base_id(actor_id)][actor_id] = country
        splits = self._con.execute(
            "SELECT doc_id, local_id FROM actor_splits WHERE list_contains(?, doc_id)",
            [[r.id for r, _, _ in entries]],
        ).fetchall()
        renamed, merges = [], []
        for record, origin, format in entries:
            split = {local_id for doc_id, local_id in splits if doc_id == record.id}
            planned = plan_merges(record, lambda local_id: known[base_id(local_id)], split)
            for m in planned:
                countries = known[base_id(m.local_id)]
                if countries.get(m.actor_id) is None:
                    countries[m.actor_id] = m.country
            renamed.append((remap_actors(record, {m.local_id: m.actor_id for m in planned}), origin, format))
            merges.extend(planned)
        return renamed, merges

    def _insert_records(self, entries: Sequence[tuple[Record, str | None, str | None]]) -> None:
        now = _now()
        self._insert_rows(
            "documents",
            [
                (
                    r.id, r.content_hash, r.title, parse_date(r.date), r.source, r.url, r.language, r.coded,
                    r.text, origin, format, r.version, now,
                )
                for r, origin, format in entries
            ],
        )  # fmt: skip
        records = [r for r, _, _ in entries]
        self._insert_rows(
            "entities",
            [
                (r.id, i, e.start, e.end, e.text, e.label, e.actor)
                for r in records
                for i, e in enumerate(r.entities)
            ],
        )
        self._insert_rows(
            "timexes",
            [
                (r.id, i, t.start, t.end, t.text, t.type, t.value, t.mod)
                for r in records
                for i, t in enumerate(r.timexes)
            ],
        )
        # The actor's identity is global; its sector and office are as of this document's date.
        self._insert_rows(
            "actors (id, name, kind, country, sector, kb_id, lat, lon, geonameid)",
            _actor_rows(records),
            on_conflict="ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            # a document that does not know a local actor's country does not erase it
            "country = coalesce(excluded.country, actors.country), kb_id = excluded.kb_id, "
            "lat = coalesce(excluded.lat, actors.lat), lon = coalesce(excluded.lon, actors.lon), "
            "geonameid = coalesce(excluded.geonameid, actors.geonameid)",
        )
        self._insert_rows(
            "document_actors",
            [
                (r.id, a, actor.get("sector"), json.dumps(actor["office"]) if actor.get("office") else None)
                for r in records
                for a, actor in r.actors.items()
            ],
        )
        self._insert_rows(
            "mentions",
            [
                (
                    r.id, i, m.start, m.end, m.text, m.actor, m.via, m.confidence, list(m.alternatives),
                    m.role, m.sector,
                )
                for r in records
                for i, m in enumerate(r.mentions)
            ],
        )  # fmt: skip
        self._insert_rows(
            f"events ({', '.join(EVENT_COLUMNS)})",
            [event_values(r.id, i, e) for r in records for i, e in enumerate(r.events)],
        )
        self._insert_rows(
            "framing (doc_id, idx, start_char, end_char, text, technique, confidence, target, polarity, "
            "sentence_start, sentence_end)",
            [
                (r.id, i, f.start, f.end, f.text, f.technique, f.confidence, f.target, f.polarity,
                 *(f.sentence or (None, None)))
                for r in records
                for i, f in enumerate(r.framing)
            ],
        )  # fmt: skip

    def _insert_rows(self, table: str, rows: Sequence[Sequence[Any]], on_conflict: str = "") -> None:
        """Insert ``rows`` in bulk: one Arrow scan, or a few multi-row statements when they are few."""
        if not rows:
            return
        if len(rows) >= _ARROW_MIN_ROWS:
            import pyarrow as pa

            columns = {f"c{i}": pa.array(column) for i, column in enumerate(zip(*rows, strict=True))}
            self._con.register("_dragoman_rows", pa.table(columns))
            try:
                self._con.execute(f"INSERT INTO {table} SELECT * FROM _dragoman_rows {on_conflict}")
            finally:
                self._con.unregister("_dragoman_rows")
            return
        width = len(rows[0])
        placeholders = ", ".join(["(" + ", ".join(["?"] * width) + ")"] * len(rows))
        params = [value for row in rows for value in row]
        self._con.execute(f"INSERT INTO {table} VALUES {placeholders} {on_conflict}", params)

    # -- reads ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Totals: documents (and how many are coded), entities, actors, events, reports, timexes, framing.

        ``reports`` counts event rows (one per sentence that reports an event), ``events`` the
        events they report (:mod:`dragoman.corpus.clusters`): five articles on one meeting are
        five reports of one event.
        """
        row = self._con.execute(
            """
            SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM documents WHERE coded),
                   (SELECT count(*) FROM entities), (SELECT count(*) FROM actors),
                   (SELECT count(DISTINCT coalesce(c.cluster_id, e.doc_id || ':' || e.idx::VARCHAR))
                    FROM events e LEFT JOIN event_clusters c USING (doc_id, idx)),
                   (SELECT count(*) FROM events), (SELECT count(*) FROM timexes),
                   (SELECT count(*) FROM framing)
            """
        ).fetchone()
        names = ("documents", "coded", "entities", "actors", "events", "reports", "timexes", "framing")
        return dict(zip(names, row or (0,) * len(names), strict=True))

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentSummary]:
        """Stored documents, newest publication date first, with their annotation counts."""
        rows = self._con.execute(
            """
            SELECT d.id, d.title, d.date, d.language, d.coded, length(d.text),
                   (SELECT count(*) FROM entities e WHERE e.doc_id = d.id),
                   (SELECT count(*) FROM timexes t WHERE t.doc_id = d.id),
                   (SELECT count(*) FROM events v WHERE v.doc_id = d.id)
            FROM documents d
            ORDER BY d.date DESC NULLS LAST, d.id
            LIMIT ? OFFSET ?
            """,
            [limit, offset],
        ).fetchall()
        return [
            DocumentSummary(
                r[0], r[1], r[2].isoformat() if r[2] else None, r[3], r[4], r[5], r[6], r[7], r[8]
            )
            for r in rows
        ]

    def resolve_id(self, ref: str) -> str | None:
        """The id of the document ``ref`` names: an exact id, else a unique id prefix."""
        if self._con.execute("SELECT 1 FROM documents WHERE id = ?", [ref]).fetchone():
            return ref
        rows = self._con.execute(
            "SELECT id FROM documents WHERE starts_with(id, ?) LIMIT 2", [ref]
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def record(self, doc_id: str) -> Record | None:
        """Rebuild the extraction record of ``doc_id`` from the tables, or ``None``."""
        q = self._con.execute
        row = q(
            "SELECT id, text, title, date, source, url, language, content_hash, record_version "
            "FROM documents WHERE id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            return None
        record = Record(
            id=row[0],
            text=row[1],
            title=row[2],
            date=row[3].isoformat() if row[3] else None,
            source=row[4],
            url=row[5],
            language=row[6],
            content_hash=row[7],
            version=row[8],
        )
        record.entities = [
            Entity(*r)
            for r in q(
                "SELECT start_char, end_char, text, label, actor FROM entities WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            ).fetchall()
        ]
        record.timexes = [
            Timex(*r)
            for r in q(
                "SELECT start_char, end_char, text, type, value, mod FROM timexes "
                "WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            ).fetchall()
        ]
        record.mentions = [
            Mention(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), r[7], r[8])
            for r in q(
                "SELECT start_char, end_char, text, actor, via, confidence, alternatives, role, sector "
                "FROM mentions WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            ).fetchall()
        ]
        record.actors = {
            r[0]: {
                "name": r[1],
                "kind": r[2],
                "country": r[3],
                "sector": r[4],
                "kb_id": r[5],
                "office": json.loads(r[6]) if r[6] is not None else None,
                # a place's coordinates, only where it has them
                **({"lat": r[7], "lon": r[8], "geonameid": r[9]} if r[7] is not None else {}),
            }
            for r in q(
                "SELECT a.id, a.name, a.kind, a.country, da.sector, a.kb_id, da.office, a.lat, a.lon, "
                "a.geonameid "
                "FROM document_actors da JOIN actors a ON a.id = da.actor_id "
                "WHERE da.doc_id = ? ORDER BY a.id",
                [doc_id],
            ).fetchall()
        }
        record.events = [
            event_from_row(r)
            for r in q(
                f"SELECT {EVENT_SELECT} FROM events e WHERE e.doc_id = ? ORDER BY e.idx", [doc_id]
            ).fetchall()
        ]
        record.framing = [
            FramingSpan(r[0], r[1], r[2], r[3], r[4], r[5], r[6], (r[7], r[8]) if r[7] is not None else None)
            for r in q(
                "SELECT start_char, end_char, coalesce(text, ''), technique, coalesce(confidence, 0.0), "
                "target, polarity, sentence_start, sentence_end FROM framing WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            ).fetchall()
        ]
        return record

    def events(
        self,
        actor: str | Sequence[str] | None = None,
        type: str | Sequence[str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        factuality: str | Sequence[str] | None = None,
        doc_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
        by_event: bool = False,
    ) -> list[EventRow]:
        """Stored events, by date (undated last), then document, then position in the document.

        Filters combine with AND; a filter given several values matches any of them.

        Args:
            actor: actor id(s) in the event's source or target, in any form :meth:`resolve_actor`
                accepts (``AZE``, ``aze``, ``Azerbaijan``); a reference to no actor matches nothing.
            type: PLOVER event type(s), in any case.
            since: a date or TIMEX3 date value (``2025``, ``2025-10``, ``2025-10-15``, ``2025-Q4``):
                events whose date reaches into or past its first day. An event dated ``2025-10``
                is in October 2025, so ``since="2025-10-20"`` keeps it.
            until: likewise: events whose date begins on or before its last day.
            factuality: one or more of ``record.FACTUALITIES``.
            doc_id: only this document's events.
            limit: at most this many rows; offset: skip this many first.
            by_event: one row per event (its earliest matching report) instead of one per report;
                each row's ``reports`` and ``sources`` say how many matching reports it has, and where.

        Raises:
            StoreError: an unknown type or factuality, or an unreadable date.
        """
        actors = [self.resolve_actor(a) or a for a in _values(actor)]
        try:
            return query_events(
                self._con,
                actors=actors,
                types=_values(type),
                since=since,
                until=until,
                factualities=_values(factuality),
                doc_id=doc_id,
                by_event=by_event,
                limit=limit,
                offset=offset,
            )
        except duckdb.Error as exc:
            raise StoreError(f"could not read events from {self.path}: {_first_line(exc)}") from exc

    def framing(
        self,
        doc_id: str | None = None,
        actor: str | Sequence[str] | None = None,
        technique: str | Sequence[str] | None = None,
        polarity: str | Sequence[str] | None = None,
        min_confidence: float = 0.0,
        limit: int = 100,
        offset: int = 0,
    ) -> list[FramingRow]:
        """Stored framing spans by document date (undated last), document, position in it.

        Filters combine with AND; a filter given several values matches any of them.

        Args:
            doc_id: only this document's spans.
            actor: the spans' target actor(s), in any form :meth:`resolve_actor` accepts; a
                reference to no actor matches nothing.
            technique: name(s) of ``record.FRAMING_TECHNIQUES``, in any case.
            polarity: ``positive`` (praise) or ``negative`` (attack), in any case.
            min_confidence: only spans at least this confident (0…1; a span's confidence is the
                precision measured for spans of its technique and score).
            limit: at most this many rows; offset: skip this many first.

        Raises:
            StoreError: an unknown technique or polarity, a negative limit or offset, a
                ``min_confidence`` outside 0…1.
        """
        try:
            return query_framing(
                self._con, doc_id=doc_id, actors=self._actor_ids(actor), techniques=_values(technique),
                polarities=_values(polarity), min_confidence=min_confidence, limit=limit, offset=offset,
            )  # fmt: skip
        except duckdb.Error as exc:
            raise StoreError(f"could not read framing from {self.path}: {_first_line(exc)}") from exc

    def framing_summary(
        self,
        doc_id: str | None = None,
        actor: str | Sequence[str] | None = None,
        technique: str | Sequence[str] | None = None,
        polarity: str | Sequence[str] | None = None,
        min_confidence: float = 0.0,
        evidence: int = 3,
        limit: int | None = None,
    ) -> FramingSummary:
        """Per technique, how often the corpus (or ``doc_id``) uses it; per target actor, how
        often its framing praises and attacks them; each with the ``evidence`` most confident
        spans. Filters as in :meth:`framing`; ``limit`` caps the actors listed.

        Raises:
            StoreError: an unknown technique or polarity, a negative ``evidence`` or ``limit``.
        """
        try:
            return summarise_framing(
                self._con, doc_id=doc_id, actors=self._actor_ids(actor), techniques=_values(technique),
                polarities=_values(polarity), min_confidence=min_confidence, evidence=evidence,
                limit=limit,
            )  # fmt: skip
        except duckdb.Error as exc:
            raise StoreError(f"could not read framing from {self.path}: {_first_line(exc)}") from exc

    def _actor_ids(self, actor: str | Sequence[str] | None) -> list[str]:
        """Stored actor ids for user references (a reference to no actor stays as given)."""
        return [self.resolve_actor(a) or a for a in _values(actor)]

    def resolve_actor(self, ref: str) -> str | None:
        """The id of the stored actor ``ref`` names, or ``None``.

        Tried in turn: the exact id; an id equal but for case (``aze`` → ``AZE``); a name equal
        but for case (``azerbaijan`` → ``AZE``). A case-insensitive form that fits several actors
        resolves to none of them.
        """
        q = self._con.execute
        if q("SELECT 1 FROM actors WHERE id = ?", [ref]).fetchone():
            return ref
        for column in ("id", "name"):
            rows = q(f"SELECT id FROM actors WHERE lower({column}) = lower(?) LIMIT 2", [ref]).fetchall()
            if len(rows) == 1:
                return str(rows[0][0])
        return None

    def actors(self, limit: int = 50, offset: int = 0, kind: str | None = None) -> list[ActorSummary]:
        """Actors by number of mentions (most first), optionally of one ``kind``."""
        rows = self._con.execute(
            """
            SELECT a.id, a.name, a.kind, a.country, a.sector, a.kb_id,
                   count(m.doc_id), count(DISTINCT m.doc_id)
            FROM actors a LEFT JOIN mentions m ON m.actor = a.id
            WHERE ? IS NULL OR a.kind = ?
            GROUP BY ALL
            ORDER BY count(m.doc_id) DESC, a.id
            LIMIT ? OFFSET ?
            """,
            [kind, kind, limit, offset],
        ).fetchall()
        return [ActorSummary(*r) for r in rows]

    def actor(self, actor_id: str) -> ActorSummary | None:
        """One actor with its mention and document counts, or ``None``."""
        row = self._con.execute(
            """
            SELECT a.id, a.name, a.kind, a.country, a.sector, a.kb_id,
                   count(m.doc_id), count(DISTINCT m.doc_id)
            FROM actors a LEFT JOIN mentions m ON m.actor = a.id
            WHERE a.id = ?
            GROUP BY ALL
            """,
            [actor_id],
        ).fetchone()
        return ActorSummary(*row) if row else None

    def actor_mentions(self, actor_id: str, limit: int = 100) -> list[ActorMention]:
        """Mentions of ``actor_id``, newest document first, each with a window of its context."""
        rows = self._con.execute(
            """
            SELECT d.id, d.title, d.date, m.start_char, m.end_char, m.text, m.via, m.confidence,
                   substr(d.text, greatest(m.start_char - 80, 0) + 1,
                          m.end_char - greatest(m.start_char - 80, 0) + 80)
            FROM mentions m JOIN documents d ON d.id = m.doc_id
            WHERE m.actor = ?
            ORDER BY d.date DESC NULLS LAST, d.id, m.start_char
            LIMIT ?
            """,
            [actor_id, limit],
        ).fetchall()
        return [ActorMention(r[0], r[1], r[2].isoformat() if r[2] else None, *r[3:]) for r in rows]

    def actor_names(self, actor_id: str) -> list[tuple[str, int]]:
        """The surface forms that name ``actor_id`` in the corpus, most frequent first."""
        return [
            (r[0], r[1])
            for r in self._con.execute(
                "SELECT text, count(*) FROM mentions WHERE actor = ? "
                "GROUP BY text ORDER BY count(*) DESC, text",
                [actor_id],
            ).fetchall()
        ]

    def actor_documents(
        self, actor_id: str, limit: int = 50
    ) -> list[tuple[str, str | None, str | None, int]]:
        """(document id, title, date, mentions) of the documents naming ``actor_id``, newest first."""
        rows = self._con.execute(
            """
            SELECT d.id, d.title, d.date, count(*) FROM mentions m JOIN documents d ON d.id = m.doc_id
            WHERE m.actor = ? GROUP BY ALL ORDER BY d.date DESC NULLS LAST, d.id LIMIT ?
            """,
            [actor_id, limit],
        ).fetchall()
        return [(r[0], r[1], r[2].isoformat() if r[2] else None, r[3]) for r in rows]

    def iter_ids(self) -> Iterator[str]:
        """Every stored document id, in id order."""
        for (doc_id,) in self._con.execute("SELECT id FROM documents ORDER BY id").fetchall():
            yield doc_id

    # -- corpus analysis (dragoman.corpus) ------------------------------------------------

    def merges(self, actor_id: str | None = None) -> list[Merge]:
        """How documents' local actors were stored (all, or those now stored as ``actor_id``)."""
        sql = "SELECT doc_id, local_id, actor_id, name, kind, country, rule FROM actor_merges"
        params: list[Any] = []
        if actor_id is not None:
            sql += " WHERE actor_id = ?"
            params.append(actor_id)
        return [Merge(*r) for r in self._con.execute(sql + " ORDER BY actor_id, doc_id", params).fetchall()]

    def split_actor(self, doc_id: str, actor_id: str) -> str:
        """Undo a merge: document ``doc_id``'s actor stored as ``actor_id`` gets an id of its own.

        The decision is kept (``actor_splits``), so ingesting the document again keeps it apart.
        Returns the new id. Re-cluster events afterwards (their actors changed).

        Raises:
            StoreError: the document has no document-local actor stored as ``actor_id``.
        """
        merge = self._merge_of(doc_id, actor_id)
        new_id = split_id(merge.local_id, doc_id)
        with self._transaction(f"split {actor_id} in {doc_id}"):
            self._move_actor(merge, new_id, SPLIT)
            self._con.execute(
                "INSERT INTO actor_splits VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [doc_id, merge.local_id, _now()],
            )
        return new_id

    def unsplit_actor(self, doc_id: str, actor_id: str) -> str:
        """Undo a split: the document's actor ``actor_id`` merges again as ingesting would merge it.

        Returns the id it now has. Raises StoreError if ``actor_id`` is no split of that document.
        """
        merge = self._merge_of(doc_id, actor_id)
        if merge.rule != SPLIT:
            raise StoreError(f"{actor_id} in document {doc_id} was not split off (rule: {merge.rule})")
        found = {
            i: c
            for i, c in self._con.execute(
                "SELECT id, country FROM actors WHERE split_part(id, ?, 1) = ? AND id <> ?",
                [SPLIT_MARK, base_id(merge.local_id), actor_id],
            ).fetchall()
        }
        new_id, rule = choose_id(merge.local_id, merge.country, found)
        with self._transaction(f"unsplit {actor_id} in {doc_id}"):
            self._move_actor(merge, new_id, rule)
            self._con.execute(
                "DELETE FROM actor_splits WHERE doc_id = ? AND local_id = ?", [doc_id, merge.local_id]
            )
        return new_id

    def _move_actor(self, merge: Merge, new_id: str, rule: str) -> None:
        """Store ``merge``'s document-local actor as ``new_id`` (by ``rule``), inside a transaction."""
        self._con.execute(
            "INSERT INTO actors (id, name, kind, country, sector, kb_id, lat, lon, geonameid) "
            "SELECT ?, name, kind, country, sector, NULL, lat, lon, geonameid FROM actors WHERE id = ? "
            "ON CONFLICT DO NOTHING",
            [new_id, merge.actor_id],
        )
        self._rename_actor(merge.doc_id, merge.actor_id, new_id)
        self._con.execute(
            "UPDATE actor_merges SET actor_id = ?, rule = ? WHERE doc_id = ? AND local_id = ?",
            [new_id, rule, merge.doc_id, merge.local_id],
        )

    def _merge_of(self, doc_id: str, actor_id: str) -> Merge:
        found = [m for m in self.merges(actor_id) if m.doc_id == doc_id]
        if not found:
            raise StoreError(
                f"document {doc_id} has no document-local actor stored as {actor_id} "
                "(knowledge-base actors are one actor everywhere)"
            )
        return found[0]

    def _rename_actor(self, doc_id: str, old: str, new: str) -> None:
        """Every reference to actor ``old`` in document ``doc_id`` becomes ``new``."""
        con = self._con
        swap = "list_transform({0}, lambda x: CASE WHEN x = $old THEN $new ELSE x END)"
        params = {"doc": doc_id, "old": old, "new": new}
        for table, column in (("entities", "actor"), ("mentions", "actor"), ("framing", "target"),
                              ("document_actors", "actor_id"), ("events", "location"),
                              ("events", "attributed_actor")):  # fmt: skip
            con.execute(f"UPDATE {table} SET {column} = $new WHERE doc_id = $doc AND {column} = $old", params)
        con.execute(
            f"UPDATE mentions SET alternatives = {swap.format('alternatives')} WHERE doc_id = $doc", params
        )
        con.execute(
            f"UPDATE events SET source = {swap.format('source')}, target = {swap.format('target')} "
            "WHERE doc_id = $doc",
            params,
        )

    @contextlib.contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        con = self._con
        try:
            con.execute("BEGIN TRANSACTION")
            yield
            con.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error | OSError):
                raise StoreError(f"could not {what} in {self.path}: {_first_line(exc)}") from exc
            raise

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for read queries made outside this package (web pages, exports).

        Every write goes through a :class:`Store` method, so that migrations and transactions stay here.
        """
        return self._con

    def event_facts(
        self,
        factuality: str | Sequence[str] | None = None,
        actor: str | Sequence[str] | None = None,
        *,
        unclustered: bool = False,
        groups: Sequence[str] | None = None,
    ) -> list[EventFact]:
        """Every event row (of these factualities, with these exact actor ids; not yet clustered;
        of these clustering groups) with its cluster."""
        return event_facts(
            self._con, factualities=_values(factuality), actors=_values(actor), unclustered=unclustered,
            groups=groups,
        )  # fmt: skip

    def event_rows(self, keys: Sequence[str]) -> list[EventRow]:
        """The events of these rows (``doc_id:idx``, as :attr:`EventFact.key`), with their sentences."""
        return query_events(self._con, keys=keys, limit=max(len(keys), 1))

    def pair_totals(
        self, factuality: str | Sequence[str] | None = None, actor: str | Sequence[str] | None = None
    ) -> list[PairTotal]:
        """The events between each pair of actors (see :func:`dragoman.store.corpus.pair_totals`)."""
        return pair_totals(self._con, factualities=_values(factuality), actors=_values(actor))

    def top_pairs(self, limit: int, factuality: str | Sequence[str] | None = None) -> list[PairTotal]:
        """The ``limit`` unordered pairs of actors with the most events (see ``store.corpus.top_pairs``)."""
        return top_pairs(self._con, limit, factualities=_values(factuality))

    def actor_event_totals(self, factuality: str | Sequence[str] | None = None) -> dict[str, tuple[int, int]]:
        """``{actor: (events, reports)}`` over the events of these factualities (all when none)."""
        return actor_event_totals(self._con, factualities=_values(factuality))

    def actor_facts(self, ids: Sequence[str] | None = None) -> dict[str, tuple[str, str | None, str | None]]:
        """``{id: (name, kind, country)}`` of these actors (all actors when ``ids`` is None)."""
        sql = "SELECT id, name, kind, country FROM actors"
        rows = (
            self._con.execute(sql + " WHERE list_contains(?, id)", [list(ids)]).fetchall()
            if ids is not None
            else self._con.execute(sql).fetchall()
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def clusters_stale(self) -> bool:
        """Whether some event row has no cluster yet (new or replaced documents since the last run)."""
        row = self._con.execute(
            "SELECT EXISTS (SELECT 1 FROM events e ANTI JOIN event_clusters c USING (doc_id, idx))"
        ).fetchone()
        return bool(row and row[0])

    def replace_event_clusters(
        self, rows: Sequence[tuple[str, int, str]], *, everything: bool = True
    ) -> None:
        """Store cluster assignments ``rows`` of (doc_id, idx, cluster_id) atomically: instead of
        every assignment (``everything``), or of those rows only."""
        with self._transaction("store event clusters"):
            if everything:
                self._con.execute("DELETE FROM event_clusters")
            else:
                self._con.execute(
                    "DELETE FROM event_clusters WHERE list_contains(?, doc_id || ':' || idx::VARCHAR)",
                    [[f"{doc_id}:{idx}" for doc_id, idx, _ in rows]],
                )
            self._insert_rows("event_clusters", rows)


def _unique_id_runs(
    entries: Sequence[tuple[Record, str | None, str | None]],
) -> Iterator[Sequence[tuple[Record, str | None, str | None]]]:
    """``entries`` cut into consecutive runs in which no document id repeats."""
    start, seen = 0, set[str]()
    for at, (record, _, _) in enumerate(entries):
        if record.id in seen:
            yield entries[start:at]
            start, seen = at, set[str]()
        seen.add(record.id)
    if start < len(entries):
        yield entries[start:]


def _actor_rows(records: Sequence[Record]) -> list[tuple[Any, ...]]:
    """One upsert row per actor of ``records``, as if each record had upserted its actors in turn.

    One statement may not update a row twice, so repeats merge here: the name, kind, country and
    KB id of the last record win (the upsert overwrites them); the sector is that of the first
    (the upsert keeps the inserted one).
    """
    rows: dict[str, tuple[Any, ...]] = {}
    for record in records:
        for a, actor in record.actors.items():
            row = (
                a, actor.get("name") or a, actor.get("kind"), actor.get("country"), actor.get("sector"),
                actor.get("kb_id"), actor.get("lat"), actor.get("lon"), actor.get("geonameid"),
            )  # fmt: skip
            first = rows.get(a)
            rows[a] = row if first is None else (*row[:4], first[4], *row[5:])
    return list(rows.values())


def _values(value: str | Sequence[str] | None) -> list[str]:
    """A filter's values: none, one string, or several."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether ``exc`` says another process holds the DuckDB file's lock."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _connect(path: str, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, retried while another process holds the file's lock (up to ``lock_timeout`` s)."""
    deadline = time.monotonic() + lock_timeout
    pause = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
