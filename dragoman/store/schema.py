"""The store's schema as named migrations, applied in order and recorded in ``_migrations``.

Never edit a migration that has shipped: add a new one. Each document's rows carry its
``doc_id`` so that a document can be replaced (or removed) as a unit inside one transaction.
Offsets are ``start_char``/``end_char`` because ``start``/``end`` are awkward in SQL.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_foundation",
        """
        CREATE TABLE documents (
            id             VARCHAR PRIMARY KEY,
            content_hash   VARCHAR NOT NULL,
            title          VARCHAR,
            date           DATE,
            source         VARCHAR,
            url            VARCHAR,
            language       VARCHAR,
            coded          BOOLEAN NOT NULL,
            text           VARCHAR NOT NULL,
            origin         VARCHAR,
            format         VARCHAR,
            record_version INTEGER NOT NULL,
            ingested_at    TIMESTAMP NOT NULL
        );
        CREATE TABLE entities (
            doc_id     VARCHAR NOT NULL,
            idx        INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char   INTEGER NOT NULL,
            text       VARCHAR NOT NULL,
            label      VARCHAR NOT NULL,
            actor      VARCHAR,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE TABLE actors (
            id      VARCHAR PRIMARY KEY,
            name    VARCHAR NOT NULL,
            kind    VARCHAR,
            country VARCHAR,
            sector  VARCHAR
        );
        CREATE TABLE document_actors (
            doc_id   VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, actor_id)
        );
        CREATE TABLE timexes (
            doc_id     VARCHAR NOT NULL,
            idx        INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char   INTEGER NOT NULL,
            text       VARCHAR NOT NULL,
            type       VARCHAR NOT NULL,
            value      VARCHAR NOT NULL,
            mod        VARCHAR,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE TABLE events (
            doc_id         VARCHAR NOT NULL,
            idx            INTEGER NOT NULL,
            type           VARCHAR NOT NULL,
            mode           VARCHAR,
            cameo          VARCHAR,
            intensity      DOUBLE,
            source         VARCHAR[],
            target         VARCHAR[],
            sentence_start INTEGER,
            sentence_end   INTEGER,
            trigger_start  INTEGER,
            trigger_end    INTEGER,
            date           VARCHAR,
            location       JSON,
            factuality     VARCHAR,
            attributed_to  VARCHAR,
            confidence     DOUBLE,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE TABLE framing (
            doc_id     VARCHAR NOT NULL,
            idx        INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char   INTEGER NOT NULL,
            technique  VARCHAR NOT NULL,
            target     VARCHAR,
            confidence DOUBLE,
            PRIMARY KEY (doc_id, idx)
        );
        """,
    ),
    (
        "0002_actor_mentions",
        """
        CREATE TABLE mentions (
            doc_id       VARCHAR NOT NULL,
            idx          INTEGER NOT NULL,
            start_char   INTEGER NOT NULL,
            end_char     INTEGER NOT NULL,
            text         VARCHAR NOT NULL,
            actor        VARCHAR,
            via          VARCHAR NOT NULL,
            confidence   DOUBLE NOT NULL,
            alternatives VARCHAR[] NOT NULL,
            role         VARCHAR,
            sector       VARCHAR,
            PRIMARY KEY (doc_id, idx)
        );
        ALTER TABLE actors ADD COLUMN kb_id VARCHAR;
        ALTER TABLE document_actors ADD COLUMN sector VARCHAR;
        ALTER TABLE document_actors ADD COLUMN office JSON;
        """,
    ),
    (
        # Events and framing spans become typed (record.Event, record.FramingSpan). The events
        # table is rebuilt rather than altered so that its columns follow the Event's fields and
        # `location` turns from a JSON object into a place actor's id. Stores of the 0001/0002
        # era hold no events (the extractor wrote none), but any rows are carried across.
        # `day_first`/`day_last` are the calendar days the event's date covers, for date filters.
        "0003_events",
        """
        CREATE TABLE events_0003 (
            doc_id           VARCHAR NOT NULL,
            idx              INTEGER NOT NULL,
            type             VARCHAR NOT NULL,
            mode             VARCHAR,
            context          VARCHAR[] NOT NULL,
            cameo            VARCHAR,
            intensity        DOUBLE,
            source           VARCHAR[] NOT NULL,
            target           VARCHAR[] NOT NULL,
            sentence_start   INTEGER NOT NULL,
            sentence_end     INTEGER NOT NULL,
            trigger_start    INTEGER NOT NULL,
            trigger_end      INTEGER NOT NULL,
            trigger_text     VARCHAR NOT NULL,
            factuality       VARCHAR NOT NULL,
            confidence       DOUBLE NOT NULL,
            date             VARCHAR,
            date_precision   VARCHAR,
            date_start       INTEGER,
            date_end         INTEGER,
            day_first        DATE,
            day_last         DATE,
            location         VARCHAR,
            attributed_to    VARCHAR,
            attributed_actor VARCHAR,
            quote_start      INTEGER,
            quote_end        INTEGER,
            PRIMARY KEY (doc_id, idx)
        );
        INSERT INTO events_0003 (
            doc_id, idx, type, mode, context, cameo, intensity, source, target,
            sentence_start, sentence_end, trigger_start, trigger_end, trigger_text,
            factuality, confidence, date, day_first, day_last, location, attributed_to
        )
        SELECT e.doc_id, e.idx, e.type, e.mode, [], e.cameo, e.intensity,
               coalesce(e.source, []), coalesce(e.target, []),
               coalesce(e.sentence_start, e.trigger_start, 0), coalesce(e.sentence_end, e.trigger_end, 0),
               coalesce(e.trigger_start, e.sentence_start, 0), coalesce(e.trigger_end, e.sentence_end, 0),
               coalesce(substr(d.text, e.trigger_start + 1, e.trigger_end - e.trigger_start), ''),
               coalesce(e.factuality, 'asserted'), coalesce(e.confidence, 0.5), e.date,
               -- the calendar forms; weeks, quarters and seasons were never written by that era
               CASE WHEN regexp_full_match(e.date, '[0-9]{4}-[0-9]{2}-[0-9]{2}.*')
                        THEN try_cast(left(e.date, 10) AS DATE)
                    WHEN regexp_full_match(e.date, '[0-9]{4}-[0-9]{2}')
                        THEN try_cast(e.date || '-01' AS DATE)
                    WHEN regexp_full_match(e.date, '[0-9]{4}') THEN try_cast(e.date || '-01-01' AS DATE)
               END,
               CASE WHEN regexp_full_match(e.date, '[0-9]{4}-[0-9]{2}-[0-9]{2}.*')
                        THEN try_cast(left(e.date, 10) AS DATE)
                    WHEN regexp_full_match(e.date, '[0-9]{4}-[0-9]{2}')
                        THEN last_day(try_cast(e.date || '-01' AS DATE))
                    WHEN regexp_full_match(e.date, '[0-9]{4}') THEN try_cast(e.date || '-12-31' AS DATE)
               END,
               CASE WHEN json_type(e.location) = 'VARCHAR' THEN json_extract_string(e.location, '$') END,
               e.attributed_to
        FROM events e LEFT JOIN documents d ON d.id = e.doc_id;
        DROP TABLE events;
        ALTER TABLE events_0003 RENAME TO events;
        ALTER TABLE framing ADD COLUMN text VARCHAR;
        ALTER TABLE framing ADD COLUMN polarity VARCHAR;
        UPDATE framing
        SET text = substr(d.text, framing.start_char + 1, framing.end_char - framing.start_char)
        FROM documents d WHERE d.id = framing.doc_id;
        """,
    ),
    (
        # Corpus analysis (dragoman/corpus/). `event_clusters` groups the event rows that report
        # the same event; it is recomputed over the whole corpus after each ingest, and an event
        # row without a cluster row is its own cluster. `actor_merges` records, per document, each
        # document-local actor id the extractor wrote and the corpus actor it was stored as (and
        # why); `actor_splits` keeps a user's decision that a document's local actor is NOT the
        # corpus actor of the same name, so re-ingesting the document keeps them apart. Places keep
        # their coordinates (exports and maps need them).
        "0004_corpus",
        """
        CREATE TABLE event_clusters (
            doc_id     VARCHAR NOT NULL,
            idx        INTEGER NOT NULL,
            cluster_id VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE TABLE actor_merges (
            doc_id   VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            name     VARCHAR NOT NULL,
            kind     VARCHAR,
            country  VARCHAR,
            rule     VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, local_id)
        );
        ALTER TABLE actors ADD COLUMN lat DOUBLE;
        ALTER TABLE actors ADD COLUMN lon DOUBLE;
        ALTER TABLE actors ADD COLUMN geonameid BIGINT;
        CREATE TABLE actor_splits (
            doc_id   VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,
            made_at  TIMESTAMP NOT NULL,
            PRIMARY KEY (doc_id, local_id)
        );
        """,
    ),
    (
        # Framing spans keep the offsets of their sentence, their evidence, as events do; rows
        # written before stay NULL there (readers then find the sentence around the span).
        "0005_framing_sentence",
        """
        ALTER TABLE framing ADD COLUMN sentence_start INTEGER;
        ALTER TABLE framing ADD COLUMN sentence_end INTEGER;
        """,
    ),
)

#: Per-document tables, deleted and rewritten together when a document changes.
DOCUMENT_TABLES = (
    "entities", "mentions", "document_actors", "timexes", "events", "framing",
    "event_clusters", "actor_merges",
)  # fmt: skip
