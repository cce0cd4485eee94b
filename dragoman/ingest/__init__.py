"""Ingest: turn files, folders, JSON lines, HTML pages, RSS/Atom feeds and standard input into documents.

The one entry point is :func:`iter_inputs`; it yields an :class:`InputDocument` for each document read
and the :class:`~dragoman.errors.InputError` for each input that could not be, so a batch goes on.
Size limits are in :mod:`dragoman.ingest.limits`.
"""

from __future__ import annotations

from dragoman.ingest.document import InputDocument, content_hash
from dragoman.ingest.language import detect_language
from dragoman.ingest.sources import iter_inputs

__all__ = ["InputDocument", "content_hash", "detect_language", "iter_inputs"]
