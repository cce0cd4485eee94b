"""Where inputs come from: paths, folders and standard input, each dispatched to the reader of its format.

A file's format is chosen by its extension; files with another or no extension, and standard input,
are sniffed: JSON lines if the first non-blank character is ``{``, a feed if the first element is
``<rss>``, ``<feed>`` or ``<rdf:RDF>``, HTML if it looks like markup, else plain text. Folders are walked
recursively in sorted order, skipping hidden files and folders and not following symbolic links to
folders (which could loop); inside folders, entries that are not regular files (FIFOs, sockets) are
reported as :class:`~dragoman.errors.UnsupportedInput`. A path given directly may be any readable file,
so process substitution (``<(zcat news.txt.gz)``) works.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from dragoman.errors import InputError, UnsupportedInput
from dragoman.ingest.dates import iso_date
from dragoman.ingest.document import InputDocument
from dragoman.ingest.feeds import read_feed
from dragoman.ingest.html import read_html
from dragoman.ingest.jsonl import read_json, read_jsonl
from dragoman.ingest.limits import MAX_FILE_BYTES, too_large
from dragoman.ingest.text import read_text

Result = InputDocument | InputError
Reader = Callable[[bytes, str, str | None], Iterator[Result]]

STDIN = "-"

_BY_SUFFIX: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".json": read_json,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

#: Extensions of formats Dragoman does not read, reported as such rather than as "binary file".
# fmt: off
_UNSUPPORTED_SUFFIXES = frozenset({
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx", ".ods", ".ppt", ".pptx",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg", ".mp3", ".mp4", ".wav",
    ".avi", ".mov", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".tar", ".rar", ".exe", ".so",
    ".dll", ".pyc", ".parquet", ".duckdb", ".sqlite", ".db",
})
# fmt: on

#: Bytes read from the start of an input to sniff its format.
_SNIFF_BYTES = 64 * 1024

_LEADING_MARKUP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)", re.IGNORECASE | re.DOTALL)
_ELEMENT = re.compile(r"<([A-Za-z][\w.:-]*)")
_HTML_TAG = re.compile(r"<(?:html|head|body|title|meta|div|p|article|main|section|span|a|h[1-6])\b", re.I)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})


def iter_inputs(
    paths: Iterable[str], default_date: str | None = None, stdin: BinaryIO | None = None
) -> Iterator[Result]:
    """Read every document in ``paths``, reporting bad inputs without stopping.

    Args:
        paths: files, folders (walked recursively in sorted order, hidden entries skipped) and ``-`` for
            standard input, in the order given.
        default_date: ``YYYY-MM-DD`` date given to documents whose input has none (``--date``).
        stdin: the binary stream read for ``-``; ``sys.stdin.buffer`` where ``None``.

    Returns:
        An iterator of :class:`InputDocument` and, for each input (file, line, entry) that could not be
        read, the :class:`~dragoman.errors.InputError` saying why, in input order. Errors are yielded,
        not raised, so that one bad input does not end a batch.

    Raises:
        ValueError: ``default_date`` is not a ``YYYY-MM-DD`` date (raised at the call, before any reading).
        TypeError: ``paths`` is a single string rather than an iterable of paths.
    """
    if isinstance(paths, str | bytes):
        raise TypeError("paths must be an iterable of paths, not a single string")
    if default_date is not None and iso_date(default_date) != default_date:
        raise ValueError(f"default_date must be a YYYY-MM-DD date, not {default_date!r}")
    return _iter_inputs(list(paths), default_date, stdin)


def _iter_inputs(paths: list[str], default_date: str | None, stdin: BinaryIO | None) -> Iterator[Result]:
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, default_date)
        else:
            yield from _read_path(path, default_date)


def _read_path(path: str, default_date: str | None) -> Iterator[Result]:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield InputError(path, _os_reason(exc))
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path, default_date)
    else:
        yield from _read_file(path, default_date)


def _walk(folder: str, default_date: str | None) -> Iterator[Result]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(
                (entry for entry in scan if not entry.name.startswith(".")), key=lambda e: e.name
            )
    except OSError as exc:
        yield InputError(folder, _os_reason(exc))
        return
    for entry in entries:
        path = os.path.join(folder, entry.name)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            yield InputError(path, _os_reason(exc))
            continue
        if is_folder:
            yield from _walk(path, default_date)
        elif entry.is_file() or entry.is_symlink():
            # A link to a folder is not followed (it could loop); a broken link is reported by the read.
            if not os.path.isdir(path):
                yield from _read_file(path, default_date)
        else:
            # FIFOs, sockets and devices in a folder would block or never end; name them instead.
            yield UnsupportedInput(path, "not a regular file")


def _read_file(path: str, default_date: str | None) -> Iterator[Result]:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _UNSUPPORTED_SUFFIXES:
        yield UnsupportedInput(path, f"{suffix} files are not supported (text, HTML, JSON lines, RSS/Atom)")
        return
    try:
        if suffix in _JSONL_SUFFIXES:
            with open(path, "rb") as stream:
                yield from read_jsonl(stream, path, default_date)
            return
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
            size = _size(stream, len(data))
    except OSError as exc:
        yield InputError(path, _os_reason(exc))
        return
    if size > MAX_FILE_BYTES:
        yield InputError(path, too_large(size, MAX_FILE_BYTES))
        return
    reader = _BY_SUFFIX.get(suffix) or _sniff(data)
    yield from reader(data, path, default_date)


def _read_stdin(stream: BinaryIO, default_date: str | None) -> Iterator[Result]:
    try:
        head = stream.read(_SNIFF_BYTES)
        reader = _sniff(head)
        if reader is _read_jsonl_bytes:
            # Stream JSON lines from standard input rather than holding them all.
            yield from read_jsonl(_Prepended(head, stream), STDIN, default_date)
            return
        data = head + stream.read(MAX_FILE_BYTES + 1 - len(head))
    except OSError as exc:
        yield InputError(STDIN, _os_reason(exc))
        return
    if len(data) > MAX_FILE_BYTES:
        yield InputError(STDIN, too_large(len(data), MAX_FILE_BYTES))
        return
    yield from reader(data, STDIN, default_date)


def _read_jsonl_bytes(data: bytes, origin: str, default_date: str | None) -> Iterator[Result]:
    return read_jsonl(io.BytesIO(data), origin, default_date)


def _sniff(data: bytes) -> Reader:
    head = _sniff_text(data[:_SNIFF_BYTES]).lstrip()
    if head.startswith("{"):
        return _read_jsonl_bytes
    if not head.startswith("<"):
        return read_text
    prolog = _LEADING_MARKUP.match(head)
    while prolog and prolog.end() > 0:
        if re.match(r"\s*<!doctype\s+html", prolog.group(0), re.IGNORECASE):
            return read_html
        head = head[prolog.end() :]
        prolog = _LEADING_MARKUP.match(head)
    element = _ELEMENT.match(head.lstrip())
    if element and element.group(1).lower() in _FEED_ROOTS:
        return read_feed
    if _HTML_TAG.search(head[:4096]):
        return read_html
    return read_text


def _sniff_text(head: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    # Only the ASCII markup matters here; Latin-1 decodes any byte without failing.
    return head.decode("latin-1")


def _size(stream: BinaryIO, read: int) -> int:
    try:
        return max(os.fstat(stream.fileno()).st_size, read)
    except OSError:
        return read


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


class _Prepended:
    """A binary stream that yields ``head`` before the rest of ``stream`` (for sniffed standard input)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._stream = stream

    def readline(self, size: int = -1) -> bytes:
        line = self._head.readline(size)
        if line.endswith(b"\n") or (size >= 0 and len(line) >= size):
            return line
        rest = self._stream.readline(size - len(line) if size >= 0 else -1)
        return line + rest
