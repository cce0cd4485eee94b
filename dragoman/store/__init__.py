"""The embedded DuckDB store (schema, migrations and every write live here)."""

from dragoman.store.database import (
    DB_ENV,
    DEFAULT_DB,
    ActorMention,
    ActorSummary,
    DocumentSummary,
    SaveStatus,
    Store,
    default_db_path,
)
from dragoman.store.events import EventRow
from dragoman.store.framing import ActorFraming, FramingRow, FramingSummary, TechniqueCount

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "ActorFraming",
    "ActorMention",
    "ActorSummary",
    "DocumentSummary",
    "EventRow",
    "FramingRow",
    "FramingSummary",
    "SaveStatus",
    "Store",
    "TechniqueCount",
    "default_db_path",
]
