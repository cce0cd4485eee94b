"""JSON lines: one document per line, ``{"id": …, "text": …}`` with optional ``title``, ``date``,
``url`` and ``source`` (other keys are ignored).

Each bad line is reported as an :class:`~dragoman.errors.InputError` carrying its line number and
reading goes on with the next. Decisions:

* a missing, ``null`` or empty ``id`` gives ``id=None`` (the caller then uses the content hash); any
  other id is turned into a string (``7`` → ``"7"``);
* ``text`` must be a non-blank string and is kept exactly as given; it, the id and the kept metadata
  must be valid Unicode (JSON can escape half a surrogate pair, ``"\\ud800"``, which no UTF-8 text holds);
* ``title``, ``url`` and ``source`` are kept where they are non-blank strings, else ``None``;
* a ``date`` must be ``YYYY-MM-DD`` or an ISO 8601 date-time (its date part is kept); an unreadable date
  does not fail the document: it is logged and ``default_date`` applies, as if it were absent;
* blank lines are skipped silently; a UTF-8 BOM at the start of the file is ignored.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any, Protocol

from dragoman.errors import InputError
from dragoman.ingest.dates import iso_date
from dragoman.ingest.document import InputDocument
from dragoman.ingest.language import detect_language
from dragoman.ingest.limits import MAX_LINE_BYTES, too_large
from dragoman.ingest.text import is_blank, optional_text

logger = logging.getLogger(__name__)

_UTF8_BOM = b"\xef\xbb\xbf"
_CHUNK = 1024 * 1024

#: The optional string fields a document keeps from its JSON record.
_METADATA = ("title", "url", "source")


class LineStream(Protocol):
    """What :func:`read_jsonl` needs of its stream: a binary ``readline`` (any ``BinaryIO`` has one)."""

    def readline(self, size: int = -1, /) -> bytes: ...


def read_jsonl(
    stream: LineStream, origin: str, default_date: str | None = None
) -> Iterator[InputDocument | InputError]:
    """Read a JSON-lines stream line by line; no line may exceed :data:`MAX_LINE_BYTES`.

    Args:
        stream: the binary stream, read to its end (not closed).
        origin: the path (or ``-``), for the documents and errors.
        default_date: the date of documents whose line has no (valid) ``date``.

    Yields:
        An :class:`InputDocument` (``format="jsonl"``, ``line`` its 1-based line) for each good line and an
        :class:`InputError` for each bad one.
    """
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(stream)
            yield InputError(origin, f"{too_large(size, MAX_LINE_BYTES)}", number)
            continue
        if number == 1 and raw.startswith(_UTF8_BOM):
            raw = raw[len(_UTF8_BOM) :]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(origin, f"not UTF-8 ({exc.reason} at byte {exc.start})", number)
            continue
        if is_blank(line):
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"invalid JSON ({exc.msg} at column {exc.colno})", number)
            continue
        yield record_document(value, origin, number, default_date, format="jsonl")


def read_json(
    data: bytes, origin: str, default_date: str | None = None
) -> Iterator[InputDocument | InputError]:
    """Read a ``.json`` file: one object, an array of objects, or (most often) JSON lines.

    A file that parses as one JSON value is an object (one document, line 1) or an array of objects
    (``line`` is then the 1-based position in the array); anything else is read as JSON lines.

    Args:
        data: the file's bytes.
        origin: the path, for the documents and errors.
        default_date: the date of documents without a (valid) ``date``.

    Yields:
        Documents and errors as :func:`read_jsonl` does.
    """
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    try:
        value = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        # Not one JSON value: JSON lines (which reports each bad line), the common case.
        yield from read_jsonl(io.BytesIO(data), origin, default_date)
        return
    if isinstance(value, list):
        for position, item in enumerate(value, start=1):
            yield record_document(item, origin, position, default_date, format="jsonl")
    else:
        yield record_document(value, origin, 1, default_date, format="jsonl")


def record_document(
    value: Any, origin: str, line: int, default_date: str | None, *, format: str
) -> InputDocument | InputError:
    """Turn one parsed JSON record into a document, or the error saying what it lacks.

    Args:
        value: the parsed JSON value.
        origin: the path (or ``-``).
        line: its 1-based line (or array position).
        default_date: the date where the record has no valid one.
        format: the document's ``format``.

    Returns:
        The document, or an :class:`InputError` naming the line.
    """
    if not isinstance(value, dict):
        return InputError(origin, f"expected a JSON object, got {_json_type(value)}", line)
    if "text" not in value:
        return InputError(origin, 'no "text" field', line)
    text = value["text"]
    if not isinstance(text, str):
        return InputError(origin, f'"text" is {_json_type(text)}, not a string', line)
    if is_blank(text):
        return InputError(origin, "empty text", line)
    raw_id = value.get("id")
    doc_id = None if raw_id is None or raw_id == "" else str(raw_id)
    for key, string in (("text", text), ("id", doc_id), *((k, value.get(k)) for k in _METADATA)):
        position = _lone_surrogate(string)
        if position is not None:
            # JSON may escape half a UTF-16 pair ("\\ud800"); no UTF-8 text, hash or database holds one.
            return InputError(
                origin, f'"{key}" is not valid Unicode (a lone surrogate at character {position})', line
            )
    date = iso_date(value.get("date"))
    if date is None and value.get("date") is not None:
        logger.warning("%s:%d: unreadable date %r ignored", origin, line, value.get("date"))
    return InputDocument(
        id=doc_id,
        text=text,
        title=optional_text(value.get("title")),
        date=date or default_date,
        url=optional_text(value.get("url")),
        source=optional_text(value.get("source")),
        origin=origin,
        line=line,
        format=format,
        language=detect_language(text),
        encoding="utf-8",
    )


def _lone_surrogate(value: object) -> int | None:
    """The position of the first lone UTF-16 surrogate in a string value, else ``None``."""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def _skip_rest_of_line(stream: LineStream) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
