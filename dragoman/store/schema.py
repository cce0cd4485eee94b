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
)

#: Per-document tables, deleted and rewritten together when a document changes.
DOCUMENT_TABLES = ("entities", "mentions", "document_actors", "timexes", "events", "framing")
