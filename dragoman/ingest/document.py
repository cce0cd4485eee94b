"""The document record that every input reader produces, and the content hash that identifies it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class InputDocument:
    """One document read from an input, before any language analysis.

    Attributes:
        id: the input's own id (JSON-lines ``id``, feed entry id or link); ``None`` for plain files and
            HTML pages, whose id is the :func:`content_hash` of ``text``.
        text: the text that every offset indexes. For plain text and JSON lines it is the input exactly as
            given; for HTML and feeds it is the extracted main text.
        title: the title, where the input has one (never guessed for plain text).
        date: the publication date as ``YYYY-MM-DD``, or ``None``.
        url: the document's URL, where known.
        source: the publication (site name, feed title, or the JSON-lines ``source``).
        origin: the file path as given, or ``-`` for standard input.
        line: the 1-based line of a JSON-lines file, or the 1-based entry index in a feed; else ``None``.
        format: ``"text"``, ``"html"``, ``"jsonl"`` or ``"feed"``.
        language: the ISO 639-1 code detected from ``text``, or ``None`` where it cannot be determined.
        encoding: the character encoding the input bytes were decoded from, where Dragoman decoded them.
    """

    id: str | None
    text: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    origin: str
    line: int | None
    format: str
    language: str | None
    encoding: str | None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        date: str | None = None,
        id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        language: str | None = "en",
        origin: str = "<text>",
    ) -> InputDocument:
        """A document from a string already in memory (an API request, a test, a gold set).

        ``language`` defaults to English; pass ``None`` to have it treated as undetermined (also coded).
        """
        return cls(
            id=id, text=text, title=title, date=date, url=url, source=source, origin=origin, line=None,
            format="text", language=language, encoding=None,
        )  # fmt: skip


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of ``text`` encoded as UTF-8.

    It is the id of documents that have none of their own and the key that makes re-ingestion idempotent.

    Args:
        text: the document text.

    Returns:
        64 lowercase hex digits.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
