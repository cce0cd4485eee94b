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

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "ActorMention",
    "ActorSummary",
    "DocumentSummary",
    "EventRow",
    "SaveStatus",
    "Store",
    "default_db_path",
]
