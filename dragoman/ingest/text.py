"""Plain-text inputs: decoding their bytes into exactly the text the author wrote.

Only a byte-order mark is removed: line endings, leading and trailing white space are kept, because the
offsets of the extraction record index the user's own data.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import charset_normalizer

from dragoman.errors import InputError
from dragoman.ingest.document import InputDocument
from dragoman.ingest.language import detect_language

#: Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of control characters (other than tab, line feed, carriage return, form feed) above which a
#: decoded text is taken for binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01

#: When charset-normalizer finds several equally plausible single-byte encodings (common for short
#: texts), prefer the one most news text in Latin script is written in.
_PREFERRED_TIES = ("utf_8", "cp1252", "latin_1")

#: C0 and C1 control characters other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

#: UTF-16 without a BOM is recognised from the first bytes when at least this share of the pairs have
#: a NUL high byte (Latin-script text: nearly all) and at most this share a NUL low byte (none in text).
_UTF16_SAMPLE = 4096
_UTF16_MIN_NULS = 0.3
_UTF16_MAX_STRAY_NULS = 0.01

_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}

BINARY = "binary file, not text"
EMPTY = "empty document"


def decode_bytes(
    data: bytes, origin: str, *, line: int | None = None, declared: str | None = None
) -> tuple[str, str]:
    """Decode ``data`` and return the text and the encoding it was decoded from.

    UTF-8 (with or without BOM), UTF-16/32 with BOM and UTF-16 without BOM (from its NUL bytes) are
    recognised first; anything else is detected with charset-normalizer (e.g. Latin-1 or cp1252 pages).
    Only the BOM is removed.

    Args:
        data: the raw bytes of the input.
        origin: the input's path (or ``-``), for the error.
        line: the line or entry the bytes came from, for the error.
        declared: an encoding the input declares (an HTML ``<meta charset>``), tried after UTF-8 and
            before detection; ignored where unknown to Python or where the bytes do not decode with it.

    Returns:
        ``(text, encoding)``, the encoding as a Python codec name (``"utf-8"``, ``"utf-8-sig"``,
        ``"utf-16"``, ``"cp1252"``, …).

    Raises:
        InputError: ``"binary file, not text"`` for data that is not text in any plausible encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(origin, BINARY, line) from exc
    if b"\x00" in data:
        # Text has no NUL bytes, except UTF-16 without a BOM (Windows tools write it): there, the NULs
        # are the high bytes of Latin-script characters, all on one side of each pair.
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(origin, BINARY, line)
        try:
            text, encoding = data.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise InputError(origin, BINARY, line) from exc
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_declared(data, declared) or _detect(data, origin, line)
    if _looks_binary(text):
        raise InputError(origin, BINARY, line)
    return text, encoding


def is_blank(text: str) -> bool:
    """Return whether ``text`` is empty or only white space (including the Unicode spaces)."""
    return not text or text.isspace()


def optional_text(value: object) -> str | None:
    """A metadata value (title, URL, id…) stripped, or ``None`` unless it is a non-blank string."""
    if isinstance(value, str) and not is_blank(value):
        return value.strip()
    return None


def _decode_declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    if not declared:
        return None
    try:
        encoding = codecs.lookup(declared).name
        # As browsers do (WHATWG Encoding), a page labelled Latin-1 or ASCII is read as windows-1252.
        encoding = _WHATWG_ALIASES.get(encoding, encoding)
        return data.decode(encoding), encoding
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes, origin: str, line: int | None) -> tuple[str, str]:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(origin, BINARY, line)
    encoding = best.encoding
    # Matches equal to the best in chaos and coherence decode equally well; among them, and among the
    # charsets each match stands for, prefer the Western defaults (cp1250 often wins a short Latin-1 text
    # by chance and turns "señor" into "seńor").
    tied = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
    candidates = {charset for m in tied for charset in m.could_be_from_charset}
    for preferred in _PREFERRED_TIES:
        if preferred in candidates:
            encoding = preferred
            break
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise InputError(origin, BINARY, line) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` where the NUL bytes of ``data`` sit on one side of each pair."""
    if len(data) % 2:
        return None
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= _UTF16_MIN_NULS * pairs and even <= _UTF16_MAX_STRAY_NULS * pairs:
        return "utf-16-le"
    if even >= _UTF16_MIN_NULS * pairs and odd <= _UTF16_MAX_STRAY_NULS * pairs:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE


def read_text(
    data: bytes, origin: str, default_date: str | None = None
) -> Iterator[InputDocument | InputError]:
    """Read a plain-text input: its text is the decoded bytes exactly as given (only a BOM removed).

    Args:
        data: the raw bytes.
        origin: the path (or ``-``), for the document and errors.
        default_date: the document's date (plain text carries none of its own).

    Yields:
        One :class:`InputDocument` with ``format="text"`` and no id, title, URL or source; or the
        :class:`InputError` for binary data (``"binary file, not text"``) or blank text
        (``"empty document"``).
    """
    try:
        text, encoding = decode_bytes(data, origin)
    except InputError as error:
        yield error
        return
    if is_blank(text):
        yield InputError(origin, EMPTY)
        return
    yield InputDocument(
        id=None,
        text=text,
        title=None,
        date=default_date,
        url=None,
        source=None,
        origin=origin,
        line=None,
        format="text",
        language=detect_language(text),
        encoding=encoding,
    )
