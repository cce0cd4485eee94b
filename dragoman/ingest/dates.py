"""Publication dates as the record stores them: ``YYYY-MM-DD``."""

from __future__ import annotations

import email.utils
import time
from datetime import date, datetime


def iso_date(value: object) -> str | None:
    """Return the ``YYYY-MM-DD`` date of an ISO 8601 date or date-time, or ``None``.

    The date part is kept as written: ``2026-01-20T23:30:00-05:00`` is ``2026-01-20``, the date where it
    was published, not the date in UTC.

    Args:
        value: the value found in the input (anything; only strings can be dates).

    Returns:
        The date, or ``None`` where ``value`` is not a string holding a valid ISO date.
    """
    if not isinstance(value, str):
        return None
    candidate = value.strip()
    try:
        return date.fromisoformat(candidate).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(candidate).date().isoformat()
    except ValueError:
        return None


def feed_date(raw: str | None, parsed: time.struct_time | None) -> str | None:
    """Return the ``YYYY-MM-DD`` date of a feed entry.

    The raw string is read first (RFC 822 for RSS, ISO 8601 for Atom) so that the date stays the one in
    the publisher's own time zone; feedparser's parsed value, which is in UTC, is the fallback.

    Args:
        raw: the entry's date as written (``published`` or ``updated``).
        parsed: feedparser's parsed value of it.

    Returns:
        The date, or ``None`` where the entry has no readable date.
    """
    if raw:
        found = iso_date(raw) or _rfc822_date(raw)
        if found:
            return found
    if parsed is not None:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _rfc822_date(raw: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
