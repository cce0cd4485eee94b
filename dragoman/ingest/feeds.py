"""RSS and Atom feeds: one document per entry, read with feedparser (no network access)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import feedparser

from dragoman.errors import InputError
from dragoman.ingest.dates import feed_date
from dragoman.ingest.document import InputDocument
from dragoman.ingest.html import html_to_text
from dragoman.ingest.language import detect_language
from dragoman.ingest.text import optional_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_feed(
    data: bytes, origin: str, default_date: str | None = None
) -> Iterator[InputDocument | InputError]:
    """Read the entries of an RSS or Atom feed.

    Each entry gives a document whose text is its full content where the feed carries it, else its
    summary, converted from HTML to text by :func:`~dragoman.ingest.html.html_to_text`; its ``title``,
    its link as ``url``, its id (the RSS ``guid`` / Atom ``id``, else the link) as ``id``, its
    publication (else update) date in the publisher's time zone as ``date``, and the feed's title as
    ``source``. ``line`` is the entry's 1-based position in the feed.

    Args:
        data: the feed's bytes (feedparser finds the encoding from the XML declaration).
        origin: the path (or ``-``), for the documents and errors.
        default_date: the date of entries that have none.

    Yields:
        A document for each entry with text; an :class:`InputError` for each entry without text (with
        the entry's position as ``line``), or a single one for a feed that cannot be read or has no entries.
    """
    # A stream, never bytes or str: feedparser takes those for a path or URL to open when they look like one.
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's encoding sniffing raises on some malformed declarations
        yield InputError(origin, f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield InputError(origin, f"not a readable RSS/Atom feed ({reason})")
        elif not parsed.get("version"):
            yield InputError(origin, "not an RSS/Atom feed")
        else:
            yield InputError(origin, "feed has no entries")
        return
    source = optional_text(parsed.get("feed", {}).get("title"))
    encoding = parsed.get("encoding") or None
    for position, entry in enumerate(entries, start=1):
        text = _entry_text(entry)
        if not text:
            yield InputError(origin, f"entry {position}: no text", position)
            continue
        link = optional_text(entry.get("link"))
        yield InputDocument(
            id=optional_text(entry.get("id")) or link,
            text=text,
            title=optional_text(entry.get("title")),
            date=_entry_date(entry) or default_date,
            url=link,
            source=source,
            origin=origin,
            line=position,
            format="feed",
            language=detect_language(text),
            encoding=encoding,
        )


def _entry_text(entry: Any) -> str:
    # The full content (content:encoded, Atom <content>) where present, else the summary/description.
    for content in entry.get("content") or []:
        text = _to_text(content.get("value"), content.get("type"))
        if text:
            return text
    detail = entry.get("summary_detail") or {}
    return _to_text(entry.get("summary"), detail.get("type"))


def _to_text(value: str | None, kind: str | None) -> str:
    if not value:
        return ""
    if kind in _HTML_TYPES or "<" in value:
        return html_to_text(value)
    return value.strip()


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        found = feed_date(entry.get(key), entry.get(f"{key}_parsed"))
        if found:
            return found
    return None
